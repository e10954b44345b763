import { describe, expect, it } from 'vitest';
import { run, sh, testHost } from '../testing/harness';
import { ManualClock } from '../index';

const host = () => testHost({ clock: new ManualClock(Date.UTC(2026, 10, 22, 11, 2, 49)) });
const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string, stdout = '') => ({ stdout, stderr, code: 1 });

describe('basename and dirname', () => {
  it('strip as GNU does', async () => {
    const h = host();
    expect(await run(h, ['basename', '/a/b/c.txt', '.txt'])).toEqual(ok('c\n'));
    expect(await run(h, ['basename', '/'])).toEqual(ok('/\n'));
    expect(await run(h, ['basename', '-a', '/a/b', '/c/'])).toEqual(ok('b\nc\n'));
    expect(await run(h, ['basename', '-s', '.c', 'x.c', 'y.c', '.c'])).toEqual(ok('x\ny\n.c\n'));
    expect(await run(h, ['basename', '-z', 'a/b'])).toEqual(ok('b\0'));
    expect(await run(h, ['basename', 'a', 'b', 'c'])).toEqual(fail("basename: extra operand ‘c’\nTry 'basename --help' for more information.\n"));
    expect(await run(h, ['basename'])).toEqual(fail("basename: missing operand\nTry 'basename --help' for more information.\n"));
    expect(await run(h, ['dirname', '/a/b/c.txt', 'c', '/', 'a//b//'])).toEqual(ok('/a/b\n.\n/\na\n'));
    expect(await run(h, ['dirname', '-z'])).toEqual(fail("dirname: missing operand\nTry 'dirname --help' for more information.\n"));
  });
});

describe('readlink and realpath', () => {
  it('read links and canonicalize names', async () => {
    const h = host();
    await sh(h, 'touch f && ln -s f l && ln -s nowhere dl && mkdir d && ln -s d dl2 && ln -s loop1 loop2 && ln -s loop2 loop1');
    expect(await run(h, ['readlink', 'l'])).toEqual(ok('f\n'));
    expect(await run(h, ['readlink', 'f'])).toEqual(fail(''));
    expect(await run(h, ['readlink', '-v', 'f'])).toEqual(fail('readlink: f: Invalid argument\n'));
    expect(await run(h, ['readlink', '-f', 'l', 'dl', 'd/../f', 'dl2/x'])).toEqual(ok('/home/student/f\n/home/student/nowhere\n/home/student/f\n/home/student/d/x\n'));
    expect(await run(h, ['readlink', '-f', 'nosuch/x'])).toEqual(fail(''));
    expect(await run(h, ['readlink', '-e', 'dl'])).toEqual(fail(''));
    expect(await run(h, ['readlink', '-m', 'nosuch/../x/y'])).toEqual(ok('/home/student/x/y\n'));
    expect(await run(h, ['readlink', '-n', 'l'])).toEqual(ok('f'));
    expect(await run(h, ['readlink', '-n', 'l', 'l'])).toEqual({ stdout: 'f\nf\n', stderr: 'readlink: ignoring --no-newline with multiple arguments\n', code: 0 });
    expect(await run(h, ['readlink'])).toEqual(fail("readlink: missing operand\nTry 'readlink --help' for more information.\n"));
    expect(await run(h, ['realpath', 'l', 'dl', 'nosuch', '/usr/../bin/ls'])).toEqual(ok('/home/student/f\n/home/student/nowhere\n/home/student/nosuch\n/usr/bin/ls\n'));
    expect(await run(h, ['realpath', 'd/x/y'])).toEqual(fail('realpath: d/x/y: No such file or directory\n'));
    expect(await run(h, ['realpath', '-e', 'dl'])).toEqual(fail('realpath: dl: No such file or directory\n'));
    expect(await run(h, ['realpath', 'f/x'])).toEqual(fail('realpath: f/x: Not a directory\n'));
    expect(await run(h, ['realpath', 'loop1'])).toEqual(fail('realpath: loop1: Too many levels of symbolic links\n'));
    expect(await run(h, ['realpath', '-q', 'd/x/y'])).toEqual(fail(''));
    expect(await run(h, ['realpath', '-m', 'a/../b'])).toEqual(ok('/home/student/b\n'));
    expect(await run(h, ['realpath', '-s', 'dl2/../f'])).toEqual(ok('/home/student/f\n'));
    expect(await run(h, ['realpath'])).toEqual(fail("realpath: missing operand\nTry 'realpath --help' for more information.\n"));
  });
});

describe('pwd', () => {
  it('prints the physical directory unless -L trusts $PWD', async () => {
    const h = host();
    await sh(h, 'mkdir d && ln -s d dl2');
    expect(await sh(h, 'cd dl2 && /usr/bin/pwd && /usr/bin/pwd -L && /usr/bin/pwd -P && /usr/bin/pwd -LP')).toEqual(ok(
      '/home/student/d\n/home/student/dl2\n/home/student/d\n/home/student/d\n',
    ));
    expect(await run(h, ['pwd'], { cwd: '/tmp' })).toEqual(ok('/tmp\n'));
    expect(await run(h, ['pwd', '-L'], { cwd: '/tmp', env: { PWD: '/home/student' } })).toEqual(ok('/tmp\n'));
    expect(await run(h, ['pwd', '-x'])).toEqual(fail("pwd: invalid option -- 'x'\nTry 'pwd --help' for more information.\n"));
  });
});

describe('tee', () => {
  it('copies standard input to standard output and files, appending with -a', async () => {
    const h = host();
    expect(await run(h, ['tee', 'o1', 'o2'], { stdin: 'hi\n' })).toEqual(ok('hi\n'));
    expect(await run(h, ['tee', '-a', 'o1'], { stdin: 'yo\n' })).toEqual(ok('yo\n'));
    expect(await run(h, ['tee', 'o2'], { stdin: 'new\n' })).toEqual(ok('new\n'));
    expect(await sh(h, 'cat o1 o2')).toEqual(ok('hi\nyo\nnew\n'));
    expect(await run(h, ['tee', '/nope/x', 'o3'], { stdin: 'x\n' })).toEqual(fail('tee: /nope/x: No such file or directory\n', 'x\n'));
    expect(await run(h, ['tee', '/etc/hostname'], { stdin: 'x\n' })).toEqual(fail('tee: /etc/hostname: Permission denied\n', 'x\n'));
    expect(await run(h, ['cat', 'o3'])).toEqual(ok('x\n'));
    expect(await run(h, ['tee', '--bogus'])).toEqual(fail("tee: unrecognized option '--bogus'\nTry 'tee --help' for more information.\n"));
  });

  it('passes each chunk on as it arrives', async () => {
    const h = host();
    const clock = h.kernel.clock as ManualClock;
    const done = sh(h, '(echo first; sleep 5; echo second) | tee out');
    // While the writer sleeps, the first line is already in the file.
    await new Promise<void>((r) => setTimeout(r, 200));
    expect(h.vfs.readText({ cwd: '/', cred: { uid: 0, gid: 0, groups: [0] } }, '/home/student/out')).toBe('first\n');
    clock.advance(5000);
    expect(await done).toEqual(ok('first\nsecond\n'));
  });
});
