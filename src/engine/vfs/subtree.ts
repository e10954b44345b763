import type { Caller, CreateAttrs, FsBackend, OpenFlags, Stat } from './backend';
import type { OpenFile } from '../kernel/file';
import type { Vfs, Who } from './vfs';

const KERNEL: Who = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] }, umask: 0 };

/**
 * A directory of a mount namespace seen as a filesystem of its own, as the branches of a union
 * mount (lowerdir=, upperdir=) are: the kernel reaches the files through it with full rights, and
 * new files get the owner and mode the union asks for.
 */
export class SubtreeFs implements FsBackend {
  constructor(private readonly vfs: Vfs, private readonly root: string, readonly fsType = 'ext4') {}

  private at(p: string): string {
    if (this.root === '/') return p;
    return p === '/' ? this.root : this.root + p;
  }
  lstat(p: string): Stat {
    return this.vfs.lstat(KERNEL, this.at(p));
  }
  readdir(p: string): string[] {
    return this.vfs.readdir(KERNEL, this.at(p));
  }
  readlink(p: string): string {
    return this.vfs.readlink(KERNEL, this.at(p));
  }
  readFile(p: string): Uint8Array {
    return this.vfs.readFile(KERNEL, this.at(p));
  }
  writeFile(p: string, data: Uint8Array, opts: CreateAttrs & { append?: boolean }): void {
    const existed = this.vfs.exists(KERNEL, this.at(p));
    this.vfs.writeFile(KERNEL, this.at(p), data, { append: opts.append, mode: opts.mode });
    if (!existed) {
      this.vfs.chmod(KERNEL, this.at(p), opts.mode);
      this.vfs.chown(KERNEL, this.at(p), opts.uid, opts.gid);
    }
  }
  truncate(p: string, len: number): void {
    this.vfs.truncate(KERNEL, this.at(p), len);
  }
  mkdir(p: string, attrs: CreateAttrs): void {
    this.vfs.mkdir(KERNEL, this.at(p), attrs.mode);
    this.vfs.chmod(KERNEL, this.at(p), attrs.mode);
    this.vfs.chown(KERNEL, this.at(p), attrs.uid, attrs.gid);
  }
  rmdir(p: string): void {
    this.vfs.rmdir(KERNEL, this.at(p));
  }
  unlink(p: string): void {
    this.vfs.unlink(KERNEL, this.at(p));
  }
  rename(from: string, to: string): void {
    this.vfs.rename(KERNEL, this.at(from), this.at(to));
  }
  symlink(target: string, p: string, attrs: CreateAttrs): void {
    this.vfs.symlink(KERNEL, target, this.at(p));
    this.vfs.chown(KERNEL, this.at(p), attrs.uid, attrs.gid, false);
  }
  link(existing: string, p: string): void {
    this.vfs.link(KERNEL, this.at(existing), this.at(p));
  }
  chmod(p: string, mode: number): void {
    this.vfs.chmod(KERNEL, this.at(p), mode);
  }
  chown(p: string, uid: number, gid: number): void {
    this.vfs.chown(KERNEL, this.at(p), uid, gid, false);
  }
  utimes(p: string, atimeMs: number, mtimeMs: number): void {
    this.vfs.utimes(KERNEL, this.at(p), atimeMs, mtimeMs);
  }
  openSpecial(p: string, caller: Caller, flags: OpenFlags): OpenFile | undefined {
    const st = this.lstat(p);
    if (st.type === 'file' || st.type === 'dir' || st.type === 'symlink') return undefined;
    return this.vfs.open({ ...KERNEL, cred: caller.cred, proc: caller.proc }, this.at(p), flags);
  }
  statfs(): { totalBytes: number; usedBytes: number; files: number } {
    const s = this.vfs.statfs(KERNEL, this.root);
    return { totalBytes: s.totalBytes, usedBytes: s.usedBytes, files: s.files };
  }
}
