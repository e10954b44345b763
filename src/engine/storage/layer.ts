import type { FsBackend, Stat } from '../vfs/backend';
import { MemfsBackend } from '../vfs/memfs-backend';
import { readTar, writeTar, TarError, type TarEntry } from './tar';
import { sha256 } from './digest';

const KERNEL = { cred: { uid: 0, gid: 0, groups: [0] } };

/**
 * The canonical tar of a changeset: every entry of `fs` in sorted depth-first order (a directory
 * before what it holds), paths relative to the root, whiteouts as the `.wh.` files they are, and a
 * second path to the same inode written as a hard link. Same changeset, same bytes, same diffID.
 */
export function changesetTar(fs: FsBackend): Uint8Array {
  const entries: TarEntry[] = [];
  const seen = new Map<number, string>();
  const walk = (dir: string) => {
    for (const name of fs.readdir(dir, KERNEL)) {
      const p = dir === '/' ? `/${name}` : `${dir}/${name}`;
      const st = fs.lstat(p, KERNEL);
      const rel = p.slice(1);
      const base = { path: rel, mode: st.mode, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000) };
      if (st.type === 'dir') {
        entries.push({ ...base, type: 'dir' });
        walk(p);
      } else if (st.type === 'symlink') {
        entries.push({ ...base, type: 'symlink', linkname: fs.readlink(p, KERNEL) });
      } else if (st.type === 'file') {
        const first = st.nlink > 1 ? seen.get(st.ino) : undefined;
        if (first) entries.push({ ...base, type: 'hardlink', linkname: first });
        else {
          if (st.nlink > 1) seen.set(st.ino, rel);
          const data = fs.readFile(p, KERNEL);
          entries.push({ ...base, type: 'file', data, ...(st.size > data.length ? { declaredSize: st.size } : {}) });
        }
      }
    }
  };
  walk('/');
  return writeTar(entries);
}

/** Why a layer tar was refused: the message Docker gives for it. */
export class LayerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LayerError';
  }
}

/** Normalises a member path; refuses one that climbs out of the root. */
export function safeMemberPath(name: string): string {
  const parts: string[] = [];
  for (const c of name.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') {
      if (parts.length === 0) throw new LayerError(`invalid tar member ${JSON.stringify(name)}: path escapes the layer root`);
      parts.pop();
    } else parts.push(c);
  }
  return '/' + parts.join('/');
}

/**
 * Unpacks a layer tar into an empty filesystem (a snapshot's diff). Validates first, so a bad
 * archive changes nothing: damaged tars, members climbing out with `../`, hard links to paths
 * out of the root, and members written through a symlink (`evil -> /etc`, then `evil/passwd`)
 * are refused. Symlinks themselves may point anywhere: they resolve inside the container's root.
 */
export function unpackLayer(tar: Uint8Array, into: FsBackend): void {
  let entries: TarEntry[];
  try {
    entries = readTar(tar);
  } catch (e) {
    if (e instanceof TarError) throw new LayerError(e.message);
    throw e;
  }
  const links = new Set<string>();
  const planned = entries.map((e) => {
    const path = safeMemberPath(e.path);
    if (e.type === 'hardlink') safeMemberPath(e.linkname ?? '');
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const prefix = '/' + parts.slice(0, i).join('/');
      if (links.has(prefix)) throw new LayerError(`invalid tar member ${JSON.stringify(e.path)}: path goes through the symlink ${JSON.stringify(prefix.slice(1))}`);
    }
    if (e.type === 'symlink') links.add(path);
    else links.delete(path);
    return { ...e, path };
  });
  for (const e of planned) {
    if (e.path === '/') continue;
    const attrs = { mode: e.mode, uid: e.uid, gid: e.gid };
    ensureParents(into, e.path);
    const existing = tryStat(into, e.path);
    if (existing && !(existing.type === 'dir' && e.type === 'dir')) {
      if (existing.type === 'dir') into.rmdir(e.path);
      else into.unlink(e.path);
    }
    if (e.type === 'dir') {
      if (!existing) into.mkdir(e.path, attrs);
      into.chmod(e.path, e.mode);
    } else if (e.type === 'symlink') into.symlink(e.linkname ?? '', e.path, attrs);
    else if (e.type === 'hardlink') into.link(safeMemberPath(e.linkname ?? ''), e.path);
    else if (e.type === 'file') {
      into.writeFile(e.path, e.data ?? new Uint8Array(0), attrs);
      into.chmod(e.path, e.mode);
      if (e.declaredSize !== undefined) (into as { declareSize?: (p: string, n: number) => void }).declareSize?.(e.path, e.declaredSize);
    } else continue;
    if (e.type !== 'hardlink' && e.type !== 'symlink') into.chown(e.path, e.uid, e.gid);
    into.utimes(e.path, e.mtime * 1000, e.mtime * 1000);
  }
  // As tar does, directories get their times last: creating what they hold changed them.
  for (const e of planned) if (e.type === 'dir' && e.path !== '/') into.utimes(e.path, e.mtime * 1000, e.mtime * 1000);
}

function tryStat(fs: FsBackend, p: string): Stat | undefined {
  try {
    return fs.lstat(p, KERNEL);
  } catch {
    return undefined;
  }
}

function ensureParents(fs: FsBackend, p: string): void {
  const parts = p.split('/').filter(Boolean).slice(0, -1);
  let cur = '';
  for (const c of parts) {
    cur += `/${c}`;
    if (!tryStat(fs, cur)) fs.mkdir(cur, { mode: 0o755, uid: 0, gid: 0 });
  }
}

/** The diffID of a layer: the sha256 of its uncompressed tar. */
export function diffIdOf(tar: Uint8Array): string {
  return `sha256:${sha256(tar)}`;
}

/** A fresh, empty volume for a snapshot's diff. */
export function newVolume(now: () => number): MemfsBackend {
  return new MemfsBackend('ext4', 0xfe01, now);
}
