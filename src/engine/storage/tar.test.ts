import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTar, writeTar, TarError, type TarEntry } from './tar';
import { sha256 } from './digest';

const T = Date.UTC(2026, 0, 1) / 1000;
const entries: TarEntry[] = [
  { path: 'etc/', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: T },
  { path: 'etc/hostname', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: T, data: new TextEncoder().encode('box\n') },
  { path: 'bin/sh', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: T, linkname: 'busybox' },
  { path: 'bin/ash', type: 'hardlink', mode: 0o755, uid: 0, gid: 0, mtime: T, linkname: 'bin/busybox' },
  { path: 'etc/.wh.motd', type: 'file', mode: 0o600, uid: 0, gid: 0, mtime: T, data: new Uint8Array(0) },
  { path: `deep/${'d'.repeat(120)}/${'f'.repeat(120)}`, type: 'file', mode: 0o640, uid: 1000, gid: 1000, mtime: T, data: new Uint8Array([1, 2, 3]) },
];

describe('tar', () => {
  it('round-trips entries, long names included', () => {
    const back = readTar(writeTar(entries));
    expect(back.map((e) => [e.path, e.type, e.mode, e.uid, e.mtime, e.linkname, e.data?.length])).toEqual(
      entries.map((e) => [e.path, e.type, e.mode, e.uid, e.mtime, e.linkname, e.type === 'file' ? (e.data?.length ?? 0) : undefined]),
    );
  });

  it('writes the same bytes for the same entries, so digests are stable', () => {
    expect(sha256(writeTar(entries))).toBe(sha256(writeTar(entries.map((e) => ({ ...e })))));
    expect(writeTar([]).length).toBe(1024);
  });

  it('is read by GNU tar', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-'));
    const file = join(dir, 'layer.tar');
    writeFileSync(file, writeTar(entries));
    const listing = execFileSync('tar', ['-tf', file], { encoding: 'utf8' });
    expect(listing.trim().split('\n')).toEqual(entries.map((e) => e.path));
  });

  it('refuses damaged archives as Go\'s archive/tar does', () => {
    const good = writeTar(entries);
    expect(() => readTar(good.subarray(0, 700))).toThrow(new TarError('unexpected EOF'));
    const bad = good.slice();
    bad[0] ^= 0xff;
    expect(() => readTar(bad)).toThrow(new TarError('archive/tar: invalid tar header'));
    expect(() => readTar(new TextEncoder().encode('not a tar file at all'))).toThrow(new TarError('unexpected EOF'));
  });
});
