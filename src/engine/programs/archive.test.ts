import { describe, expect, it } from 'vitest';
import { sh, testHost } from '../testing/harness';
import { ManualClock } from '../index';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const host = () => testHost({ clock: new ManualClock(Date.UTC(2026, 10, 22, 11, 2, 49)) });

describe('tar, gzip and sha256sum', () => {
  it('tar creates, lists and extracts, with gzip, links and -C', async () => {
    const h = host();
    await sh(h, 'mkdir -p proj/src && echo hello > proj/src/a.txt && ln -s a.txt proj/src/link && ln proj/src/a.txt proj/hard');
    expect(await sh(h, 'tar -czvf proj.tgz proj')).toEqual(ok('proj/\nproj/hard\nproj/src/\nproj/src/a.txt\nproj/src/link\n'));
    expect(await sh(h, 'tar tvzf proj.tgz')).toEqual(ok(
      'drwxr-xr-x student/student   0 2026-11-22 11:02 proj/\n' +
      '-rw-r--r-- student/student   6 2026-11-22 11:02 proj/hard\n' +
      'drwxr-xr-x student/student   0 2026-11-22 11:02 proj/src/\n' +
      '-rw-r--r-- student/student   0 2026-11-22 11:02 proj/src/a.txt link to proj/hard\n' +
      'lrwxrwxrwx student/student   0 2026-11-22 11:02 proj/src/link -> a.txt\n',
    ));
    expect(await sh(h, 'mkdir out && tar -xzf proj.tgz -C out && cat out/proj/src/link && stat -c "%h %n" out/proj/hard')).toEqual(ok('hello\n2 out/proj/hard\n'));
    expect(await sh(h, 'tar -cf /tmp/abs.tar /etc/hostname; tar -tf /tmp/abs.tar')).toEqual({ stdout: 'etc/hostname\n', stderr: "tar: Removing leading `/' from member names\n", code: 0 });
  });

  it('tar reports what GNU tar reports', async () => {
    const h = host();
    expect(await sh(h, 'tar -tf nosuch.tar')).toEqual({ stdout: '', stderr: 'tar: nosuch.tar: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n', code: 2 });
    expect(await sh(h, 'tar -cf x.tar nosuch')).toEqual({ stdout: '', stderr: 'tar: nosuch: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n', code: 2 });
    expect(await sh(h, 'tar -f x.tar')).toEqual({ stdout: '', stderr: "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n", code: 2 });
    expect(await sh(h, 'echo not a tar > bad.tar; tar -tf bad.tar')).toEqual({ stdout: '', stderr: 'tar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now\n', code: 2 });
    expect(await sh(h, 'tar -cf - /etc/hostname 2>/dev/null | head -c 100 > cut.tar; tar -tf cut.tar')).toEqual({ stdout: '', stderr: 'tar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now\n', code: 2 });
  });

  it('gzip, gunzip and zcat', async () => {
    const h = host();
    expect(await sh(h, 'echo data > f && gzip f && ls && zcat f.gz && gunzip f.gz && cat f')).toEqual(ok('f.gz\ndata\ndata\n'));
    expect(await sh(h, 'gzip -d f')).toEqual({ stdout: '', stderr: 'gzip: f: unknown suffix -- ignored\n', code: 2 });
    expect(await sh(h, 'zcat f')).toEqual({ stdout: '', stderr: 'zcat: f: not in gzip format\n', code: 1 });
  });

  it('sha256sum prints and checks digests', async () => {
    const h = host();
    expect(await sh(h, 'printf abc > a; sha256sum a | tee sums')).toEqual(ok('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a\n'));
    expect(await sh(h, 'sha256sum -c sums; printf x > a; sha256sum -c sums')).toEqual({ stdout: 'a: OK\na: FAILED\n', stderr: 'sha256sum: WARNING: 1 computed checksum did NOT match\n', code: 1 });
    expect(await sh(h, 'printf "" | sha256sum')).toEqual(ok('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  -\n'));
  });
});
