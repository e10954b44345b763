import { describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile, mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCli, stripTerminal } from './options';

const BIN = path.resolve(__dirname, '../../bin/dockersim.mjs');

function dockersim(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile('node', [BIN, ...args], { timeout: 30000 }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 });
    });
    child.stdin!.end(input ?? '');
  });
}

describe('dockersim command line', () => {
  it('feeds piped lines as typed and exits with the last status', async () => {
    expect(await dockersim([], 'echo a\nfalse\necho $?\n')).toEqual({ stdout: 'a\n1\n', stderr: '', code: 0 });
    expect(await dockersim([], 'echo a\nfalse\n')).toEqual({ stdout: 'a\n', stderr: '', code: 1 });
  });

  it('runs a script file and takes --seed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dockersim-'));
    const file = path.join(dir, 'lesson.sh');
    await writeFile(file, 'cd /tmp\npwd\nexit 3\n');
    expect(await dockersim(['--seed', '7', 'script', file])).toEqual({ stdout: '/tmp\n', stderr: '', code: 3 });
  });

  it('copies a real directory in and the changes back out with --mount', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dockersim-'));
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'file'), 'from outside\n');
    await writeFile(path.join(dir, 'gone'), 'delete me\n');
    const r = await dockersim(['--mount', `${dir}:/mnt/x`], 'cat /mnt/x/file\necho new > /mnt/x/made\nrm /mnt/x/gone 2>/dev/null || unlink /mnt/x/gone 2>/dev/null; echo inside > /mnt/x/sub/f\n');
    expect(r.stdout).toBe('from outside\n');
    expect(await readFile(path.join(dir, 'made'), 'utf8')).toBe('new\n');
    expect(await readFile(path.join(dir, 'sub', 'f'), 'utf8')).toBe('inside\n');
    expect((await readdir(dir)).sort()).toEqual(['file', 'made', 'sub']);
  });

  it('reports usage errors with status 2', async () => {
    expect(await dockersim(['--bogus'])).toEqual({ stdout: '', stderr: "dockersim: unknown argument '--bogus'\nTry 'dockersim --help' for more information.\n", code: 2 });
    expect(await dockersim(['--mount', '/nonexistent-dir:/x'])).toEqual({ stdout: '', stderr: 'dockersim: /nonexistent-dir: not a directory\n', code: 2 });
    expect(await dockersim(['--mount', '.:relative'])).toEqual({ stdout: '', stderr: "dockersim: invalid mount '.:relative': SIMDIR must be an absolute path\nTry 'dockersim --help' for more information.\n", code: 2 });
  });

  it('parses options and strips terminal codes', () => {
    expect(parseCli(['--seed=3', 'script', 'f'])).toEqual({ seed: 3, mounts: [], script: 'f' });
    expect(stripTerminal('\x1b[01;32mgreen\x1b[00m\r\nnext\x1b]0;title\x07')).toBe('green\nnext');
  });
});

describe('dockersim in a real terminal', () => {
  // util-linux's script(1) gives the command a pseudo-terminal, as a person's terminal would.
  it.skipIf(!existsSync('/usr/bin/script'))('is the interactive host shell, with prompt and exit status', async () => {
    const r = await new Promise<{ out: string; code: number }>((resolve) => {
      const child = spawn('script', ['-qfec', `node ${BIN}`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      setTimeout(() => child.stdin.write('echo hi there\r'), 1500);
      setTimeout(() => child.stdin.write('exit 4\r'), 2500);
      child.on('close', (code) => resolve({ out, code: code ?? -1 }));
    });
    const screen = stripTerminal(r.out);
    expect(screen).toContain('student@host:~$ echo hi there\nhi there\n');
    expect(screen).toMatch(/student@host:~\$ exit 4\nlogout\n$/);
    expect(r.code).toBe(4);
  }, 20000);
});
