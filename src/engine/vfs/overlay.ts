import { SysError, isSysError } from '../kernel/errors';
import type { CopyUpEvent, WhiteoutEvent } from '../kernel/events';
import type { Caller, CreateAttrs, FsBackend, Stat } from './backend';

/** The prefix that marks a whiteout: `.wh.NAME` in a layer hides NAME in the layers below. */
export const WHITEOUT_PREFIX = '.wh.';
/** The marker that makes a directory opaque: nothing below shows through it. */
export const OPAQUE_MARKER = '.wh..wh..opq';

/** One branch of a union mount: a filesystem and a name for events (a layer's ID, a path). */
export interface Branch {
  fs: FsBackend;
  name: string;
}

const KERNEL: Caller = { cred: { uid: 0, gid: 0, groups: [0] } };

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}
function baseOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}
function ancestors(p: string): string[] {
  const out: string[] = [];
  for (let d = parentOf(p); ; d = parentOf(d)) {
    out.push(d);
    if (d === '/') break;
  }
  return out;
}

/**
 * A union mount, as overlayfs (and AUFS before it) builds one: read-only lower branches stacked
 * under one writable upper branch. Lookups go top-down; a directory's entries are merged; a file
 * from below is copied up to the upper branch before it is changed; deleting something that lives
 * below leaves a whiteout (`.wh.NAME`) in the upper branch; a directory recreated over a deleted one
 * is made opaque (`.wh..wh..opq`). The whiteout form is OCI's, so an upper branch is a layer diff.
 *
 * @sim partial: renaming a directory that exists in a lower branch fails with EXDEV, as overlayfs
 * does without redirect_dir; mv then copies, which is what happens in Docker's overlay2 too.
 */
export class OverlayFs implements FsBackend {

  /**
   * @param lowers the read-only branches, topmost first.
   * @param upper the writable branch; null for a read-only union.
   * @param emit receives copy-up and whiteout events (paths as seen inside the union).
   * @param fsType `overlay`, or `aufs` for the AUFS form of the same union.
   */
  constructor(
    readonly lowers: Branch[],
    readonly upper: Branch | null,
    private readonly emit: (e: CopyUpEvent | WhiteoutEvent) => void = () => {},
    readonly fsType: 'overlay' | 'aufs' = 'overlay',
  ) {}

  private get branches(): Branch[] {
    return this.upper ? [this.upper, ...this.lowers] : this.lowers;
  }

  private tryStat(fs: FsBackend, p: string): Stat | undefined {
    try {
      return fs.lstat(p, KERNEL);
    } catch (e) {
      if (isSysError(e)) return undefined;
      throw e;
    }
  }

  /** True when `branch` hides `p` from the branches below it. */
  private hides(fs: FsBackend, p: string): boolean {
    if (p !== '/' && this.tryStat(fs, join(parentOf(p), WHITEOUT_PREFIX + baseOf(p)))) return true;
    for (const a of ancestors(p)) {
      if (a === p) continue;
      const st = this.tryStat(fs, a);
      if (st && st.type !== 'dir') return true;
      if (a !== '/' && this.tryStat(fs, join(parentOf(a), WHITEOUT_PREFIX + baseOf(a)))) return true;
      if (st && this.tryStat(fs, join(a, OPAQUE_MARKER))) return true;
    }
    return false;
  }

  /** The topmost branch where `p` is visible, with its stat; undefined when it is not there. */
  private lookup(p: string): { index: number; branch: Branch; st: Stat } | undefined {
    if (baseOf(p).startsWith(WHITEOUT_PREFIX)) return undefined;
    const bs = this.branches;
    for (let i = 0; i < bs.length; i++) {
      const st = this.tryStat(bs[i].fs, p);
      if (st) return { index: i, branch: bs[i], st };
      if (this.hides(bs[i].fs, p)) return undefined;
    }
    return undefined;
  }

  private found(p: string): { index: number; branch: Branch; st: Stat } {
    const f = this.lookup(p);
    if (!f) throw new SysError('ENOENT');
    return f;
  }

  /** True when some lower branch still shows `p` (so deleting it needs a whiteout). */
  private inLower(p: string): boolean {
    for (const b of this.lowers) {
      if (this.tryStat(b.fs, p)) return true;
      if (this.hides(b.fs, p)) return false;
    }
    return false;
  }

  lstat(p: string): Stat {
    return this.found(p).st;
  }

  readdir(p: string): string[] {
    const top = this.found(p);
    if (top.st.type !== 'dir') throw new SysError('ENOTDIR');
    const names = new Set<string>();
    const hidden = new Set<string>();
    for (const b of this.branches.slice(top.index)) {
      const st = this.tryStat(b.fs, p);
      if (!st) {
        if (this.hides(b.fs, p)) break;
        continue;
      }
      if (st.type !== 'dir') break;
      const entries = b.fs.readdir(p, KERNEL);
      for (const n of entries) {
        if (n === OPAQUE_MARKER) continue;
        if (n.startsWith(WHITEOUT_PREFIX)) hidden.add(n.slice(WHITEOUT_PREFIX.length));
        else if (!hidden.has(n)) names.add(n);
      }
      if (entries.includes(OPAQUE_MARKER)) break;
    }
    return [...names].sort();
  }

  readlink(p: string): string {
    const f = this.found(p);
    return f.branch.fs.readlink(p, KERNEL);
  }

  readFile(p: string, caller: Caller): Uint8Array {
    const f = this.found(p);
    return f.branch.fs.readFile(p, caller);
  }

  private requireUpper(): Branch {
    if (!this.upper) throw new SysError('EROFS');
    return this.upper;
  }

  /** Makes sure directory `dir` exists in the upper branch, copying it (and its parents) up. */
  private copyUpDir(dir: string): void {
    const up = this.requireUpper().fs;
    if (this.tryStat(up, dir)) return;
    if (dir !== '/') this.copyUpDir(parentOf(dir));
    const f = this.found(dir);
    up.mkdir(dir, { mode: f.st.mode, uid: f.st.uid, gid: f.st.gid });
    up.utimes(dir, f.st.atimeMs, f.st.mtimeMs);
    this.emit({ type: 'storage.copy-up', path: dir, from: f.branch.name, bytes: 0 });
  }

  /**
   * Copies `p` up to the upper branch before it changes (content unless `withData` is false,
   * mode, owner and times), as overlayfs does on the first write.
   */
  private copyUp(p: string, withData = true): Stat {
    const up = this.requireUpper().fs;
    const f = this.found(p);
    if (f.index === 0 && this.upper) return f.st;
    this.copyUpDir(parentOf(p));
    const attrs = { mode: f.st.mode, uid: f.st.uid, gid: f.st.gid };
    let bytes = 0;
    if (f.st.type === 'dir') {
      this.copyUpDir(p);
      return f.st;
    } else if (f.st.type === 'symlink') {
      up.symlink(f.branch.fs.readlink(p, KERNEL), p, attrs);
    } else {
      const data = withData ? f.branch.fs.readFile(p, KERNEL) : new Uint8Array(0);
      bytes = withData ? f.st.size : 0;
      up.writeFile(p, data, attrs);
      // A stand-in file keeps its declared size when copied up.
      if (withData && f.st.size > data.length) (up as { declareSize?: (p: string, n: number) => void }).declareSize?.(p, f.st.size);
      up.chmod(p, f.st.mode);
      up.chown(p, f.st.uid, f.st.gid);
      up.utimes(p, f.st.atimeMs, f.st.mtimeMs);
    }
    this.emit({ type: 'storage.copy-up', path: p, from: f.branch.name, bytes });
    return f.st;
  }

  /** Removes a whiteout for `p` in the upper branch, if there is one; true when there was. */
  private clearWhiteout(p: string): boolean {
    const up = this.requireUpper().fs;
    const wh = join(parentOf(p), WHITEOUT_PREFIX + baseOf(p));
    if (!this.tryStat(up, wh)) return false;
    up.unlink(wh);
    return true;
  }

  private whiteout(p: string): void {
    const up = this.requireUpper().fs;
    this.copyUpDir(parentOf(p));
    up.writeFile(join(parentOf(p), WHITEOUT_PREFIX + baseOf(p)), new Uint8Array(0), { mode: 0o600, uid: 0, gid: 0 });
    this.emit({ type: 'storage.whiteout', path: p, kind: 'whiteout' });
  }

  /** Prepares the upper branch to create `p` anew: its directory copied up, an old whiteout gone. */
  private prepareCreate(p: string): { wasWhiteout: boolean } {
    this.requireUpper();
    this.copyUpDir(parentOf(p));
    return { wasWhiteout: this.clearWhiteout(p) };
  }

  writeFile(p: string, data: Uint8Array, opts: CreateAttrs & { append?: boolean }): void {
    const up = this.requireUpper().fs;
    const f = this.lookup(p);
    if (f) {
      if (f.st.type === 'dir') throw new SysError('EISDIR');
      // A file replaced whole needs no data copied first (overlayfs's O_TRUNC shortcut).
      this.copyUp(p, !!opts.append);
      up.writeFile(p, data, { ...opts, mode: f.st.mode, uid: f.st.uid, gid: f.st.gid });
      return;
    }
    this.prepareCreate(p);
    up.writeFile(p, data, opts);
  }

  /** A stand-in file's real size (see MemfsBackend.declareSize), set on its upper copy. */
  declareSize(p: string, size: number): void {
    const up = this.requireUpper().fs as { declareSize?: (p: string, n: number) => void };
    this.copyUp(p, true);
    up.declareSize?.(p, size);
  }

  truncate(p: string, len: number): void {
    this.copyUp(p, len > 0);
    this.requireUpper().fs.truncate(p, len);
  }

  mkdir(p: string, attrs: CreateAttrs): void {
    if (this.lookup(p)) throw new SysError('EEXIST');
    const up = this.requireUpper().fs;
    const { wasWhiteout } = this.prepareCreate(p);
    up.mkdir(p, attrs);
    if (wasWhiteout || this.inLowerIgnoringUpper(p)) {
      up.writeFile(join(p, OPAQUE_MARKER), new Uint8Array(0), { mode: 0o600, uid: 0, gid: 0 });
      this.emit({ type: 'storage.whiteout', path: p, kind: 'opaque' });
    }
  }

  /** Whether a lower branch has `p` at all, whiteouts above notwithstanding. */
  private inLowerIgnoringUpper(p: string): boolean {
    return this.lowers.some((b) => this.tryStat(b.fs, p) !== undefined);
  }

  rmdir(p: string): void {
    const f = this.found(p);
    if (f.st.type !== 'dir') throw new SysError('ENOTDIR');
    if (this.readdir(p).length > 0) throw new SysError('ENOTEMPTY');
    const up = this.requireUpper().fs;
    if (this.tryStat(up, p)) {
      for (const n of up.readdir(p, KERNEL)) up.unlink(join(p, n));
      up.rmdir(p);
    }
    if (this.inLower(p)) this.whiteout(p);
  }

  unlink(p: string): void {
    const f = this.found(p);
    if (f.st.type === 'dir') throw new SysError('EISDIR');
    const up = this.requireUpper().fs;
    const lower = this.inLower(p);
    if (f.index === 0 && this.upper) up.unlink(p);
    if (lower) this.whiteout(p);
  }

  rename(from: string, to: string): void {
    const f = this.found(from);
    const up = this.requireUpper().fs;
    if (f.st.type === 'dir' && this.inLowerIgnoringUpper(from)) throw new SysError('EXDEV');
    const target = this.lookup(to);
    if (target?.st.type === 'dir') {
      if (this.readdir(to).length > 0) throw new SysError('ENOTEMPTY');
      this.rmdir(to);
    } else if (target) {
      this.unlink(to);
    }
    this.copyUp(from);
    const lower = this.inLower(from);
    this.prepareCreate(to);
    up.rename(from, to);
    if (lower) this.whiteout(from);
  }

  symlink(target: string, p: string, attrs: CreateAttrs): void {
    if (this.lookup(p)) throw new SysError('EEXIST');
    this.prepareCreate(p);
    this.requireUpper().fs.symlink(target, p, attrs);
  }

  link(existing: string, p: string): void {
    if (this.lookup(p)) throw new SysError('EEXIST');
    this.copyUp(existing);
    this.prepareCreate(p);
    this.requireUpper().fs.link(existing, p);
  }

  chmod(p: string, mode: number): void {
    this.copyUp(p);
    this.requireUpper().fs.chmod(p, mode);
  }

  chown(p: string, uid: number, gid: number): void {
    this.copyUp(p);
    this.requireUpper().fs.chown(p, uid, gid);
  }

  utimes(p: string, atimeMs: number, mtimeMs: number): void {
    this.copyUp(p);
    this.requireUpper().fs.utimes(p, atimeMs, mtimeMs);
  }

  statfs(): { totalBytes: number; usedBytes: number; files: number } {
    return this.upper?.fs.statfs?.() ?? this.lowers[0]?.fs.statfs?.() ?? { totalBytes: 0, usedBytes: 0, files: 0 };
  }
}
