import { describe, expect, it } from 'vitest';
import { run, testHost } from '../testing/harness';
import { TerminalDriver } from '../testing/terminal';
import { ManualClock } from '../index';
import { evaluateTest, testStatus, type TestEnv } from './test';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const START = Date.UTC(2026, 10, 22, 11, 2, 49);

describe('test and [', () => {
  it('evaluates strings, integers, files and connectives', async () => {
    const host = testHost();
    const t = async (...args: string[]) => (await run(host, ['test', ...args])).code;
    expect(await t()).toBe(1);
    expect(await t('x')).toBe(0);
    expect(await t('')).toBe(1);
    expect(await t('-n', '')).toBe(1);
    expect(await t('-z', '')).toBe(0);
    expect(await t('a', '=', 'a')).toBe(0);
    expect(await t('a', '==', 'b')).toBe(1);
    expect(await t('a', '!=', 'b')).toBe(0);
    expect(await t('a', '<', 'b')).toBe(0);
    expect(await t('a', '>', 'b')).toBe(1);
    expect(await t('10', '-gt', '9')).toBe(0);
    expect(await t('-3', '-lt', '2', '-a', '2', '-le', '2')).toBe(0);
    expect(await t('1', '-eq', '2', '-o', '3', '-ge', '3')).toBe(0);
    expect(await t('!', '1', '-ne', '1')).toBe(0);
    expect(await t('(', '1', '-eq', '1', ')', '-a', '!', '(', 'x', '=', 'y', ')')).toBe(0);
    expect(await t('-d', '/tmp')).toBe(0);
    expect(await t('-f', '/etc/passwd')).toBe(0);
    expect(await t('-e', '/nonexistent')).toBe(1);
    expect(await t('-L', '/bin')).toBe(0);
    expect(await t('-h', '/etc')).toBe(1);
    expect(await t('-r', '/etc/shadow')).toBe(1);
    expect(await t('-w', '/home/student')).toBe(0);
    expect(await t('-x', '/usr/bin/ls')).toBe(0);
    expect(await t('-s', '/etc/hostname')).toBe(0);
    expect(await t('-s', '/var/log/syslog')).toBe(1);
  });

  it('compares modification times', async () => {
    const clock = new ManualClock(START);
    const host = testHost({ clock });
    await run(host, ['touch', '/tmp/old']);
    clock.advance(5000);
    await run(host, ['touch', '/tmp/new']);
    expect((await run(host, ['test', '/tmp/new', '-nt', '/tmp/old'])).code).toBe(0);
    expect((await run(host, ['test', '/tmp/new', '-ot', '/tmp/old'])).code).toBe(1);
    expect((await run(host, ['test', '/tmp/old', '-nt', '/tmp/missing'])).code).toBe(0);
  });

  it('reports errors as coreutils does, with status 2', async () => {
    const host = testHost();
    expect(await run(host, ['test', 'x', '-eq', '1'])).toEqual({ stdout: '', stderr: 'test: invalid integer ‘x’\n', code: 2 });
    expect(await run(host, ['test', 'a', 'b'])).toEqual({ stdout: '', stderr: 'test: ‘a’: unary operator expected\n', code: 2 });
    expect(await run(host, ['test', 'a', 'b', 'c'])).toEqual({ stdout: '', stderr: 'test: ‘b’: binary operator expected\n', code: 2 });
    expect(await run(host, ['test', '(', 'a', 'b', 'c', 'd'])).toEqual({ stdout: '', stderr: 'test: ‘)’ expected, found ‘b’\n', code: 2 });
    expect(await run(host, ['[', '1', '-eq', '1'])).toEqual({ stdout: '', stderr: '[: missing ‘]’\n', code: 2 });
    expect(await run(host, ['[', '1', '-eq', '1', ']'])).toEqual(ok(''));
    expect(await run(host, ['[', ']'])).toEqual({ stdout: '', stderr: '', code: 1 });
  });

  it('evaluateTest works over a small interface, with bash wording on request', () => {
    const files: Record<string, { type: 'file' | 'dir'; size: number; mtimeMs: number; mode: number; uid: number; gid: number }> = {
      '/f': { type: 'file', size: 3, mtimeMs: 2, mode: 0o644, uid: 0, gid: 0 },
      '/d': { type: 'dir', size: 0, mtimeMs: 1, mode: 0o755, uid: 0, gid: 0 },
    };
    const env: TestEnv = {
      stat: (p) => {
        const f = files[p];
        if (!f) throw new Error('ENOENT');
        return f;
      },
      lstat: (p) => env.stat(p),
      access: (p) => p in files,
    };
    expect(evaluateTest(['-f', '/f'], env)).toBe(0);
    expect(evaluateTest(['-d', '/f'], env)).toBe(1);
    expect(evaluateTest(['/f', '-nt', '/d'], env)).toBe(0);
    expect(testStatus(['x', '-eq', '1'], env, 'bash')).toEqual({ status: 2, message: 'x: integer expression expected' });
    expect(testStatus(['x', '-eq', '1'], env)).toEqual({ status: 2, message: 'invalid integer ‘x’' });
    expect(testStatus(['a', 'b', 'c'], env, 'bash')).toEqual({ status: 2, message: 'b: binary operator expected' });
  });
});

describe('man', () => {
  it('prints a page built from the program\'s spec; unknown pages exit 16', async () => {
    const host = testHost();
    expect(await run(host, ['man', 'sleep'])).toEqual(ok(
      'SLEEP(1)                         User Commands                          SLEEP(1)\n' +
      '\n' +
      'NAME\n' +
      '       sleep - delay for a specified amount of time\n' +
      '\n' +
      'SYNOPSIS\n' +
      '       sleep NUMBER[SUFFIX]...\n' +
      '\n' +
      'DESCRIPTION\n' +
      "       Pause for NUMBER seconds. SUFFIX may be 's' for seconds (the default), 'm' for minutes, 'h' for hours or 'd' for days.\n" +
      '\n' +
      'DockerSim                                                               SLEEP(1)\n'));
    expect(await run(host, ['man', 'nosuch'])).toEqual({ stdout: '', stderr: 'No manual entry for nosuch\n', code: 16 });
    expect(await run(host, ['man'])).toEqual({ stdout: '', stderr: "What manual page do you want?\nFor example, try 'man man'.\n", code: 1 });
  });

  it('has no page for a program whose file is gone', async () => {
    const host = testHost();
    await run(host, ['rm', '/usr/bin/yes'], { user: 'root' });
    expect(await run(host, ['man', 'yes'])).toEqual({ stdout: '', stderr: 'No manual entry for yes\n', code: 16 });
  });
});

describe('sudo', () => {
  it('runs a command as root for members of group sudo, with sudo\'s environment', async () => {
    const host = testHost();
    expect(await run(host, ['sudo', 'id'])).toEqual(ok('uid=0(root) gid=0(root) groups=0(root)\n'));
    expect(await run(host, ['sudo', 'env'], { env: { TERM: 'xterm', SECRET: '1' } })).toEqual(ok(
      'LANG=C.UTF-8\nTERM=xterm\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOME=/root\nSHELL=/bin/bash\nLOGNAME=root\nUSER=root\n' +
      'MAIL=/var/mail/root\nSUDO_COMMAND=/usr/bin/env\nSUDO_USER=student\nSUDO_UID=1000\nSUDO_GID=1000\n'));
    expect(await run(host, ['sudo', 'sh', '-c', 'exit 3'])).toEqual({ stdout: '', stderr: '', code: 3 });
    expect(await run(host, ['sudo', '-u', 'www-data', 'whoami'])).toEqual(ok('www-data\n'));
    expect(await run(host, ['sudo', 'nosuch'])).toEqual({ stdout: '', stderr: 'sudo: nosuch: command not found\n', code: 1 });
  });

  it('refuses users outside the sudo group and prints usage without a command', async () => {
    const host = testHost();
    expect(await run(host, ['sudo', 'id'], { user: 'www-data' })).toEqual({ stdout: '', stderr: 'www-data is not in the sudoers file.\n', code: 1 });
    const r = await run(host, ['sudo']);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith('usage: sudo -h | -K | -k | -V\n')).toBe(true);
  });
});

describe('id, whoami, groups, env, which', () => {
  it('id in all its forms', async () => {
    const host = testHost();
    expect(await run(host, ['id'])).toEqual(ok('uid=1000(student) gid=1000(student) groups=1000(student),27(sudo),999(docker)\n'));
    expect(await run(host, ['id', '-u'])).toEqual(ok('1000\n'));
    expect(await run(host, ['id', '-g'])).toEqual(ok('1000\n'));
    expect(await run(host, ['id', '-G'])).toEqual(ok('1000 27 999\n'));
    expect(await run(host, ['id', '-Gn'])).toEqual(ok('student sudo docker\n'));
    expect(await run(host, ['id', '-un'])).toEqual(ok('student\n'));
    expect(await run(host, ['id', 'root'])).toEqual(ok('uid=0(root) gid=0(root) groups=0(root)\n'));
    expect(await run(host, ['whoami'], { user: 'root' })).toEqual(ok('root\n'));
    expect(await run(host, ['groups'])).toEqual(ok('student sudo docker\n'));
  });

  it('env prints, edits and runs', async () => {
    const host = testHost();
    expect(await run(host, ['env'], { env: { A: '1' } })).toEqual(ok('HOME=/home/student\nUSER=student\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nLANG=C.UTF-8\nA=1\n'));
    expect(await run(host, ['env', '-i', 'X=y', 'env'])).toEqual(ok('X=y\n'));
    expect(await run(host, ['env', '-u', 'HOME', '-u', 'LANG', '-u', 'PATH', 'B=2'])).toEqual(ok('USER=student\nB=2\n'));
    expect(await run(host, ['env', 'nosuch'])).toEqual({ stdout: '', stderr: 'env: ‘nosuch’: No such file or directory\n', code: 127 });
  });

  it('which searches PATH', async () => {
    const host = testHost();
    expect(await run(host, ['which', 'ls', 'sleep'])).toEqual(ok('/usr/bin/ls\n/usr/bin/sleep\n'));
    expect(await run(host, ['which', '-a', 'ls'], { env: { PATH: '/usr/bin:/bin' } })).toEqual(ok('/usr/bin/ls\n/bin/ls\n'));
    expect(await run(host, ['which', 'ls', 'nosuch'])).toEqual({ stdout: '/usr/bin/ls\n', stderr: '', code: 1 });
  });
});

describe('date, clear, nproc, tty, stty', () => {
  it('date formats the kernel clock', async () => {
    const host = testHost({ clock: new ManualClock(START) });
    expect(await run(host, ['date'])).toEqual(ok('Sun Nov 22 11:02:49 UTC 2026\n'));
    expect(await run(host, ['date', '-u', '+%Y-%m-%d %H:%M:%S %s %a %b %A %B %e %j %Z %z'])).toEqual(ok('2026-11-22 11:02:49 1795345369 Sun Nov Sunday November 22 326 UTC +0000\n'));
    expect(await run(host, ['date', '+%F %T %D %R%n%t%%'])).toEqual(ok('2026-11-22 11:02:49 11/22/26 11:02\n\t%\n'));
    expect(await run(host, ['date', '-d', '@0'])).toEqual(ok('Thu Jan  1 00:00:00 UTC 1970\n'));
  });

  it('clear, nproc and tty off a terminal', async () => {
    const host = testHost();
    expect(await run(host, ['clear'])).toEqual(ok('\x1b[H\x1b[2J\x1b[3J'));
    expect(await run(host, ['nproc'])).toEqual(ok('2\n'));
    expect(await run(host, ['tty'])).toEqual({ stdout: 'not a tty\n', stderr: '', code: 1 });
  });

  it('tty and stty on a terminal', async () => {
    const t = new TerminalDriver(testHost(), { cols: 100, rows: 30 });
    await t.prompt();
    expect(await t.type('tty\r')).toBe('tty\n/dev/pts/0\nstudent@host:~$ ');
    expect(await t.type('stty size\r')).toBe('stty size\n30 100\nstudent@host:~$ ');
  });
});
