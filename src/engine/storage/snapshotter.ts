import type { FsBackend } from '../vfs/backend';
import type { MemfsBackend } from '../vfs/memfs-backend';
import { OverlayFs } from '../vfs/overlay';
import type { CopyUpEvent, WhiteoutEvent } from '../kernel/events';
import type { Random } from '../kernel/random';
import { changesetTar, diffIdOf, newVolume, unpackLayer } from './layer';

/**
 * Snapshots are best understood by their lifecycle (as containerd's snapshotter describes it):
 *
 * - `prepare(key, parent)` makes an *active* snapshot: a writable layer on top of `parent`.
 *   A container's root filesystem, or a build step, is one.
 * - `view(key, parent)` makes a read-only active snapshot of `parent`.
 * - `commit(name, key)` turns an active snapshot into a *committed* one: immutable, named, and
 *   usable as a parent. An image layer is one.
 * - `mounts(key)` says how to mount an active snapshot: an overlay whose lowerdirs are the
 *   committed ancestors and whose upperdir is the snapshot's own diff.
 * - `remove(key)` discards a snapshot that nothing depends on.
 *
 * Nothing is copied when a snapshot is prepared: a thousand containers of one image share its
 * committed layers, and each holds only what it changed.
 */

/** The three kinds of snapshot. */
export type SnapshotKind = 'active' | 'view' | 'committed';

/** What `stat` tells about a snapshot. */
export interface SnapshotInfo {
  key: string;
  kind: SnapshotKind;
  parent?: string;
  /** The directory name under /var/lib/docker/overlay2. */
  id: string;
  created: number;
}

/** A mount as a snapshotter returns it: what mount(2) would be called with. */
export interface MountSpec {
  type: 'overlay';
  source: 'overlay';
  options: string[];
}

/** A snapshotter error, with a containerd-style code. */
export class SnapshotError extends Error {
  constructor(readonly code: 'not-found' | 'already-exists' | 'failed-precondition' | 'invalid-argument', message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

interface Snapshot extends SnapshotInfo {
  volume: MemfsBackend;
}

/** Where overlay2 keeps a snapshot's directories. */
export const OVERLAY_ROOT = '/var/lib/docker/overlay2';

/** The overlay2-style snapshotter over per-snapshot memfs volumes. */
export class Snapshotter {
  private readonly snaps = new Map<string, Snapshot>();

  constructor(
    private readonly now: () => number,
    private readonly random: Random,
    private readonly emit: (e: CopyUpEvent | WhiteoutEvent) => void = () => {},
  ) {}

  private get(key: string): Snapshot {
    const s = this.snaps.get(key);
    if (!s) throw new SnapshotError('not-found', `snapshot ${key}: not found`);
    return s;
  }

  private create(key: string, parent: string | undefined, kind: SnapshotKind): MountSpec[] {
    if (this.snaps.has(key)) throw new SnapshotError('already-exists', `snapshot ${key}: already exists`);
    if (parent !== undefined) {
      const p = this.get(parent);
      if (p.kind !== 'committed') throw new SnapshotError('invalid-argument', `parent ${parent} is not committed`);
    }
    this.snaps.set(key, { key, kind, parent, id: this.random.hex(64), created: this.now(), volume: newVolume(this.now) });
    return this.mounts(key);
  }

  /** An active, writable snapshot on top of `parent`. */
  prepare(key: string, parent?: string): MountSpec[] {
    return this.create(key, parent, 'active');
  }

  /** A read-only snapshot of `parent`. */
  view(key: string, parent?: string): MountSpec[] {
    return this.create(key, parent, 'view');
  }

  /** Turns the active snapshot `key` into the committed snapshot `name`. */
  commit(name: string, key: string): void {
    const s = this.get(key);
    if (s.kind !== 'active') throw new SnapshotError('failed-precondition', `snapshot ${key} is not active`);
    if (this.snaps.has(name)) throw new SnapshotError('already-exists', `snapshot ${name}: already exists`);
    this.snaps.delete(key);
    this.snaps.set(name, { ...s, key: name, kind: 'committed' });
  }

  /** The committed ancestors of a snapshot, nearest first. */
  private chain(s: Snapshot): Snapshot[] {
    const out: Snapshot[] = [];
    for (let p = s.parent; p !== undefined; p = this.get(p).parent) out.push(this.get(p));
    return out;
  }

  /** How to mount a snapshot: lowerdirs are its committed ancestors, upperdir its own diff. */
  mounts(key: string): MountSpec[] {
    const s = this.get(key);
    const lower = this.chain(s).map((p) => `${OVERLAY_ROOT}/${p.id}/diff`);
    const options = [...(s.kind === 'view' ? ['ro'] : []), `lowerdir=${lower.join(':')}`];
    if (s.kind === 'active') options.push(`upperdir=${OVERLAY_ROOT}/${s.id}/diff`, `workdir=${OVERLAY_ROOT}/${s.id}/work`);
    return [{ type: 'overlay', source: 'overlay', options }];
  }

  /** Mounts what `mounts` describes: the overlay filesystem over the snapshots' volumes. */
  mount(specs: MountSpec[]): FsBackend {
    const opts = specs[0]?.options ?? [];
    const byDir = (dir: string) => {
      const id = dir.slice(OVERLAY_ROOT.length + 1).split('/')[0];
      const s = [...this.snaps.values()].find((x) => x.id === id);
      if (!s) throw new SnapshotError('not-found', `no snapshot for ${dir}`);
      return { fs: s.volume as FsBackend, name: s.key };
    };
    const lowerdir = opts.find((o) => o.startsWith('lowerdir='))?.slice(9) ?? '';
    const upperdir = opts.find((o) => o.startsWith('upperdir='))?.slice(9);
    const lowers = lowerdir ? lowerdir.split(':').map(byDir) : [];
    const upper = upperdir ? byDir(upperdir) : null;
    if (!upper && lowers.length === 0) {
      // A view of nothing: an empty, read-only root.
      return new OverlayFs([{ fs: newVolume(this.now), name: 'empty' }], null, this.emit);
    }
    return new OverlayFs(lowers, upper, this.emit);
  }

  /** Discards a snapshot; refused while another snapshot is built on it. */
  remove(key: string): void {
    this.get(key);
    const child = [...this.snaps.values()].find((s) => s.parent === key);
    if (child) throw new SnapshotError('failed-precondition', `cannot remove snapshot ${key}: snapshot ${child.key} depends on it`);
    this.snaps.delete(key);
  }

  /** What is known about a snapshot. */
  stat(key: string): SnapshotInfo {
    const { volume: _v, ...info } = this.get(key);
    return info;
  }

  /** Every snapshot. */
  walk(): SnapshotInfo[] {
    return [...this.snaps.keys()].map((k) => this.stat(k));
  }

  /** A read-only filesystem of a committed snapshot with everything below it. */
  viewFs(key: string): FsBackend {
    const s = this.get(key);
    return new OverlayFs([s, ...this.chain(s)].map((x) => ({ fs: x.volume as FsBackend, name: x.key })), null, this.emit);
  }

  /** The keys of a snapshot's committed ancestors, nearest first. */
  chainOf(key: string): string[] {
    return this.chain(this.get(key)).map((s) => s.key);
  }

  /** The volume that holds a snapshot's own files (its diff directory). */
  volumeOf(key: string): FsBackend {
    return this.get(key).volume;
  }

  /** The snapshot's own changes as an OCI layer tar (whiteouts included). */
  diff(key: string): Uint8Array {
    return changesetTar(this.get(key).volume);
  }

  /** The diffID of a snapshot's changes. */
  diffId(key: string): string {
    return diffIdOf(this.diff(key));
  }

  /** Disk usage of a snapshot's own diff, counted once however many snapshots share it. */
  usage(key: string): { size: number; inodes: number } {
    const s = this.get(key).volume.statfs();
    return { size: s.usedBytes, inodes: s.files };
  }

  /** Unpacks a layer tar as a new committed snapshot `name` on top of `parent`. */
  apply(name: string, tar: Uint8Array, parent?: string): void {
    const key = `extract-${name}`;
    this.prepare(key, parent);
    try {
      unpackLayer(tar, this.get(key).volume);
    } catch (e) {
      this.snaps.delete(key);
      throw e;
    }
    this.commit(name, key);
  }
}
