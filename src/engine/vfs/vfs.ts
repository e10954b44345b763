import type { Cred, Process } from '../kernel/process';
import { OpenFile } from '../kernel/file';
import { SysError } from '../kernel/errors';
import type { Caller, FsBackend, OpenFlags, Stat } from './backend';
import { components, normalize } from './path';
import { allocInum } from '../kernel/pidns';

/** Who performs a filesystem call: the working directory and the credentials to check. */
export interface Who {
  cwd: string;
  cred: Cred;
  /** The calling process, for files that answer per process (/proc/self, /dev/tty). */
  proc?: Process;
  umask?: number;
}

/** One entry of the mount table. */
export interface Mount {
  id: number;
  /** Where it is mounted, canonical. */
  path: string;
  backend: FsBackend;
  /** What `mount` prints before "on": a device, `overlay`, `proc`, `tmpfs`. */
  source: string;
  options: string[];
  /**
   * Kept out of /proc/PID/mounts: a directory the simulator serves from elsewhere but which is
   * a plain directory on a real host (/var/lib/docker/overlay2).
   */
  internal?: boolean;
}

/** Permission bits for access checks. */
export const R_OK = 4, W_OK = 2, X_OK = 1;

const MAX_SYMLINKS = 40;
let nextMountId = 20;

/** Whether `cred` may access a file with `st` for `want` (R_OK|W_OK|X_OK), as the kernel decides. */
export function permits(st: Stat, cred: Cred, want: number): boolean {
  if (cred.uid === 0) {
    if (want & X_OK && st.type !== 'dir') return (st.mode & 0o111) !== 0;
    return true;
  }
  let bits: number;
  if (st.uid === cred.uid) bits = (st.mode >> 6) & 7;
  else if (st.gid === cred.gid || cred.groups.includes(st.gid)) bits = (st.mode >> 3) & 7;
  else bits = st.mode & 7;
  return (bits & want) === want;
}

/**
 * The virtual filesystem of one mount namespace: a mount table over backends, and the path walk
 * that resolves `.`/`..` and symlinks component by component, checking search permission on every
 * directory on the way, as namei does in Linux.
 */
export class Vfs {
  readonly mounts: Mount[] = [];
  /** The mount namespace's inode number, as /proc/PID/ns/mnt shows it. */
  readonly inum = allocInum();

  constructor(root: FsBackend, source = '/dev/vda1', options = ['rw', 'relatime']) {
    this.mounts.push({ id: nextMountId++, path: '/', backend: root, source, options });
  }

  /** Mounts `backend` on the directory `path` (which must exist). */
  mount(who: Who, path: string, backend: FsBackend, source: string, options: string[] = ['rw'], internal = false): Mount {
    const canon = this.walk(who, path, true);
    if (this.lstatCanon(canon, who).type !== 'dir') throw new SysError('ENOTDIR');
    const m = { id: nextMountId++, path: canon, backend, source, options, internal };
    this.mounts.push(m);
    return m;
  }

  /** Unmounts the topmost filesystem on `path`. */
  umount(who: Who, path: string): void {
    const canon = this.walk(who, path, true);
    for (let i = this.mounts.length - 1; i > 0; i--) {
      if (this.mounts[i].path === canon) {
        if (this.mounts.some((m, j) => j !== i && m.path.startsWith(canon === '/' ? '/' : `${canon}/`))) throw new SysError('EBUSY');
        this.mounts.splice(i, 1);
        return;
      }
    }
    throw new SysError('EINVAL');
  }

  /** The mount that holds canonical path `canon`, and the path inside it. */
  locate(canon: string): { mount: Mount; inner: string } {
    let best = this.mounts[0];
    for (const m of this.mounts) {
      if ((m.path === '/' || canon === m.path || canon.startsWith(`${m.path}/`)) && m.path.length >= best.path.length) best = m;
    }
    const inner = best.path === '/' ? canon : canon.slice(best.path.length) || '/';
    return { mount: best, inner };
  }

  private caller(who: Who): Caller {
    return { cred: who.cred, proc: who.proc };
  }

  private lstatCanon(canon: string, who: Who): Stat {
    const { mount, inner } = this.locate(canon);
    return mount.backend.lstat(inner, this.caller(who));
  }

  private tryLstat(canon: string, who: Who): Stat | undefined {
    try {
      return this.lstatCanon(canon, who);
    } catch (e) {
      if (e instanceof SysError && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return undefined;
      throw e;
    }
  }

  /**
   * Resolves `path` to a canonical, symlink-free absolute path. The last component need not exist
   * (callers that create files need that); every directory before it must.
   */
  walk(who: Who, path: string, followLast: boolean): string {
    if (path === '') throw new SysError('ENOENT');
    if (path.length > 4096) throw new SysError('ENAMETOOLONG');
    const mustBeDir = path.endsWith('/') && path.length > 1;
    if (mustBeDir) followLast = true;
    let todo = components(path);
    if (!path.startsWith('/')) todo = [...components(who.cwd), ...todo];
    let cur: string[] = [];
    let links = 0;
    while (todo.length > 0) {
      const c = todo.shift()!;
      if (c === '.') continue;
      if (c === '..') {
        cur.pop();
        continue;
      }
      if (c.length > 255) throw new SysError('ENAMETOOLONG');
      const dir = '/' + cur.join('/');
      const dst = this.lstatCanon(dir, who);
      if (dst.type !== 'dir') throw new SysError('ENOTDIR');
      if (!permits(dst, who.cred, X_OK)) throw new SysError('EACCES');
      const next = [...cur, c];
      const isLast = todo.length === 0;
      const st = this.tryLstat('/' + next.join('/'), who);
      if (st?.type === 'symlink' && (!isLast || followLast)) {
        if (++links > MAX_SYMLINKS) throw new SysError('ELOOP');
        const { mount, inner } = this.locate('/' + next.join('/'));
        const target = mount.backend.readlink(inner, this.caller(who));
        if (target.startsWith('/')) cur = [];
        todo = [...components(target), ...todo];
        continue;
      }
      if (!st && !isLast) throw new SysError('ENOENT');
      cur = next;
    }
    const canon = '/' + cur.join('/');
    if (mustBeDir) {
      const st = this.tryLstat(canon, who);
      if (st && st.type !== 'dir') throw new SysError('ENOTDIR');
    }
    return canon;
  }

  /** stat(2): follows symlinks. */
  stat(who: Who, path: string): Stat {
    return this.lstatCanon(this.walk(who, path, true), who);
  }

  /** lstat(2): does not follow a final symlink. */
  lstat(who: Who, path: string): Stat {
    return this.lstatCanon(this.walk(who, path, false), who);
  }

  /** True when `path` exists (following symlinks). */
  exists(who: Who, path: string): boolean {
    try {
      this.stat(who, path);
      return true;
    } catch {
      return false;
    }
  }

  /** access(2) with R_OK/W_OK/X_OK bits. */
  access(who: Who, path: string, want: number): boolean {
    try {
      const canon = this.walk(who, path, true);
      const st = this.lstatCanon(canon, who);
      if (want & W_OK && this.readOnly(canon)) return false;
      return permits(st, who.cred, want);
    } catch {
      return false;
    }
  }

  /** realpath(3). */
  realpath(who: Who, path: string): string {
    const canon = this.walk(who, path, true);
    this.lstatCanon(canon, who);
    return canon;
  }

  /** readlink(2). */
  readlink(who: Who, path: string): string {
    const canon = this.walk(who, path, false);
    const st = this.lstatCanon(canon, who);
    if (st.type !== 'symlink') throw new SysError('EINVAL');
    const { mount, inner } = this.locate(canon);
    return mount.backend.readlink(inner, this.caller(who));
  }

  /** Lists a directory's entries (without `.` and `..`), sorted. */
  readdir(who: Who, path: string): string[] {
    const canon = this.walk(who, path, true);
    const st = this.lstatCanon(canon, who);
    if (st.type !== 'dir') throw new SysError('ENOTDIR');
    if (!permits(st, who.cred, R_OK)) throw new SysError('EACCES');
    const { mount, inner } = this.locate(canon);
    return mount.backend.readdir(inner, this.caller(who));
  }

  /** Reads a whole regular file. */
  readFile(who: Who, path: string): Uint8Array {
    const canon = this.walk(who, path, true);
    const st = this.lstatCanon(canon, who);
    if (st.type === 'dir') throw new SysError('EISDIR');
    if (!permits(st, who.cred, R_OK)) throw new SysError('EACCES');
    const { mount, inner } = this.locate(canon);
    return mount.backend.readFile(inner, this.caller(who));
  }

  /** Reads a whole file as UTF-8 text. */
  readText(who: Who, path: string): string {
    return new TextDecoder().decode(this.readFile(who, path));
  }

  private readOnly(canon: string): boolean {
    return this.locate(canon).mount.options.includes('ro');
  }

  /** Checks that `who` may add or remove entries in the directory holding `canon`. */
  private checkParentWritable(who: Who, canon: string, victim?: Stat): void {
    const parent = normalize(canon + '/..');
    const pst = this.lstatCanon(parent, who);
    if (pst.type !== 'dir') throw new SysError('ENOTDIR');
    if (this.readOnly(canon)) throw new SysError('EROFS');
    if (!permits(pst, who.cred, W_OK | X_OK)) throw new SysError('EACCES');
    // The sticky bit (/tmp): only the owner of a file or of the directory may remove it.
    if (victim && pst.mode & 0o1000 && who.cred.uid !== 0 && victim.uid !== who.cred.uid && pst.uid !== who.cred.uid) {
      throw new SysError('EPERM');
    }
  }

  private attrs(who: Who, mode: number) {
    return { mode: mode & ~(who.umask ?? 0o022) & 0o7777, uid: who.cred.uid, gid: who.cred.gid };
  }

  /** Writes (creating or replacing, or appending to) a regular file. */
  writeFile(who: Who, path: string, data: Uint8Array | string, opts: { append?: boolean; mode?: number } = {}): void {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const canon = this.walk(who, path, true);
    const st = this.tryLstat(canon, who);
    if (st) {
      if (st.type === 'dir') throw new SysError('EISDIR');
      if (this.readOnly(canon)) throw new SysError('EROFS');
      if (!permits(st, who.cred, W_OK)) throw new SysError('EACCES');
    } else {
      this.checkParentWritable(who, canon);
    }
    const { mount, inner } = this.locate(canon);
    mount.backend.writeFile(inner, bytes, { ...this.attrs(who, opts.mode ?? 0o666), append: opts.append });
  }

  /**
   * Gives a stand-in file the size of the real file it stands for (package and image files that
   * carry no content), where the filesystem supports it. Needs write permission.
   */
  declareSize(who: Who, path: string, size: number): void {
    const canon = this.walk(who, path, true);
    const st = this.lstat(who, canon);
    if (!permits(st, who.cred, W_OK)) throw new SysError('EACCES');
    const { mount, inner } = this.locate(canon);
    (mount.backend as { declareSize?: (p: string, n: number) => void }).declareSize?.(inner, size);
  }

  /** truncate(2). */
  truncate(who: Who, path: string, len: number): void {
    const canon = this.walk(who, path, true);
    const st = this.lstatCanon(canon, who);
    if (st.type === 'dir') throw new SysError('EISDIR');
    if (this.readOnly(canon)) throw new SysError('EROFS');
    if (!permits(st, who.cred, W_OK)) throw new SysError('EACCES');
    const { mount, inner } = this.locate(canon);
    mount.backend.truncate(inner, len);
  }

  /** mkdir(2). */
  mkdir(who: Who, path: string, mode = 0o777): void {
    const canon = this.walk(who, path, false);
    if (this.tryLstat(canon, who)) throw new SysError('EEXIST');
    this.checkParentWritable(who, canon);
    const { mount, inner } = this.locate(canon);
    mount.backend.mkdir(inner, this.attrs(who, mode));
  }

  /** rmdir(2). */
  rmdir(who: Who, path: string): void {
    const canon = this.walk(who, path, false);
    const st = this.lstatCanon(canon, who);
    if (st.type !== 'dir') throw new SysError('ENOTDIR');
    if (canon === '/' || this.mounts.some((m) => m.path === canon)) throw new SysError('EBUSY');
    this.checkParentWritable(who, canon, st);
    const { mount, inner } = this.locate(canon);
    mount.backend.rmdir(inner);
  }

  /** unlink(2). */
  unlink(who: Who, path: string): void {
    const canon = this.walk(who, path, false);
    const st = this.lstatCanon(canon, who);
    if (st.type === 'dir') throw new SysError('EISDIR');
    this.checkParentWritable(who, canon, st);
    const { mount, inner } = this.locate(canon);
    mount.backend.unlink(inner);
  }

  /** rename(2); EXDEV across filesystems, as mv(1) then falls back to copying. */
  rename(who: Who, from: string, to: string): void {
    const a = this.walk(who, from, false);
    const b = this.walk(who, to, false);
    const sa = this.lstatCanon(a, who);
    const la = this.locate(a);
    const lb = this.locate(b);
    if (la.mount !== lb.mount) throw new SysError('EXDEV');
    if (a === b) return;
    if (sa.type === 'dir' && (b + '/').startsWith(a + '/')) throw new SysError('EINVAL');
    const sb = this.tryLstat(b, who);
    if (sb) {
      if (sb.type === 'dir' && sa.type !== 'dir') throw new SysError('EISDIR');
      if (sb.type !== 'dir' && sa.type === 'dir') throw new SysError('ENOTDIR');
      if (sb.type === 'dir' && la.mount.backend.readdir(lb.inner, this.caller(who)).length > 0) throw new SysError('ENOTEMPTY');
    }
    this.checkParentWritable(who, a, sa);
    this.checkParentWritable(who, b, sb);
    if (sb?.type === 'dir') la.mount.backend.rmdir(lb.inner);
    la.mount.backend.rename(la.inner, lb.inner);
  }

  /** symlink(2): creates `path` pointing at `target` (not checked). */
  symlink(who: Who, target: string, path: string): void {
    const canon = this.walk(who, path, false);
    if (this.tryLstat(canon, who)) throw new SysError('EEXIST');
    this.checkParentWritable(who, canon);
    const { mount, inner } = this.locate(canon);
    mount.backend.symlink(target, inner, { mode: 0o777, uid: who.cred.uid, gid: who.cred.gid });
  }

  /** link(2): a hard link; EXDEV across filesystems, EPERM for directories. */
  link(who: Who, existing: string, path: string): void {
    const a = this.walk(who, existing, false);
    const sa = this.lstatCanon(a, who);
    if (sa.type === 'dir') throw new SysError('EPERM');
    const b = this.walk(who, path, false);
    if (this.tryLstat(b, who)) throw new SysError('EEXIST');
    const la = this.locate(a);
    const lb = this.locate(b);
    if (la.mount !== lb.mount) throw new SysError('EXDEV');
    this.checkParentWritable(who, b);
    la.mount.backend.link(la.inner, lb.inner);
  }

  private checkOwner(who: Who, canon: string): void {
    const st = this.lstatCanon(canon, who);
    if (who.cred.uid !== 0 && st.uid !== who.cred.uid) throw new SysError('EPERM');
    if (this.readOnly(canon)) throw new SysError('EROFS');
  }

  /** chmod(2): owner or root. */
  chmod(who: Who, path: string, mode: number): void {
    const canon = this.walk(who, path, true);
    this.checkOwner(who, canon);
    const { mount, inner } = this.locate(canon);
    mount.backend.chmod(inner, mode & 0o7777);
  }

  /** lchown(2) or chown(2): root only, or the owner moving the file to one of its own groups. */
  chown(who: Who, path: string, uid: number, gid: number, follow = true): void {
    const canon = this.walk(who, path, follow);
    const st = this.lstatCanon(canon, who);
    if (who.cred.uid !== 0) {
      const ownGroup = gid === st.gid || gid === who.cred.gid || who.cred.groups.includes(gid);
      if (st.uid !== who.cred.uid || uid !== st.uid || !ownGroup) throw new SysError('EPERM');
    }
    if (this.readOnly(canon)) throw new SysError('EROFS');
    const { mount, inner } = this.locate(canon);
    mount.backend.chown(inner, uid, gid);
  }

  /** utimes(2). */
  utimes(who: Who, path: string, atimeMs: number, mtimeMs: number): void {
    const canon = this.walk(who, path, true);
    const st = this.lstatCanon(canon, who);
    if (who.cred.uid !== 0 && st.uid !== who.cred.uid && !permits(st, who.cred, W_OK)) throw new SysError('EACCES');
    const { mount, inner } = this.locate(canon);
    mount.backend.utimes(inner, atimeMs, mtimeMs);
  }

  /** open(2): a description to read or write through. */
  open(who: Who, path: string, flags: OpenFlags): OpenFile {
    // Magic links (/proc/PID/fd/N, /dev/stdin) reopen the very file a descriptor refers to.
    const link = this.walk(who, path, false);
    const at = this.locate(link);
    const magic = (at.mount.backend as { openMagic?: (p: string, c: Caller) => OpenFile | undefined }).openMagic?.(at.inner, this.caller(who));
    if (magic) return magic;
    const canon = this.walk(who, path, !flags.noFollow);
    let st = this.tryLstat(canon, who);
    if (st && flags.create && flags.exclusive) throw new SysError('EEXIST');
    if (!st) {
      if (!flags.create) throw new SysError('ENOENT');
      this.writeFile(who, canon, new Uint8Array(0), { mode: flags.mode ?? 0o666 });
      st = this.lstatCanon(canon, who);
    } else {
      if (st.type === 'dir' && flags.write) throw new SysError('EISDIR');
      if (flags.read && !permits(st, who.cred, R_OK)) throw new SysError('EACCES');
      if (flags.write && !permits(st, who.cred, W_OK)) throw new SysError('EACCES');
      if (flags.write && this.readOnly(canon) && st.type === 'file') throw new SysError('EROFS');
    }
    const { mount, inner } = this.locate(canon);
    const special = mount.backend.openSpecial?.(inner, this.caller(who), flags);
    if (special) return special;
    if (st.type === 'dir') return new DirFile(canon);
    if (flags.truncate && flags.write) mount.backend.truncate(inner, 0);
    return new RegularFile(mount.backend, inner, canon, flags, this.caller(who));
  }

  /** df(1)'s view of the filesystem holding `path`. */
  statfs(who: Who, path: string): { mount: Mount; totalBytes: number; usedBytes: number; files: number } {
    const canon = this.walk(who, path, true);
    const { mount } = this.locate(canon);
    const s = mount.backend.statfs?.() ?? { totalBytes: 0, usedBytes: 0, files: 0 };
    return { mount, ...s };
  }
}

/** An open directory (reads fail with EISDIR, as read(2) on a directory does). */
export class DirFile extends OpenFile {
  readonly kind = 'dir' as const;
  constructor(readonly name: string) {
    super();
  }
  override read(): Promise<Uint8Array | null> {
    return Promise.reject(new SysError('EISDIR'));
  }
}

/**
 * An open regular file. Reads take the content as it is at the first read; writes go straight
 * to the backend, so another process sees them at once (`tail -f`).
 * @sim partial: no lseek; writes append at the end of the file.
 */
export class RegularFile extends OpenFile {
  readonly kind = 'file' as const;
  private data: Uint8Array | null = null;
  private pos = 0;
  constructor(private readonly backend: FsBackend, private readonly inner: string, readonly name: string, private readonly flags: OpenFlags, private readonly caller: Caller) {
    super();
  }
  override async read(_proc: Process, max = 65536): Promise<Uint8Array | null> {
    if (!this.flags.read) throw new SysError('EBADF');
    this.data ??= this.backend.readFile(this.inner, this.caller);
    if (this.pos >= this.data.length) {
      // A file that grew since (a log being written) is read on from where we were.
      const fresh = this.backend.readFile(this.inner, this.caller);
      if (fresh.length <= this.pos) return null;
      this.data = fresh;
    }
    const chunk = this.data.subarray(this.pos, this.pos + max);
    this.pos += chunk.length;
    return chunk;
  }
  override async write(_proc: Process, data: Uint8Array): Promise<void> {
    if (!this.flags.write) throw new SysError('EBADF');
    this.backend.writeFile(this.inner, data, { append: true, mode: 0o644, uid: 0, gid: 0 });
  }
}
