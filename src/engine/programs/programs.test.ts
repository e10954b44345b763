import { describe, expect, it } from 'vitest';
import { run, testHost } from '../testing/harness';

describe('basic programs', () => {
  it('echo prints its arguments', async () => {
    const host = testHost();
    expect(await run(host, ['echo', 'hello', 'world'])).toEqual({ stdout: 'hello world\n', stderr: '', code: 0 });
    expect(await run(host, ['echo', '-n', 'a'])).toEqual({ stdout: 'a', stderr: '', code: 0 });
    expect(await run(host, ['echo', '-e', 'a\\tb'])).toEqual({ stdout: 'a\tb\n', stderr: '', code: 0 });
  });
  it('cat copies stdin and files, and reports missing files', async () => {
    const host = testHost();
    expect(await run(host, ['cat'], { stdin: 'x\ny\n' })).toEqual({ stdout: 'x\ny\n', stderr: '', code: 0 });
    expect(await run(host, ['cat', '/etc/hostname'])).toEqual({ stdout: 'host\n', stderr: '', code: 0 });
    expect(await run(host, ['cat', 'nonexistent'])).toEqual({ stdout: '', stderr: 'cat: nonexistent: No such file or directory\n', code: 1 });
    expect(await run(host, ['cat', '-n'], { stdin: 'a\nb\n' })).toEqual({ stdout: '     1\ta\n     2\tb\n', stderr: '', code: 0 });
    expect(await run(host, ['cat', '/etc/shadow'])).toEqual({ stdout: '', stderr: 'cat: /etc/shadow: Permission denied\n', code: 1 });
  });
  it('true and false', async () => {
    const host = testHost();
    expect((await run(host, ['true'])).code).toBe(0);
    expect((await run(host, ['false'])).code).toBe(1);
  });
  it('reads /proc and /dev', async () => {
    const host = testHost();
    const r = await run(host, ['cat', '/proc/1/comm']);
    expect(r).toEqual({ stdout: 'systemd\n', stderr: '', code: 0 });
    expect(await run(host, ['cat', '/dev/null'])).toEqual({ stdout: '', stderr: '', code: 0 });
    const self = await run(host, ['cat', '/proc/self/status']);
    expect(self.stdout).toMatch(/^Name:\tcat\n/);
  });
});
