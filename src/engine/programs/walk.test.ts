import { describe, expect, it } from 'vitest';
import { run, sh, testHost } from '../testing/harness';
import { ManualClock } from '../index';

const NOW = Date.UTC(2026, 10, 22, 11, 2, 49);
const host = () => testHost({ clock: new ManualClock(NOW) });
const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string, stdout = '') => ({ stdout, stderr, code: 1 });

describe('find', () => {
  it('walks in name order and applies tests and operators', async () => {
    const h = host();
    await sh(h, 'mkdir -p a/b/c && touch a/x.txt a/B.TXT a/b/y.txt && echo hi > a/b/z && ln -s x.txt a/l');
    expect(await run(h, ['find', 'a'])).toEqual(ok('a\na/B.TXT\na/b\na/b/c\na/b/y.txt\na/b/z\na/l\na/x.txt\n'));
    expect(await run(h, ['find', 'a', '-iname', '*.txt'])).toEqual(ok('a/B.TXT\na/b/y.txt\na/x.txt\n'));
    expect(await run(h, ['find', 'a', '-name', '*.txt'])).toEqual(ok('a/b/y.txt\na/x.txt\n'));
    expect(await run(h, ['find', 'a', '-type', 'l'])).toEqual(ok('a/l\n'));
    expect(await run(h, ['find', 'a', '-type', 'f,l', '-path', 'a/b/*'])).toEqual(ok('a/b/y.txt\na/b/z\n'));
    expect(await run(h, ['find', 'a', '-mindepth', '2', '-type', 'f'])).toEqual(ok('a/b/y.txt\na/b/z\n'));
    expect(await run(h, ['find', 'a', '-maxdepth', '1', '-type', 'd'])).toEqual(ok('a\na/b\n'));
    expect(await run(h, ['find', 'a', '-size', '+0c'])).toEqual(ok('a\na/b\na/b/c\na/b/z\na/l\n'));
    expect(await run(h, ['find', 'a', '-empty'])).toEqual(ok('a/B.TXT\na/b/c\na/b/y.txt\na/x.txt\n'));
    expect(await run(h, ['find', 'a', '(', '-name', '*.txt', '-o', '-type', 'l', ')', '-print'])).toEqual(ok('a/b/y.txt\na/l\na/x.txt\n'));
    expect(await run(h, ['find', 'a', '!', '-type', 'd', '-a', '!', '-name', '*.txt'])).toEqual(ok('a/B.TXT\na/b/z\na/l\n'));
    expect(await run(h, ['find', 'a', '-name', 'b', '-prune', '-o', '-print'])).toEqual(ok('a\na/B.TXT\na/l\na/x.txt\n'));
    expect(await run(h, ['find', '-L', 'a', '-type', 'l'])).toEqual(ok(''));
  });

  it('runs -exec per file and batched, and -delete removes depth-first', async () => {
    const h = host();
    await sh(h, 'mkdir -p a/b && touch a/x a/b/y && echo hi > a/b/z');
    expect(await run(h, ['find', 'a', '-name', 'z', '-exec', 'cat', '{}', ';'])).toEqual(ok('hi\n'));
    expect(await run(h, ['find', 'a', '-type', 'f', '-exec', 'echo', 'got', '{}', '+'])).toEqual(ok('got a/b/y a/b/z a/x\n'));
    expect(await run(h, ['find', 'a', '-type', 'f', '-exec', 'false', ';'])).toEqual(ok(''));
    expect(await run(h, ['find', 'a', '-type', 'f', '-exec', 'false', '{}', '+'])).toEqual(fail(''));
    expect(await run(h, ['find', 'a', '-name', 'x', '-exec', 'nosuchcmd', '{}', ';'])).toEqual({ stdout: '', stderr: 'find: ‘nosuchcmd’: No such file or directory\n', code: 0 });
    expect(await run(h, ['find', 'a/b', '-delete'])).toEqual(ok(''));
    expect(await run(h, ['find', 'a'])).toEqual(ok('a\na/x\n'));
  });

  it('reports errors in findutils wording', async () => {
    const h = host();
    await sh(h, 'mkdir -p a/locked && chmod 000 a/locked');
    expect(await run(h, ['find', 'nosuch'])).toEqual(fail('find: ‘nosuch’: No such file or directory\n'));
    expect(await run(h, ['find', 'a'])).toEqual(fail('find: ‘a/locked’: Permission denied\n', 'a\na/locked\n'));
    expect(await run(h, ['find', 'a', '-name'])).toEqual(fail("find: missing argument to `-name'\n"));
    expect(await run(h, ['find', 'a', '-type', 'q'])).toEqual(fail('find: Unknown argument to -type: q\n'));
    expect(await run(h, ['find', 'a', '-bogus'])).toEqual(fail("find: unknown predicate `-bogus'\n"));
    expect(await run(h, ['find', 'a', '(', '-name', 'x'])).toEqual(fail("find: invalid expression; I was expecting to find a ')' somewhere but did not see one.\n"));
    expect(await run(h, ['find', 'a', '-maxdepth', 'x'])).toEqual(fail('find: Expected a positive decimal integer argument to -maxdepth, but got ‘x’\n'));
    expect(await run(h, ['find', 'a', '-name', 'x', '-o'])).toEqual(fail("find: expected an expression after '-o'\n"));
    expect(await run(h, ['find', 'a', '-o', '-name', 'x'])).toEqual(fail("find: invalid expression; you have used a binary operator '-o' with nothing before it.\n"));
    expect(await run(h, ['find', 'a', '!'])).toEqual(fail("find: expected an expression after '!'\n"));
    expect(await run(h, ['find', 'a', '-size', '1x'])).toEqual(fail("find: invalid -size type `x'\n"));
  });
});

describe('du', () => {
  it('counts 1K blocks, hard links once, and formats -s -h -a -c -d', async () => {
    const h = host();
    await sh(h, 'mkdir -p a/b && echo hi > a/b/z && ln a/b/z a/hard && head -c 5000 /dev/zero > a/big');
    expect(await run(h, ['du', 'a'])).toEqual(ok('8\ta/b\n20\ta\n'));
    expect(await run(h, ['du', '-s', 'a'])).toEqual(ok('20\ta\n'));
    expect(await run(h, ['du', '-sh', 'a'])).toEqual(ok('20K\ta\n'));
    expect(await run(h, ['du', '-a', 'a'])).toEqual(ok('4\ta/b/z\n8\ta/b\n8\ta/big\n20\ta\n'));
    expect(await run(h, ['du', '-c', 'a', 'a/b'])).toEqual(ok('8\ta/b\n20\ta\n20\ttotal\n'));
    expect(await run(h, ['du', '--max-depth=0', 'a'])).toEqual(ok('20\ta\n'));
    expect(await run(h, ['du', '-h', 'a/big'])).toEqual(ok('8.0K\ta/big\n'));
    expect(await run(h, ['du', '-b', 'a'])).toEqual(ok('4099\ta/b\n13195\ta\n'));
  });

  it('reports missing files and bad depths', async () => {
    const h = host();
    await sh(h, 'mkdir a');
    expect(await run(h, ['du', 'nosuch'])).toEqual(fail("du: cannot access 'nosuch': No such file or directory\n"));
    expect(await run(h, ['du', '-sc', 'a', 'nosuch'])).toEqual(fail("du: cannot access 'nosuch': No such file or directory\n", '4\ta\n4\ttotal\n'));
    expect(await run(h, ['du', '-d', 'x', 'a'])).toEqual(fail("du: invalid maximum depth ‘x’\nTry 'du --help' for more information.\n"));
    expect(await run(h, ['du', '-s', '--max-depth=1', 'a'])).toEqual(fail("du: warning: summarizing conflicts with --max-depth=1\nTry 'du --help' for more information.\n"));
    expect(await run(h, ['du', '/root'])).toEqual(fail("du: cannot read directory '/root': Permission denied\n", '4\t/root\n'));
  });
});

describe('df', () => {
  it('lists mounted filesystems with GNU column widths', async () => {
    const h = host();
    const d = await run(h, ['df']);
    expect(d.stdout.split('\n')[0]).toBe('Filesystem     1K-blocks  Used Available Use% Mounted on');
    const [, used, avail] = /^\/dev\/vda1 {7}67108864 +(\d+) +(\d+) {3}1% \/$/.exec(d.stdout.split('\n')[1])!;
    expect(Number(used) + Number(avail)).toBe(67108864);
    // The mount point starts where its header does.
    expect(d.stdout.split('\n')[1].indexOf(' /') + 1).toBe(d.stdout.indexOf('Mounted on'));
    const t = await run(h, ['df', '-hT', '/']);
    expect(t.stdout.split('\n')[0]).toBe('Filesystem     Type  Size  Used Avail Use% Mounted on');
    expect(t.stdout.split('\n')[1]).toMatch(/^\/dev\/vda1 {6}ext4 {3}64G {1,2}\d+K {3}64G {3}1% \/$/);
    expect(await run(h, ['df', '/proc'])).toEqual(ok('Filesystem     1K-blocks  Used Available Use% Mounted on\nproc                   0     0         0    - /proc\n'));
    expect(await run(h, ['df', 'nosuch'])).toEqual(fail('df: nosuch: No such file or directory\n'));
    expect(await run(h, ['df', '-Z'])).toEqual(fail("df: invalid option -- 'Z'\nTry 'df --help' for more information.\n"));
  });
});
