import { memfs } from 'memfs';
import type { Volume } from 'memfs';
import { SysError, type Errno, ERRNO } from '../kernel/errors';
import type { CreateAttrs, FileType, FsBackend, Stat } from './backend';

const S_IFMT = 0o170000;
const TYPES: Record<number, FileType> = {
  0o100000: 'file', 0o040000: 'dir', 0o120000: 'symlink', 0o020000: 'chardev',
  0o060000: 'blockdev', 0o010000: 'fifo', 0o140000: 'socket',
};


/**
 * memfs checks permissions with the identity of the real process hosting it and knows no root
 * override, while the simulated users' permissions are the VFS's job. Its node class is told to
 * allow everything (once, on its shared prototype).
 */
function allowEverything(vol: Volume): void {
  const core = (vol as unknown as { _core?: { root?: { getNode?: () => object } } })._core;
  const node = core?.root?.getNode?.();
  if (!node) return;
  const proto = Object.getPrototypeOf(node) as Record<string, unknown>;
  if (proto.__dockersimOpen) return;
  proto.canRead = proto.canWrite = proto.canExecute = () => true;
  proto.__dockersimOpen = true;
}

/** Turns memfs's Node-style error into the kernel's SysError. */
function sys<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code && code in ERRNO) throw new SysError(code as Errno);
    throw e;
  }
}

/**
 * A disk-like filesystem held in memory by memfs: modes, owners, symlinks and hard links are real.
 * memfs is told it runs as root; the VFS above does permission checks for the simulated user.
 */
export class MemfsBackend implements FsBackend {
  readonly vol: Volume;
  /**
   * @param dev the device number stat reports (major << 8 | minor); 0xfe01 is /dev/vda1.
   * @param now the clock that stamps access, modification and change times.
   */
  constructor(readonly fsType = 'ext4', readonly dev = 0xfe01, private readonly now: () => number = () => Date.now()) {
    const { vol } = memfs({}, {
      process: { getuid: () => 0, getgid: () => 0, cwd: () => '/', platform: 'linux', env: {}, emitWarning: () => {} } as never,
    });
    this.vol = vol as unknown as Volume;
    allowEverything(this.vol);
  }

  /** Declared sizes by inode: a file may report more bytes than it stores (a stand-in binary). */
  private readonly declared = new Map<number, number>();

  /**
   * Gives a file a declared size: stat, ls, du and image sizes report it, while reads return only
   * the stored bytes. Lets a base image weigh what the real one weighs without holding binaries.
   */
  declareSize(p: string, size: number): void {
    const ino = Number((sys(() => this.vol.lstatSync(p)) as unknown as { ino: number }).ino);
    this.declared.set(ino, size);
  }

  lstat(p: string): Stat {
    const s = sys(() => this.vol.lstatSync(p)) as unknown as {
      mode: number; uid: number; gid: number; size: number; nlink: number; ino: number;
      atimeMs: number; mtimeMs: number; ctimeMs: number;
    };
    const type = TYPES[s.mode & S_IFMT] ?? 'file';
    // Linux reports a symlink's size as the length of its target, and its mode as 0777.
    const stored = Number(s.size);
    const declared = type === 'file' ? this.declared.get(Number(s.ino)) : undefined;
    const size = type === 'dir' ? 4096 : type === 'symlink' ? new TextEncoder().encode(this.readlink(p)).length : Math.max(stored, declared ?? 0);
    return {
      type,
      mode: type === 'symlink' ? 0o777 : s.mode & 0o7777,
      uid: s.uid,
      gid: s.gid,
      size,
      nlink: s.nlink,
      ino: Number(s.ino),
      dev: this.dev,
      atimeMs: s.atimeMs,
      mtimeMs: s.mtimeMs,
      ctimeMs: s.ctimeMs,
      blocks: type === 'symlink' ? 0 : Math.ceil(size / 4096) * 8,
    };
  }
  readdir(p: string): string[] {
    return (sys(() => this.vol.readdirSync(p)) as string[]).map(String).sort();
  }
  readlink(p: string): string {
    return String(sys(() => this.vol.readlinkSync(p)));
  }
  readFile(p: string): Uint8Array {
    const b = sys(() => this.vol.readFileSync(p)) as Uint8Array;
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  writeFile(p: string, data: Uint8Array, opts: CreateAttrs & { append?: boolean }): void {
    let exists = true;
    try {
      this.vol.lstatSync(p);
    } catch {
      exists = false;
    }
    if (exists && !opts.append) this.forgetDeclared(p);
    sys(() => (opts.append ? this.vol.appendFileSync(p, data) : this.vol.writeFileSync(p, data)));
    if (!exists) {
      this.vol.chmodSync(p, opts.mode);
      this.vol.chownSync(p, opts.uid, opts.gid);
      this.touchParent(p);
      this.stamp(p, 'amcb');
    } else this.stamp(p, 'mc');
  }

  /**
   * Sets times from the simulation clock, as Linux would: memfs stamps nodes with the real clock
   * (and moves mtime on chmod), so after each change the times the kernel would set are written
   * onto the node. `which` says which of access, modify and change time are now.
   */
  private stamp(p: string, which = 'amc'): void {
    const core = (this.vol as unknown as { _core: { getLink(steps: string[]): { getNode(): Record<string, Date> } | null } })._core;
    const node = core.getLink(p.split('/').filter(Boolean))?.getNode();
    if (!node) return;
    const now = new Date(this.now());
    if (which.includes('a')) node._atime = now;
    if (which.includes('m')) node._mtime = now;
    if (which.includes('c')) node._ctime = now;
    if (which.includes('b')) node._btime = now;
  }

  /** Keeps a node's modification time across a memfs call that would move it. */
  private keepMtime<T>(p: string, fn: () => T): T {
    const core = (this.vol as unknown as { _core: { getLink(steps: string[]): { getNode(): Record<string, Date> } | null } })._core;
    const node = core.getLink(p.split('/').filter(Boolean))?.getNode();
    const m = node?._mtime;
    const r = fn();
    if (node && m) node._mtime = m;
    return r;
  }

  private touchParent(p: string): void {
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    this.stamp(parent, 'mc');
  }
  /** A file rewritten from scratch no longer carries a declared size. */
  private forgetDeclared(p: string): void {
    try {
      this.declared.delete(Number((this.vol.lstatSync(p) as unknown as { ino: number }).ino));
    } catch {
      // no such file
    }
  }

  truncate(p: string, len: number): void {
    this.forgetDeclared(p);
    sys(() => this.vol.truncateSync(p, len));
    this.stamp(p, 'mc');
  }
  mkdir(p: string, attrs: CreateAttrs): void {
    sys(() => this.vol.mkdirSync(p));
    this.vol.chmodSync(p, attrs.mode);
    this.vol.chownSync(p, attrs.uid, attrs.gid);
    this.stamp(p, 'amcb');
    this.touchParent(p);
  }
  rmdir(p: string): void {
    sys(() => this.vol.rmdirSync(p));
    this.touchParent(p);
  }
  unlink(p: string): void {
    sys(() => this.vol.unlinkSync(p));
    this.touchParent(p);
  }
  rename(from: string, to: string): void {
    sys(() => this.vol.renameSync(from, to));
    this.touchParent(from);
    this.touchParent(to);
  }
  symlink(target: string, p: string, attrs: CreateAttrs): void {
    sys(() => this.vol.symlinkSync(target, p));
    sys(() => this.vol.lchownSync(p, attrs.uid, attrs.gid));
    this.stamp(p, 'amcb');
    this.touchParent(p);
  }
  link(existing: string, p: string): void {
    sys(() => this.vol.linkSync(existing, p));
    this.stamp(p, 'c');
    this.touchParent(p);
  }
  chmod(p: string, mode: number): void {
    this.keepMtime(p, () => sys(() => this.vol.chmodSync(p, mode & 0o7777)));
    this.stamp(p, 'c');
  }
  chown(p: string, uid: number, gid: number): void {
    this.keepMtime(p, () => sys(() => this.vol.lchownSync(p, uid, gid)));
    this.stamp(p, 'c');
  }
  utimes(p: string, atimeMs: number, mtimeMs: number): void {
    sys(() => this.vol.lutimesSync(p, atimeMs / 1000, mtimeMs / 1000));
    this.stamp(p, 'c');
  }
  statfs(): { totalBytes: number; usedBytes: number; files: number } {
    let used = 0;
    let files = 0;
    const walk = (dir: string) => {
      for (const name of this.readdir(dir)) {
        const p = dir === '/' ? `/${name}` : `${dir}/${name}`;
        const st = this.lstat(p);
        files++;
        used += st.blocks * 512;
        if (st.type === 'dir') walk(p);
      }
    };
    walk('/');
    return { totalBytes: 64 * 1024 ** 3, usedBytes: used, files };
  }
}
