import { describe, expect, it } from 'vitest';
import { sh, testHost } from '../testing/harness';
import type { EngineEvent } from '../index';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });

describe('mount: union filesystems on the host', () => {
  it('mounts the seed articles\' AUFS union: the first branch takes the writes', async () => {
    const host = testHost();
    const events: EngineEvent[] = [];
    host.onEvent((e) => events.push(e));
    await sh(host, 'mkdir /tmp/a /tmp/b && echo A > /tmp/a/fa && echo B > /tmp/b/fb && echo b > /tmp/b/same && echo a > /tmp/a/same');
    expect(await sh(host, 'mount -t aufs -o dirs=/tmp/a:/tmp/b none /mnt && ls /mnt && cat /mnt/same', { user: 'root' })).toEqual(ok('fa\nfb\nsame\na\n'));
    expect(await sh(host, 'echo more >> /mnt/fb; cat /mnt/fb /tmp/b/fb; ls -A /tmp/a')).toEqual(ok('B\nmore\nB\nfa\nfb\nsame\n'));
    expect(await sh(host, 'rm /mnt/fb; ls -A /tmp/a; ls /mnt')).toEqual(ok('.wh.fb\nfa\nsame\nfa\nsame\n'));
    const storage = events.filter((e) => e.type.startsWith('storage.')).map(({ time: _t, ...e }) => e);
    expect(storage).toEqual([
      { type: 'storage.copy-up', path: '/mnt/fb', from: '/tmp/b', bytes: 2 },
      { type: 'storage.whiteout', path: '/mnt/fb', kind: 'whiteout' },
    ]);
    const m = await sh(host, 'mount -t aufs');
    expect(m.stdout).toMatch(/^none on \/mnt type aufs \(rw,relatime,si=[0-9a-f]{16}\)\n$/);
    expect(await sh(host, 'umount /mnt && ls /mnt', { user: 'root' })).toEqual(ok(''));
  });

  it('mounts an overlay with lowerdir, upperdir and workdir', async () => {
    const host = testHost();
    await sh(host, 'mkdir -p /tmp/lower /tmp/upper /tmp/work /tmp/merged && echo low > /tmp/lower/f');
    expect(await sh(host, 'mount -t overlay overlay -o lowerdir=/tmp/lower,upperdir=/tmp/upper,workdir=/tmp/work /tmp/merged && mount -t overlay', { user: 'root' }))
      .toEqual(ok('overlay on /tmp/merged type overlay (rw,relatime,lowerdir=/tmp/lower,upperdir=/tmp/upper,workdir=/tmp/work)\n'));
    expect(await sh(host, 'echo up > /tmp/merged/g; rm /tmp/merged/f; ls -A /tmp/upper; ls /tmp/lower; ls /tmp/merged')).toEqual(ok('.wh.f\ng\nf\ng\n'));
  });

  it('refuses students and bad options with util-linux\'s messages', async () => {
    const host = testHost();
    expect(await sh(host, 'mount -t aufs -o dirs=/tmp none /mnt')).toEqual({ stdout: '', stderr: 'mount: /mnt: must be superuser to use mount.\n       dmesg(1) may have more information after failed mount system call.\n', code: 32 });
    expect(await sh(host, 'mount -t foo x /mnt', { user: 'root' })).toEqual({ stdout: '', stderr: "mount: /mnt: unknown filesystem type 'foo'.\n       dmesg(1) may have more information after failed mount system call.\n", code: 32 });
    expect(await sh(host, 'mount -t overlay overlay -o upperdir=/tmp /mnt', { user: 'root' })).toEqual({ stdout: '', stderr: 'mount: /mnt: wrong fs type, bad option, bad superblock on overlay, missing codepage or helper program, or other error.\n       dmesg(1) may have more information after failed mount system call.\n', code: 32 });
    expect(await sh(host, 'mount -t aufs -o dirs=/nosuch none /mnt', { user: 'root' })).toEqual({ stdout: '', stderr: 'mount: /mnt: special device none does not exist.\n       dmesg(1) may have more information after failed mount system call.\n', code: 32 });
    expect(await sh(host, 'umount /mnt', { user: 'root' })).toEqual({ stdout: '', stderr: 'umount: /mnt: not mounted.\n', code: 32 });
  });
});
