import { describe, expect, it } from 'vitest';
import { Vfs, type Who } from '../../vfs/vfs';
import { readTar, writeTar } from '../tar';
import { LayerError } from '../layer';
import type { MountSpec, SnapshotInfo } from '../snapshotter';
import type { FsBackend } from '../../vfs/backend';

/** What a snapshotter must offer to run the conformance suite. */
export interface SnapshotterUnderTest {
  prepare(key: string, parent?: string): MountSpec[];
  view(key: string, parent?: string): MountSpec[];
  commit(name: string, key: string): void;
  mounts(key: string): MountSpec[];
  mount(specs: MountSpec[]): FsBackend;
  remove(key: string): void;
  stat(key: string): SnapshotInfo;
  walk(): SnapshotInfo[];
  diff(key: string): Uint8Array;
  diffId(key: string): string;
  apply(name: string, tar: Uint8Array, parent?: string): void;
}

const ROOT: Who = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] }, umask: 0o022 };

/**
 * The snapshotter conformance suite (after containerd's snapshots/testsuite). Read top to bottom,
 * it describes overlay semantics: what a layer holds after each kind of change.
 */
export function describeSnapshotter(name: string, make: () => SnapshotterUnderTest): void {
  /** Commits a layer built by `build` on top of `parent`. */
  const layer = (sn: SnapshotterUnderTest, key: string, parent: string | undefined, build: (v: Vfs) => void) => {
    const active = `${key}-active`;
    const vfs = new Vfs(sn.mount(sn.prepare(active, parent)), 'overlay');
    build(vfs);
    sn.commit(key, active);
  };
  /** A read-only view of a committed snapshot. */
  const view = (sn: SnapshotterUnderTest, parent: string): Vfs => {
    const key = `view-${parent}-${Math.random()}`;
    return new Vfs(sn.mount(sn.view(key, parent)), 'overlay');
  };
  /** A layer's tar listing: path, and `->` targets for links. */
  const listing = (sn: SnapshotterUnderTest, key: string) =>
    readTar(sn.diff(key)).map((e) => e.path + (e.type === 'hardlink' ? ` link to ${e.linkname}` : e.type === 'symlink' ? ` -> ${e.linkname}` : ''));
  const base = (sn: SnapshotterUnderTest) =>
    layer(sn, 'base', undefined, (v) => {
      v.mkdir(ROOT, '/etc', 0o755);
      v.writeFile(ROOT, '/etc/motd', 'welcome\n', { mode: 0o644 });
      v.mkdir(ROOT, '/var', 0o755);
      v.mkdir(ROOT, '/var/cache', 0o755);
      v.writeFile(ROOT, '/var/cache/a', 'A');
      v.writeFile(ROOT, '/var/cache/b', 'B');
      v.writeFile(ROOT, '/run.sh', 'echo hi\n', { mode: 0o644 });
    });

  describe(`${name}: snapshot lifecycle`, () => {
    it('prepare gives an overlay mount: committed ancestors below, the snapshot\'s own diff on top', () => {
      const sn = make();
      base(sn);
      const [m] = sn.prepare('c1', 'base');
      const id = sn.stat('c1').id;
      const baseId = sn.stat('base').id;
      expect(m).toEqual({ type: 'overlay', source: 'overlay', options: [`lowerdir=/var/lib/docker/overlay2/${baseId}/diff`, `upperdir=/var/lib/docker/overlay2/${id}/diff`, `workdir=/var/lib/docker/overlay2/${id}/work`] });
      expect(sn.stat('c1')).toMatchObject({ key: 'c1', kind: 'active', parent: 'base' });
      expect(sn.stat('base').kind).toBe('committed');
      expect(sn.mounts('c1')).toEqual([m]);
    });

    it('refuses what containerd refuses: unknown keys, duplicates, removing a parent', () => {
      const sn = make();
      base(sn);
      sn.prepare('c1', 'base');
      expect(() => sn.prepare('c1', 'base')).toThrow(expect.objectContaining({ code: 'already-exists' }));
      expect(() => sn.prepare('c2', 'nosuch')).toThrow(expect.objectContaining({ code: 'not-found' }));
      expect(() => sn.prepare('c3', 'c1')).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
      expect(() => sn.remove('base')).toThrow(expect.objectContaining({ code: 'failed-precondition' }));
      sn.remove('c1');
      sn.remove('base');
      expect(sn.walk()).toEqual([]);
    });
  });

  describe(`${name}: what a layer holds after each change`, () => {
    it('a file updated over a lower layer is copied into the new layer; the lower one keeps the old', () => {
      const sn = make();
      base(sn);
      layer(sn, 'child', 'base', (v) => v.writeFile(ROOT, '/etc/motd', 'changed\n'));
      expect(listing(sn, 'child')).toEqual(['etc/', 'etc/motd']);
      expect(view(sn, 'child').readText(ROOT, '/etc/motd')).toBe('changed\n');
      expect(view(sn, 'base').readText(ROOT, '/etc/motd')).toBe('welcome\n');
    });

    it('a directory removed from a lower layer is one whiteout', () => {
      const sn = make();
      base(sn);
      layer(sn, 'child', 'base', (v) => {
        for (const n of v.readdir(ROOT, '/var/cache')) v.unlink(ROOT, `/var/cache/${n}`);
        v.rmdir(ROOT, '/var/cache');
      });
      expect(listing(sn, 'child')).toEqual(['var/', 'var/.wh.cache']);
      expect(view(sn, 'child').readdir(ROOT, '/var')).toEqual([]);
    });

    it('files deleted in a child layer are whiteouts, and hidden in its view', () => {
      const sn = make();
      base(sn);
      layer(sn, 'child', 'base', (v) => v.unlink(ROOT, '/run.sh'));
      expect(listing(sn, 'child')).toEqual(['.wh.run.sh']);
      expect(view(sn, 'child').exists(ROOT, '/run.sh')).toBe(false);
    });

    it('a directory removed and made again is opaque', () => {
      const sn = make();
      base(sn);
      layer(sn, 'child', 'base', (v) => {
        for (const n of v.readdir(ROOT, '/var/cache')) v.unlink(ROOT, `/var/cache/${n}`);
        v.rmdir(ROOT, '/var/cache');
        v.mkdir(ROOT, '/var/cache');
        v.writeFile(ROOT, '/var/cache/new', 'N');
      });
      expect(listing(sn, 'child')).toEqual(['var/', 'var/cache/', 'var/cache/.wh..wh..opq', 'var/cache/new']);
      expect(view(sn, 'child').readdir(ROOT, '/var/cache')).toEqual(['new']);
    });

    it('a file renamed across layers is the new name plus a whiteout of the old', () => {
      const sn = make();
      base(sn);
      layer(sn, 'child', 'base', (v) => v.rename(ROOT, '/run.sh', '/start.sh'));
      expect(listing(sn, 'child')).toEqual(['.wh.run.sh', 'start.sh']);
    });

    it('symlinks point across layers', () => {
      const sn = make();
      base(sn);
      layer(sn, 'child', 'base', (v) => v.symlink(ROOT, '/etc/motd', '/motd'));
      expect(listing(sn, 'child')).toEqual(['motd -> /etc/motd']);
      expect(view(sn, 'child').readText(ROOT, '/motd')).toBe('welcome\n');
    });

    it('hard links are one file and a link in the layer', () => {
      const sn = make();
      base(sn);
      layer(sn, 'child', 'base', (v) => v.link(ROOT, '/run.sh', '/again.sh'));
      expect(listing(sn, 'child')).toEqual(['again.sh', 'run.sh link to again.sh']);
      expect(view(sn, 'child').stat(ROOT, '/run.sh').nlink).toBe(2);
    });

    it('chmod of a lower file copies it up with its content and the new mode', () => {
      const sn = make();
      base(sn);
      layer(sn, 'child', 'base', (v) => v.chmod(ROOT, '/run.sh', 0o755));
      const [e] = readTar(sn.diff('child'));
      expect([e.path, e.mode, new TextDecoder().decode(e.data)]).toEqual(['run.sh', 0o755, 'echo hi\n']);
    });

    it('128 stacked layers resolve every path to its newest version', () => {
      const sn = make();
      let parent: string | undefined;
      for (let i = 0; i < 128; i++) {
        layer(sn, `l${i}`, parent, (v) => {
          v.writeFile(ROOT, `/f${i}`, String(i));
          v.writeFile(ROOT, '/latest', String(i));
        });
        parent = `l${i}`;
      }
      const v = view(sn, 'l127');
      expect(v.readdir(ROOT, '/').length).toBe(129);
      expect(v.readText(ROOT, '/latest')).toBe('127');
      expect(v.readText(ROOT, '/f0')).toBe('0');
    });
  });

  describe(`${name}: layers as tars`, () => {
    it('a layer applied from its own tar has the same diffID and content', () => {
      const sn = make();
      base(sn);
      layer(sn, 'child', 'base', (v) => {
        v.unlink(ROOT, '/run.sh');
        v.writeFile(ROOT, '/etc/motd', 'changed\n');
      });
      const other = make();
      other.apply('base', sn.diff('base'));
      other.apply('child', sn.diff('child'), 'base');
      expect(other.diffId('base')).toBe(sn.diffId('base'));
      expect(other.diffId('child')).toBe(sn.diffId('child'));
      const v = view(other, 'child');
      expect(v.readdir(ROOT, '/')).toEqual(['etc', 'var']);
      expect(v.readText(ROOT, '/etc/motd')).toBe('changed\n');
    });

    it('accepts symlinks pointing anywhere: they resolve inside the root', () => {
      const sn = make();
      sn.apply('links', writeTar([
        { path: 'docs', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 0, linkname: '../usr/share/doc' },
        { path: 'python', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 0, linkname: '/usr/bin/python3' },
      ]));
      expect(listing(sn, 'links')).toEqual(['docs -> ../usr/share/doc', 'python -> /usr/bin/python3']);
    });

    it('refuses damaged tars and members that escape the root, and changes nothing', () => {
      const sn = make();
      const good = writeTar([{ path: 'ok', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, data: new Uint8Array(3) }]);
      expect(() => sn.apply('t', good.subarray(0, 600))).toThrow(new LayerError('unexpected EOF'));
      const corrupt = good.slice();
      corrupt[10] ^= 1;
      expect(() => sn.apply('t', corrupt)).toThrow(new LayerError('archive/tar: invalid tar header'));
      const escape = writeTar([{ path: '../../etc/passwd', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, data: new Uint8Array(1) }]);
      expect(() => sn.apply('t', escape)).toThrow(new LayerError('invalid tar member "../../etc/passwd": path escapes the layer root'));
      const link = writeTar([{ path: 'x', type: 'hardlink', mode: 0o644, uid: 0, gid: 0, mtime: 0, linkname: '../../etc/shadow' }]);
      expect(() => sn.apply('t', link)).toThrow(LayerError);
      const through = writeTar([
        { path: 'evil', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 0, linkname: '/etc' },
        { path: 'evil/passwd', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, data: new Uint8Array(1) },
      ]);
      expect(() => sn.apply('t', through)).toThrow(new LayerError('invalid tar member "evil/passwd": path goes through the symlink "evil"'));
      expect(sn.walk()).toEqual([]);
    });
  });
}
