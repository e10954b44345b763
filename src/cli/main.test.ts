import { describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdtemp, readFile, readlink, readdir, mkdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCli } from './options';
import { stripTerminal } from './screen';

const BIN = path.resolve(__dirname, '../../bin/dockersim.mjs');

/** Runs the real command from an unrelated directory, as `npx dockersim` would be run anywhere. */
function dockersim(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile('node', [BIN, ...args], { timeout: 30000, cwd: tmpdir() }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 });
    });
    child.stdin!.end(input ?? '');
  });
}

const tempDir = () => mkdtemp(path.join(tmpdir(), 'dockersim-'));

describe('dockersim command line', () => {
  it('feeds piped lines as typed and exits with the last status', async () => {
    expect(await dockersim([], 'echo a\nfalse\necho $?\n')).toEqual({ stdout: 'a\n1\n', stderr: '', code: 0 });
    expect(await dockersim([], 'echo a\nfalse\n')).toEqual({ stdout: 'a\n', stderr: '', code: 1 });
  });

  it('types lines into programs that read input, runs a last line without a newline, takes CRLF lines', async () => {
    expect(await dockersim([], 'cat\nhello\n')).toEqual({ stdout: 'hello\n', stderr: '', code: 0 });
    expect(await dockersim([], 'read x\r\nworld\r\necho "[$x]"\r\nexit 3')).toEqual({ stdout: '[world]\n', stderr: '', code: 3 });
  });

  it('shows what the terminal shows, without colour codes', async () => {
    expect(await dockersim([], 'printf "\\033[1;31mred\\033[0m\\r\\n"\nls --color=always -d /tmp\n')).toEqual({ stdout: 'red\n/tmp\n', stderr: '', code: 0 });
  });

  it('runs a script file', async () => {
    const file = path.join(await tempDir(), 'lesson.sh');
    await writeFile(file, 'cd /tmp\npwd\nexit 3\n');
    expect(await dockersim(['script', file])).toEqual({ stdout: '/tmp\n', stderr: '', code: 3 });
  });

  it('makes IDs and random numbers reproducible with --seed', async () => {
    const script = 'echo $RANDOM\ndocker create busybox 2>/dev/null\n';
    const [a, b, c] = await Promise.all([dockersim(['--seed', '7'], script), dockersim(['--seed=7'], script), dockersim(['--seed', '8'], script)]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^\d+\n[0-9a-f]{64}\n$/);
    expect(b).toEqual(a);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('copies a real directory in and the changes back out with --mount', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'file'), 'from outside\n');
    await writeFile(path.join(dir, 'gone'), 'delete me\n');
    await writeFile(path.join(dir, 'run.sh'), '#!/bin/sh\n');
    await chmod(path.join(dir, 'run.sh'), 0o754);
    await symlink('file', path.join(dir, 'link'));
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    await writeFile(path.join(dir, 'sub', 'bin'), bytes);
    await utimes(path.join(dir, 'file'), 1e9, 1e9);
    const r = await dockersim(['--mount', `${dir}:/mnt/x`], [
      'cat /mnt/x/file; echo new > /mnt/x/made; rm /mnt/x/gone',
      "stat -c '%a %U %n' /mnt/x/run.sh /mnt/x/sub /mnt/x/file",
      'readlink /mnt/x/link; wc -c < /mnt/x/sub/bin',
      'echo inside > /mnt/x/sub/f; chmod 600 /mnt/x/sub/f; ln -s sub/f /mnt/x/made-link',
    ].join('\n'));
    expect(r).toEqual({ stdout: 'from outside\n754 student /mnt/x/run.sh\n755 student /mnt/x/sub\n644 student /mnt/x/file\nfile\n256\n', stderr: '', code: 0 });
    expect((await readdir(dir)).sort()).toEqual(['file', 'link', 'made', 'made-link', 'run.sh', 'sub']);
    expect(await readFile(path.join(dir, 'made'), 'utf8')).toBe('new\n');
    expect(await readFile(path.join(dir, 'sub', 'f'), 'utf8')).toBe('inside\n');
    expect((await lstat(path.join(dir, 'sub', 'f'))).mode & 0o777).toBe(0o600);
    expect((await lstat(path.join(dir, 'run.sh'))).mode & 0o777).toBe(0o754);
    expect(await readlink(path.join(dir, 'made-link'))).toBe('sub/f');
    expect(await readlink(path.join(dir, 'link'))).toBe('file');
    expect(new Uint8Array(await readFile(path.join(dir, 'sub', 'bin')))).toEqual(bytes);
    // Untouched files keep their times, so tools that compare times outside see no change.
    expect((await lstat(path.join(dir, 'file'))).mtimeMs).toBe(1e12);
  });

  it('gives what is mounted under a system directory to root, and leaves the real directory alone if SIMDIR is removed', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'keep'), 'x');
    const r = await dockersim(['--mount', `${dir}:/root/m`], "sudo stat -c '%U' /root/m/keep\nsudo rm -r /root/m\n");
    expect(r).toEqual({ stdout: 'root\n', stderr: `dockersim: /root/m: no longer a directory in the simulated host; ${dir} left as it was\n`, code: 0 });
    expect(await readdir(dir)).toEqual(['keep']);
  });

  it('reports usage errors with status 2', async () => {
    const tryHelp = "Try 'dockersim --help' for more information.\n";
    expect(await dockersim(['--bogus'])).toEqual({ stdout: '', stderr: `dockersim: unknown argument '--bogus'\n${tryHelp}`, code: 2 });
    expect(await dockersim(['--seed', 'x'])).toEqual({ stdout: '', stderr: `dockersim: invalid seed 'x': expected a non-negative integer\n${tryHelp}`, code: 2 });
    expect(await dockersim(['--seed'])).toEqual({ stdout: '', stderr: `dockersim: option '--seed' requires an argument\n${tryHelp}`, code: 2 });
    expect(await dockersim(['script'])).toEqual({ stdout: '', stderr: `dockersim: 'script' needs a FILE\n${tryHelp}`, code: 2 });
    expect(await dockersim(['script', '/nonexistent-file'])).toEqual({ stdout: '', stderr: 'dockersim: /nonexistent-file: No such file or directory\n', code: 2 });
    expect(await dockersim(['--mount', '/nonexistent-dir:/x'])).toEqual({ stdout: '', stderr: 'dockersim: /nonexistent-dir: not a directory\n', code: 2 });
    expect(await dockersim(['--mount', '.:relative'])).toEqual({ stdout: '', stderr: `dockersim: invalid mount '.:relative': SIMDIR must be an absolute path\n${tryHelp}`, code: 2 });
    expect(await dockersim(['--mount', 'nocolon'])).toEqual({ stdout: '', stderr: `dockersim: invalid mount 'nocolon': expected REALDIR:SIMDIR\n${tryHelp}`, code: 2 });
  });

  it('prints help and version', async () => {
    const help = await dockersim(['--help']);
    expect(help.stdout).toMatch(/^Usage: dockersim \[--seed N\] \[--link-rate RATE\] \[--mount REALDIR:SIMDIR\]\.\.\. \[script FILE\]\n/);
    expect(help.code).toBe(0);
    const pkg = JSON.parse(await readFile(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(await dockersim(['--version'])).toEqual({ stdout: `dockersim ${pkg.version}\n`, stderr: '', code: 0 });
  });

  it('parses options', () => {
    expect(parseCli(['--seed=3', 'script', 'f'])).toEqual({ seed: 3, mounts: [], script: 'f' });
    expect(parseCli(['--mount', '/a/b:/mnt//x/', '--mount=/c:/d'])).toEqual({ mounts: [{ real: '/a/b', sim: '/mnt/x' }, { real: '/c', sim: '/d' }] });
    expect(parseCli(['--mount', '/a:/'])).toEqual({ mounts: [{ real: '/a', sim: '/' }] });
    expect(parseCli(['--link-rate', 'instant'])).toEqual({ mounts: [], linkRate: Infinity });
    expect(parseCli(['--link-rate=2.5MB'])).toEqual({ mounts: [], linkRate: 2.5e6 });
    expect(() => parseCli(['--link-rate', 'fast'])).toThrow("invalid link rate 'fast': expected 'instant' or bytes per second such as 10MB");
    expect(parseCli(['-h', '--bogus'])).toBe('help');
  });
});

describe('dockersim in a real terminal', () => {
  /** Runs `command` under util-linux's script(1), which gives it a pseudo-terminal as a person's terminal would. */
  function inTerminal(command: string, keys: string[]): Promise<{ screen: string; code: number }> {
    return new Promise((resolve) => {
      const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      keys.forEach((k, i) => setTimeout(() => child.stdin.write(k), 1500 + 1000 * i));
      child.on('close', (code) => resolve({ screen: stripTerminal(out), code: code ?? -1 }));
    });
  }
  const noScript = !existsSync('/usr/bin/script');

  it.skipIf(noScript)('is the interactive host shell, with prompt and exit status', async () => {
    const r = await inTerminal(`node ${BIN}`, ['echo hi there\r', 'exit 4\r']);
    expect(r.screen).toContain('student@host:~$ echo hi there\nhi there\n');
    expect(r.screen).toMatch(/student@host:~\$ exit 4\nlogout\n$/);
    expect(r.code).toBe(4);
  }, 20000);

  it.skipIf(noScript)('is interactive whenever standard input is a terminal, even with output piped', async () => {
    const r = await inTerminal(`node ${BIN} | cat`, ['echo piped\r', 'exit\r']);
    expect(r.screen).toMatch(/student@host:~\$ echo piped\npiped\nstudent@host:~\$ exit\nlogout\n$/);
  }, 20000);
});
