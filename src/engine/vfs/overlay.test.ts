import { describe, expect, it } from 'vitest';
import { MemfsBackend } from './memfs-backend';
import { OverlayFs, type Branch } from './overlay';
import { Vfs, type Who } from './vfs';
import type { CopyUpEvent, WhiteoutEvent } from '../kernel/events';

/**
 * Overlay semantics, case by case (after containerd's snapshotter test suite): each case builds
 * read-only lower layers, mounts them under a writable upper layer, changes something through the
 * union, and checks both what the union shows and what the upper layer (the diff) holds.
 */

const ROOT: Who = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] }, umask: 0o022 };
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** A layer from a listing: `dir/` for directories, `name -> target` for symlinks, `name=content` for files. */
function layer(name: string, entries: string[]): Branch {
  const fs = new MemfsBackend('ext4', 1, () => Date.UTC(2026, 0, 1));
  const v = new Vfs(fs);
  for (const e of entries) {
    if (e.endsWith('/')) v.mkdir(ROOT, e.slice(0, -1), 0o755);
    else if (e.includes(' -> ')) {
      const [p, target] = e.split(' -> ');
      v.symlink(ROOT, target, p);
    } else {
      const [p, content] = e.split('=');
      v.writeFile(ROOT, p, content ?? '', { mode: 0o644 });
    }
  }
  return { fs, name };
}

/** A union of `lowers` (topmost first) under a fresh upper layer, mounted at / of its own Vfs. */
function union(lowers: Branch[]) {
  const upper = layer('upper', []);
  const events: (CopyUpEvent | WhiteoutEvent)[] = [];
  const fs = new OverlayFs(lowers, upper, (e) => events.push(e));
  const vfs = new Vfs(fs, 'overlay');
  const upperView = new Vfs(upper.fs);
  /** Everything in the upper layer: the diff the container made. */
  const diff = (dir = '/'): string[] =>
    upperView.readdir(ROOT, dir).flatMap((n) => {
      const p = dir === '/' ? `/${n}` : `${dir}/${n}`;
      const st = upperView.lstat(ROOT, p);
      return st.type === 'dir' ? [`${p}/`, ...diff(p)] : [p];
    });
  return { vfs, fs, events, diff, upperView };
}

describe('overlay: a union of read-only layers under a writable one', () => {
  it('shows lower files through the union and merges directories', () => {
    const { vfs } = union([layer('top', ['etc/', 'etc/b=B2', 'etc/c=C']), layer('base', ['etc/', 'etc/a=A', 'etc/b=B1'])]);
    expect(vfs.readdir(ROOT, '/etc')).toEqual(['a', 'b', 'c']);
    expect(vfs.readText(ROOT, '/etc/b')).toBe('B2');
    expect(vfs.readText(ROOT, '/etc/a')).toBe('A');
  });

  it('copies a lower file up on its first write; the lower layer never changes', () => {
    const base = layer('base', ['etc/', 'etc/motd=hello']);
    const { vfs, events, diff } = union([base]);
    vfs.writeFile(ROOT, '/etc/motd', 'changed');
    expect(vfs.readText(ROOT, '/etc/motd')).toBe('changed');
    expect(text(base.fs.readFile('/etc/motd', { cred: ROOT.cred }))).toBe('hello');
    expect(diff()).toEqual(['/etc/', '/etc/motd']);
    expect(events).toEqual([
      { type: 'storage.copy-up', path: '/etc', from: 'base', bytes: 0 },
      { type: 'storage.copy-up', path: '/etc/motd', from: 'base', bytes: 0 },
    ]);
  });

  it('copies the data up when a lower file is appended to', () => {
    const { vfs, events } = union([layer('base', ['log=one\n'])]);
    vfs.writeFile(ROOT, '/log', 'two\n', { append: true });
    expect(vfs.readText(ROOT, '/log')).toBe('one\ntwo\n');
    expect(events).toEqual([{ type: 'storage.copy-up', path: '/log', from: 'base', bytes: 4 }]);
  });

  it('deleting a lower file leaves a whiteout in the upper layer', () => {
    const { vfs, diff, events } = union([layer('base', ['bin/', 'bin/sh=x', 'bin/ls=y'])]);
    vfs.unlink(ROOT, '/bin/sh');
    expect(vfs.exists(ROOT, '/bin/sh')).toBe(false);
    expect(vfs.readdir(ROOT, '/bin')).toEqual(['ls']);
    expect(diff()).toEqual(['/bin/', '/bin/.wh.sh']);
    expect(events.at(-1)).toEqual({ type: 'storage.whiteout', path: '/bin/sh', kind: 'whiteout' });
  });

  it('removing a lower directory tree whites out the directory', () => {
    const { vfs, diff } = union([layer('base', ['var/', 'var/cache/', 'var/cache/a=1', 'var/cache/b=2'])]);
    for (const n of vfs.readdir(ROOT, '/var/cache')) vfs.unlink(ROOT, `/var/cache/${n}`);
    vfs.rmdir(ROOT, '/var/cache');
    expect(vfs.readdir(ROOT, '/var')).toEqual([]);
    expect(diff()).toEqual(['/var/', '/var/.wh.cache']);
  });

  it('a directory made again after rm -r is opaque: nothing below shows through', () => {
    const { vfs, diff, events } = union([layer('base', ['d/', 'd/old=1'])]);
    vfs.unlink(ROOT, '/d/old');
    vfs.rmdir(ROOT, '/d');
    vfs.mkdir(ROOT, '/d');
    vfs.writeFile(ROOT, '/d/new', '2');
    expect(vfs.readdir(ROOT, '/d')).toEqual(['new']);
    expect(diff()).toEqual(['/d/', '/d/.wh..wh..opq', '/d/new']);
    expect(events.filter((e) => e.type === 'storage.whiteout').map((e) => [e.path, e.kind])).toEqual([['/d/old', 'whiteout'], ['/d', 'whiteout'], ['/d', 'opaque']]);
  });

  it('a file created where a lower one was deleted replaces the whiteout', () => {
    const { vfs, diff } = union([layer('base', ['f=old'])]);
    vfs.unlink(ROOT, '/f');
    vfs.writeFile(ROOT, '/f', 'new');
    expect(vfs.readText(ROOT, '/f')).toBe('new');
    expect(diff()).toEqual(['/f']);
  });

  it('renaming a lower file copies it up under the new name and whites out the old', () => {
    const { vfs, diff } = union([layer('base', ['a=content'])]);
    vfs.rename(ROOT, '/a', '/b');
    expect(vfs.readText(ROOT, '/b')).toBe('content');
    expect(vfs.exists(ROOT, '/a')).toBe(false);
    expect(diff()).toEqual(['/.wh.a', '/b']);
  });

  it('renaming a lower directory fails with EXDEV, as overlayfs does (mv then copies)', () => {
    const { vfs } = union([layer('base', ['dir/', 'dir/f=1'])]);
    expect(() => vfs.rename(ROOT, '/dir', '/moved')).toThrow(expect.objectContaining({ code: 'EXDEV' }));
  });

  it('symlinks resolve across layers', () => {
    const { vfs } = union([layer('top', ['usr/', 'usr/bin/', 'usr/bin/python -> python3']), layer('base', ['usr/', 'usr/bin/', 'usr/bin/python3=#!py'])]);
    expect(vfs.readText(ROOT, '/usr/bin/python')).toBe('#!py');
    expect(vfs.readlink(ROOT, '/usr/bin/python')).toBe('python3');
  });

  it('a hard link to a lower file links the copied-up file', () => {
    const { vfs, diff } = union([layer('base', ['f=data'])]);
    vfs.link(ROOT, '/f', '/g');
    expect(vfs.stat(ROOT, '/g').nlink).toBe(2);
    expect(vfs.readText(ROOT, '/g')).toBe('data');
    expect(diff()).toEqual(['/f', '/g']);
  });

  it('chmod of a lower file copies it up with the new mode and keeps its content', () => {
    const base = layer('base', ['run.sh=echo hi']);
    const { vfs, diff } = union([base]);
    vfs.chmod(ROOT, '/run.sh', 0o755);
    expect(vfs.stat(ROOT, '/run.sh').mode).toBe(0o755);
    expect(vfs.readText(ROOT, '/run.sh')).toBe('echo hi');
    expect(base.fs.lstat('/run.sh', { cred: ROOT.cred }).mode).toBe(0o644);
    expect(diff()).toEqual(['/run.sh']);
  });

  it('128 stacked layers resolve each path to its topmost version', () => {
    const layers: Branch[] = [];
    for (let i = 0; i < 128; i++) {
      // Layer i adds f<i>, overwrites `shared`, and deletes f<i-1>.
      layers.unshift(layer(`l${i}`, [`f${i}=${i}`, `shared=${i}`, ...(i > 0 ? [`.wh.f${i - 1}=`] : [])]));
    }
    const { vfs } = union(layers);
    expect(vfs.readdir(ROOT, '/')).toEqual(['f127', 'shared']);
    expect(vfs.readText(ROOT, '/shared')).toBe('127');
    expect(vfs.exists(ROOT, '/f0')).toBe(false);
  });

  it('whiteout files never show through the union', () => {
    const { vfs } = union([layer('top', ['.wh.gone=']), layer('base', ['gone=1', 'kept=2'])]);
    expect(vfs.readdir(ROOT, '/')).toEqual(['kept']);
    expect(vfs.exists(ROOT, '/.wh.gone')).toBe(false);
  });

  it('a read-only union refuses writes', () => {
    const fs = new OverlayFs([layer('base', ['f=1'])], null);
    const vfs = new Vfs(fs, 'overlay');
    expect(() => vfs.writeFile(ROOT, '/f', 'x')).toThrow(expect.objectContaining({ code: 'EROFS' }));
  });
});
