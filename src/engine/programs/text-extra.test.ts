import { describe, expect, it } from 'vitest';
import { run, sh, testHost } from '../testing/harness';
import type { Host } from '../host/host';
import { md5, sha256 } from './lib/hash';
import { printfFormat } from './printf';
import { base64Decode, base64Encode } from './base64';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const MILLION_A = 'a'.repeat(1_000_000);

/** Resolves after `ms` of real time (the test host's clock is the real one). */
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends SIGTERM to the host's processes running `name`. */
function killAll(host: Host, name: string): void {
  for (const p of host.kernel.procs.values()) if (p.argv[0] === name && p.status === null) host.kernel.signal(null, p, 15);
}

describe('digests', () => {
  it('sha256 matches the FIPS 180-2 vectors', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256(MILLION_A)).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });
  it('md5 matches the RFC 1321 vectors', () => {
    expect(md5('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5('12345678901234567890123456789012345678901234567890123456789012345678901234567890')).toBe('57edf4a22be3c955ac49da2e2107b67a');
    expect(md5(MILLION_A)).toBe('7707d6ae4e027c70eea2a935c2296f21');
  });
  it('sha256sum and md5sum hash a 1 MB standard input', async () => {
    const h = testHost();
    expect(await run(h, ['sha256sum'], { stdin: MILLION_A })).toEqual(ok('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0  -\n'));
    expect(await run(h, ['md5sum'], { stdin: MILLION_A })).toEqual(ok('7707d6ae4e027c70eea2a935c2296f21  -\n'));
    expect(await run(h, ['md5sum', '-Q'])).toEqual({ stdout: '', stderr: "md5sum: invalid option -- 'Q'\nTry 'md5sum --help' for more information.\n", code: 1 });
  });
});

describe('printfFormat (shared with the shell builtin)', () => {
  it('formats and reports bad numbers', () => {
    expect(printfFormat('%s=%d\\n', ['a', '1', 'b', 'x'])).toEqual({ text: 'a=1\nb=0\n', errors: ['x'], messages: ['‘x’: expected a numeric value'] });
    expect(printfFormat('%05.1f|%-4s|%x\\n', ['3.14159', 'ab', '255'])).toEqual({ text: '003.1|ab  |ff\n', errors: [], messages: [] });
    expect(printfFormat('%z', [])).toEqual({ text: '', errors: [], messages: [], fatal: '%z: invalid conversion specification' });
    expect(printfFormat('%.0f %.0f %e', ['2.5', '3.5', '0'])).toEqual({ text: '2 4 0.000000e+00', errors: [], messages: [] });
  });
  it('/usr/bin/printf prints GNU messages', async () => {
    const h = testHost();
    expect(await run(h, ['printf', '%d\\n', 'abc'])).toEqual({ stdout: '0\n', stderr: 'printf: ‘abc’: expected a numeric value\n', code: 1 });
    expect(await run(h, ['printf', '%d\\n', '3x'])).toEqual({ stdout: '3\n', stderr: 'printf: ‘3x’: value not completely converted\n', code: 1 });
    expect(await run(h, ['printf'])).toEqual({ stdout: '', stderr: "printf: missing operand\nTry 'printf --help' for more information.\n", code: 1 });
    expect(await run(h, ['printf', 'x\\n', 'extra'])).toEqual({ stdout: 'x\n', stderr: 'printf: warning: ignoring excess arguments, starting with ‘extra’\n', code: 0 });
  });
});

describe('base64 helpers', () => {
  it('round-trips bytes', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253]);
    expect(base64Encode(bytes)).toBe('AAEC+vv8/Q==');
    expect(base64Decode('AAEC+vv8/Q==')).toEqual({ bytes, ok: true });
    expect(base64Decode('AAA!')).toEqual({ bytes: new Uint8Array([0, 0]), ok: false });
  });
});

describe('streaming', () => {
  it('filters produce output before their input ends', async () => {
    const h = testHost();
    expect(await sh(h, 'yes | grep -m2 y')).toEqual(ok('y\ny\n'));
    expect(await sh(h, 'yes | sed 3q')).toEqual(ok('y\ny\ny\n'));
    expect(await sh(h, 'yes abc | cut -c2 | head -2')).toEqual(ok('b\nb\n'));
    expect(await sh(h, 'yes | tr y n | head -1')).toEqual(ok('n\n'));
    expect(await sh(h, 'seq inf | head -3')).toEqual(ok('1\n2\n3\n'));
    expect(await sh(h, 'yes | nl | head -2')).toEqual(ok('     1\ty\n     2\ty\n'));
    expect(await sh(h, 'yes | rev | head -1')).toEqual(ok('y\n'));
    expect(await sh(h, 'yes | head -c 4')).toEqual(ok('y\ny\n'));
  });

  it('tail -f keeps reading a growing file, and grep filters it as it comes', async () => {
    const h = testHost();
    await sh(h, 'echo first > log');
    const following = sh(h, 'tail -f log | grep --line-buffered -e first -e b');
    await pause(400);
    await sh(h, 'echo a >> log; echo b >> log; echo bb >> log');
    await pause(600);
    killAll(h, 'tail');
    const r = await following;
    expect(r.stdout).toBe('first\nb\nbb\n');
  });
});

describe('sed extras', () => {
  it('classic multi-line a\\, i\\ and c\\ and s with an escaped newline', async () => {
    const h = testHost();
    expect(await run(h, ['sed', '1a\\\nadded\\\nsecond', '-'], { stdin: 'x\ny\n' })).toEqual(ok('x\nadded\nsecond\ny\n'));
    expect(await run(h, ['sed', '$i\\\nbefore'], { stdin: 'x\ny\n' })).toEqual(ok('x\nbefore\ny\n'));
    expect(await run(h, ['sed', 's/x/a\\\nb/'], { stdin: 'x\n' })).toEqual(ok('a\nb\n'));
    expect(await run(h, ['sed', '-n', '/start/,/end/{/start/n;/end/!p}'], { stdin: 'a\nstart\nb\nc\nend\nd\n' })).toEqual(ok('b\nc\n'));
  });
  it('edits in place, with a backup suffix', async () => {
    const h = testHost();
    expect(await sh(h, 'printf "a\\nb\\n" > f; sed -i.bak "s/a/A/" f; cat f f.bak')).toEqual(ok('A\nb\na\nb\n'));
    expect(await sh(h, 'printf "1\\n2\\n" > g; printf "3\\n4\\n" > k; sed -i 1d g k; cat g k')).toEqual(ok('2\n4\n'));
    expect(await sh(h, 'sed -n -i p')).toEqual({ stdout: '', stderr: 'sed: no input files\n', code: 4 });
  });
  it('reads scripts from -f and reports errors by file line', async () => {
    const h = testHost();
    expect(await sh(h, "printf 's/a/b/\\np\\n' > s.sed; echo a | sed -f s.sed")).toEqual(ok('b\nb\n'));
    expect(await sh(h, "printf 'p\\nk\\n' > bad.sed; echo a | sed -f bad.sed")).toEqual({ stdout: '', stderr: 'sed: file bad.sed line 2: unknown command: `k\'\n', code: 1 });
    expect(await sh(h, 'echo a | sed -e p -e "s/x/"')).toEqual({ stdout: '', stderr: "sed: -e expression #2, char 4: unterminated `s' command\n", code: 1 });
  });
});

describe('grep extras', () => {
  it('colours only for a terminal with --color=auto, and prints its help', async () => {
    const h = testHost();
    expect(await run(h, ['grep', '--color=auto', 'b'], { stdin: 'abc\n' })).toEqual(ok('abc\n'));
    const help = await run(h, ['grep', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.split('\n').slice(0, 2)).toEqual(['Usage: grep [OPTION]... PATTERNS [FILE]...', 'Search for PATTERNS in each FILE.']);
  });
  it('reads patterns from -f and labels standard input', async () => {
    const h = testHost();
    expect(await sh(h, 'printf "b\\nd\\n" > pats; printf "abc\\nxyz\\nd\\n" | grep -H -f pats')).toEqual(ok('(standard input):abc\n(standard input):d\n'));
    expect(await sh(h, 'echo abc | grep --label=in -H b')).toEqual(ok('in:abc\n'));
  });
});

describe('xargs', () => {
  it('runs children with the gathered arguments and GNU exit codes', async () => {
    const h = testHost();
    expect(await sh(h, 'printf "a\\nb\\nc\\n" | xargs -n2 echo +')).toEqual(ok('+ a b\n+ c\n'));
    expect(await sh(h, 'echo x | xargs -I{} sh -c "echo [{}]; exit 3"; echo $?')).toEqual(ok('[x]\n123\n'));
    expect(await sh(h, 'echo x | xargs nosuch; echo $?')).toEqual({ stdout: '127\n', stderr: 'xargs: nosuch: No such file or directory\n', code: 0 });
    expect(await sh(h, 'echo a | xargs cat')).toEqual({ stdout: '', stderr: 'cat: a: No such file or directory\n', code: 123 });
  });
});
