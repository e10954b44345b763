import type { Vfs, Who } from '../vfs/vfs';
import type { TarEntry } from './tar';

/**
 * A file tree as tar entries: `path` and everything under it, named from `name` (the top entry)
 * down, as `docker cp` and the archive endpoints carry files.
 */
export function treeEntries(fs: Vfs, who: Who, path: string, name: string): TarEntry[] {
  const out: TarEntry[] = [];
  const walk = (p: string, rel: string) => {
    const st = fs.lstat(who, p);
    const base = { path: rel, mode: st.mode, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000) };
    if (st.type === 'dir') {
      out.push({ ...base, type: 'dir' });
      for (const n of fs.readdir(who, p)) walk(p === '/' ? `/${n}` : `${p}/${n}`, `${rel}/${n}`);
    } else if (st.type === 'symlink') out.push({ ...base, type: 'symlink', linkname: fs.readlink(who, p) });
    else if (st.type === 'file') out.push({ ...base, type: 'file', data: fs.readFile(who, p) });
  };
  walk(path, name);
  return out;
}

/** Writes tar entries under `dir` (directories, files, symlinks), keeping modes; returns the bytes written. */
export function extractEntries(fs: Vfs, who: Who, entries: TarEntry[], dir: string): number {
  let bytes = 0;
  for (const e of entries) {
    const p = `${dir === '/' ? '' : dir}/${e.path.replace(/^\/+/, '').replace(/\/$/, '')}`;
    if (e.type === 'dir') {
      if (!fs.exists(who, p)) fs.mkdir(who, p, e.mode & 0o7777);
    } else if (e.type === 'symlink') {
      if (fs.exists(who, p)) fs.unlink(who, p);
      fs.symlink(who, e.linkname ?? '', p);
    } else if (e.type === 'file') {
      fs.writeFile(who, p, e.data ?? new Uint8Array(0), { mode: e.mode & 0o7777 });
      fs.chmod(who, p, e.mode & 0o7777);
      bytes += e.data?.length ?? 0;
    }
  }
  return bytes;
}
