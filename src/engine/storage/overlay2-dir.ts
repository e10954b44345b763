import { SysError } from '../kernel/errors';
import type { Caller, CreateAttrs, FsBackend, Stat } from '../vfs/backend';
import type { Snapshotter } from './snapshotter';

/**
 * /var/lib/docker/overlay2 as the host sees it: a directory per snapshot holding `diff/` (the
 * snapshot's own files, straight from its volume, nothing copied), `link` (its short name), and
 * for snapshots with parents `lower` (their diff directories) and `work/`. Read-only from the
 * host's side: only the daemon changes layers.
 */
export class Overlay2Dir implements FsBackend {
  readonly fsType = 'ext4';
  constructor(private readonly snapshots: Snapshotter, private readonly now: () => number) {}

  private split(p: string): { id?: string; rest: string[] } {
    const parts = p.split('/').filter(Boolean);
    return { id: parts[0], rest: parts.slice(1) };
  }

  private snapshot(id: string) {
    const s = this.snapshots.walk().find((x) => x.id === id);
    if (!s) throw new SysError('ENOENT');
    return s;
  }

  private dirStat(): Stat {
    const t = this.now();
    return { type: 'dir', mode: 0o710, uid: 0, gid: 0, size: 4096, nlink: 2, ino: 1, dev: 0xfe01, atimeMs: t, mtimeMs: t, ctimeMs: t, blocks: 8 };
  }

  private files(id: string): Record<string, string> {
    const s = this.snapshot(id);
    const out: Record<string, string> = { link: id.slice(0, 26).toUpperCase() };
    if (s.parent !== undefined) out.lower = this.snapshots.chainOf(s.key).map((k) => `l/${this.snapshots.stat(k).id.slice(0, 26).toUpperCase()}`).join(':');
    return out;
  }

  lstat(p: string, caller: Caller): Stat {
    const { id, rest } = this.split(p);
    if (!id) return this.dirStat();
    const s = this.snapshot(id);
    if (rest.length === 0) return { ...this.dirStat(), mode: 0o710 };
    if (rest[0] === 'diff') return this.snapshots.volumeOf(s.key).lstat('/' + rest.slice(1).join('/'), caller);
    if ((rest[0] === 'work' || rest[0] === 'merged') && rest.length === 1 && s.kind === 'active') return { ...this.dirStat(), mode: rest[0] === 'work' ? 0o700 : 0o755 };
    const f = this.files(id)[rest[0]];
    if (f === undefined || rest.length > 1) throw new SysError('ENOENT');
    const t = this.now();
    return { type: 'file', mode: 0o644, uid: 0, gid: 0, size: f.length, nlink: 1, ino: 2, dev: 0xfe01, atimeMs: t, mtimeMs: t, ctimeMs: t, blocks: 8 };
  }

  readdir(p: string, caller: Caller): string[] {
    const { id, rest } = this.split(p);
    if (!id) return this.snapshots.walk().map((s) => s.id).sort();
    const s = this.snapshot(id);
    if (rest.length === 0) return ['diff', ...Object.keys(this.files(id)), ...(s.kind === 'active' ? ['merged', 'work'] : [])].sort();
    if (rest[0] === 'diff') return this.snapshots.volumeOf(s.key).readdir('/' + rest.slice(1).join('/'), caller);
    if (rest[0] === 'work' || rest[0] === 'merged') return [];
    throw new SysError('ENOTDIR');
  }

  readlink(p: string, caller: Caller): string {
    const { id, rest } = this.split(p);
    if (id && rest[0] === 'diff') return this.snapshots.volumeOf(this.snapshot(id).key).readlink('/' + rest.slice(1).join('/'), caller);
    throw new SysError('EINVAL');
  }

  readFile(p: string, caller: Caller): Uint8Array {
    const { id, rest } = this.split(p);
    if (!id) throw new SysError('EISDIR');
    if (rest[0] === 'diff') return this.snapshots.volumeOf(this.snapshot(id).key).readFile('/' + rest.slice(1).join('/'), caller);
    const f = this.files(id)[rest[0]];
    if (f === undefined) throw new SysError('ENOENT');
    return new TextEncoder().encode(f);
  }

  private readOnly(): never {
    throw new SysError('EROFS');
  }
  writeFile(_p: string, _d: Uint8Array, _o: CreateAttrs & { append?: boolean }): void {
    this.readOnly();
  }
  truncate(): void {
    this.readOnly();
  }
  mkdir(): void {
    this.readOnly();
  }
  rmdir(): void {
    this.readOnly();
  }
  unlink(): void {
    this.readOnly();
  }
  rename(): void {
    this.readOnly();
  }
  symlink(): void {
    this.readOnly();
  }
  link(): void {
    this.readOnly();
  }
  chmod(): void {
    this.readOnly();
  }
  chown(): void {
    this.readOnly();
  }
  utimes(): void {
    this.readOnly();
  }
}
