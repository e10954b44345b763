import { SysError } from '../kernel/errors';
import type { OpenFile } from '../kernel/file';
import type { Caller, FileType, FsBackend, OpenFlags, Stat } from './backend';

/** One node of a generated filesystem, computed when asked for. */
export type SynthNode =
  | { type: 'dir'; entries: () => string[]; mode?: number; uid?: number; gid?: number }
  | { type: 'file'; read: () => string | Uint8Array; write?: (data: Uint8Array) => void; mode?: number; uid?: number; gid?: number }
  | { type: 'symlink'; target: () => string; uid?: number; gid?: number }
  | { type: 'chardev'; open: (flags: OpenFlags) => OpenFile; mode?: number; rdev?: number; uid?: number; gid?: number };

let nextDev = 5;

/**
 * A filesystem whose content is generated from kernel state on every call (/proc, /dev, later
 * /sys/fs/cgroup). Subclasses map a path to a node; this class answers the VFS from it.
 */
export abstract class SyntheticFs implements FsBackend {
  abstract readonly fsType: string;
  readonly dev = nextDev++;
  /** When the filesystem was mounted: the time its nodes report. */
  protected readonly mountTime: number;

  constructor(now: () => number) {
    this.mountTime = now();
  }

  /** The node at `p`, or undefined when there is none. */
  protected abstract node(p: string, caller: Caller): SynthNode | undefined;

  /** Resolves an opened magic link (/proc/PID/fd/N, /dev/stdin) to the open file it stands for. */
  openMagic?(p: string, caller: Caller): OpenFile | undefined;

  protected get(p: string, caller: Caller): SynthNode {
    const n = this.node(p, caller);
    if (!n) throw new SysError('ENOENT');
    return n;
  }

  private inoOf(p: string): number {
    let h = 2166136261;
    for (let i = 0; i < p.length; i++) h = Math.imul(h ^ p.charCodeAt(i), 16777619);
    return (h >>> 0) % 1000000 + 1;
  }

  lstat(p: string, caller: Caller): Stat {
    const n = this.get(p, caller);
    const type: FileType = n.type;
    const defaults = { dir: 0o555, file: 0o444, symlink: 0o777, chardev: 0o666 } as const;
    const size = n.type === 'symlink' ? n.target().length : 0;
    const t = this.mountTime;
    return {
      type,
      mode: 'mode' in n && n.mode !== undefined ? n.mode : defaults[n.type],
      uid: n.uid ?? 0,
      gid: n.gid ?? 0,
      size,
      nlink: n.type === 'dir' ? 2 : 1,
      ino: this.inoOf(p),
      dev: this.dev,
      rdev: n.type === 'chardev' ? n.rdev : undefined,
      atimeMs: t,
      mtimeMs: t,
      ctimeMs: t,
      blocks: 0,
    };
  }
  readdir(p: string, caller: Caller): string[] {
    const n = this.get(p, caller);
    if (n.type !== 'dir') throw new SysError('ENOTDIR');
    return n.entries();
  }
  readlink(p: string, caller: Caller): string {
    const n = this.get(p, caller);
    if (n.type !== 'symlink') throw new SysError('EINVAL');
    return n.target();
  }
  readFile(p: string, caller: Caller): Uint8Array {
    const n = this.get(p, caller);
    if (n.type === 'dir') throw new SysError('EISDIR');
    if (n.type !== 'file') throw new SysError('EINVAL');
    const v = n.read();
    return typeof v === 'string' ? new TextEncoder().encode(v) : v;
  }
  writeFile(p: string, data: Uint8Array): void {
    const n = this.node(p, { cred: { uid: 0, gid: 0, groups: [] } });
    if (n?.type === 'file' && n.write) {
      n.write(data);
      return;
    }
    throw new SysError(n ? 'EACCES' : 'EACCES');
  }
  truncate(p: string): void {
    const n = this.node(p, { cred: { uid: 0, gid: 0, groups: [] } });
    if (n?.type === 'file' && n.write) return;
    throw new SysError('EACCES');
  }
  mkdir(): void {
    throw new SysError('EACCES');
  }
  rmdir(): void {
    throw new SysError('EACCES');
  }
  unlink(): void {
    throw new SysError('EACCES');
  }
  rename(): void {
    throw new SysError('EACCES');
  }
  symlink(): void {
    throw new SysError('EACCES');
  }
  link(): void {
    throw new SysError('EACCES');
  }
  chmod(): void {
    throw new SysError('EPERM');
  }
  chown(): void {
    throw new SysError('EPERM');
  }
  utimes(): void {
    throw new SysError('EACCES');
  }
  openSpecial(p: string, caller: Caller, flags: OpenFlags): OpenFile | undefined {
    const n = this.get(p, caller);
    return n.type === 'chardev' ? n.open(flags) : undefined;
  }
  statfs(): { totalBytes: number; usedBytes: number; files: number } {
    return { totalBytes: 0, usedBytes: 0, files: 0 };
  }
}
