import type { Process, Cred } from '../kernel/process';
import type { OpenFile } from '../kernel/file';

/** A file's type, as the mode's format bits say it. */
export type FileType = 'file' | 'dir' | 'symlink' | 'chardev' | 'blockdev' | 'fifo' | 'socket';

/** What stat(2) returns. `mode` holds only the permission bits (07777); `type` the format. */
export interface Stat {
  type: FileType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  nlink: number;
  ino: number;
  dev: number;
  rdev?: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  /** Blocks of 512 bytes actually used (du counts these). */
  blocks: number;
}

/** Who is asking, so that a filesystem such as /proc can answer per process (/proc/self). */
export interface Caller {
  cred: Cred;
  proc?: Process;
}

/** Ownership and mode for a newly created file. */
export interface CreateAttrs {
  mode: number;
  uid: number;
  gid: number;
}

/**
 * One mounted filesystem. Paths are absolute inside the filesystem and already free of symlinks
 * and `..` (the VFS walks and resolves them); a backend only stores and answers. It does no
 * permission checks; the VFS does them from `Stat`.
 */
export interface FsBackend {
  /** The type `mount` and `df -T` show: ext4, tmpfs, proc, devtmpfs, overlay, … */
  readonly fsType: string;
  lstat(p: string, caller: Caller): Stat;
  readdir(p: string, caller: Caller): string[];
  readlink(p: string, caller: Caller): string;
  readFile(p: string, caller: Caller): Uint8Array;
  /** Creates or replaces (or appends to) a regular file. */
  writeFile(p: string, data: Uint8Array, opts: CreateAttrs & { append?: boolean }): void;
  truncate(p: string, len: number): void;
  mkdir(p: string, attrs: CreateAttrs): void;
  rmdir(p: string): void;
  unlink(p: string): void;
  rename(from: string, to: string): void;
  symlink(target: string, p: string, attrs: CreateAttrs): void;
  link(existing: string, p: string): void;
  chmod(p: string, mode: number): void;
  chown(p: string, uid: number, gid: number): void;
  utimes(p: string, atimeMs: number, mtimeMs: number): void;
  /** Opens a special file (a device, a terminal); undefined for ordinary files. */
  openSpecial?(p: string, caller: Caller, flags: OpenFlags): OpenFile | undefined;
  /** Sizes for df(1): total and used bytes, files. */
  statfs?(): { totalBytes: number; usedBytes: number; files: number };
}

/** open(2) flags the simulator understands. */
export interface OpenFlags {
  read?: boolean;
  write?: boolean;
  append?: boolean;
  create?: boolean;
  truncate?: boolean;
  exclusive?: boolean;
  directory?: boolean;
  noFollow?: boolean;
  mode?: number;
}
