/**
 * Files described as data, as the image catalogue and the package indexes describe them, and
 * writing them into a filesystem.
 */
import type { Vfs } from '../vfs/vfs';
import type { Process } from '../kernel/process';
import { programFile } from '../programs/registry';

/** A file of a catalogue layer or a package: a directory, a symlink, a text file or a program. */
export interface FileSpec {
  path?: string;
  dir?: string;
  link?: string;
  target?: string;
  text?: string;
  program?: string;
  mode?: string;
  size?: number;
}

/**
 * A catalogue layer (or what a package installs). Besides `files`, shorthands keep the data readable: `dirs` (`"/tmp:1777"`
 * gives a mode), `programs` (directory → names, `dash=sh` installs program sh under the name dash), `links`
 * (symlink path → target) and `sizes` (stand-in files of a declared size: libraries, data).
 */
export interface LayerSpec {
  created: string;
  files?: FileSpec[];
  dirs?: string[];
  programs?: Record<string, string[]>;
  links?: Record<string, string>;
  sizes?: Record<string, number>;
}

/** The file list a layer spec stands for, shorthands expanded (directories first). */
export function expandFiles(l: Omit<LayerSpec, 'created'>): FileSpec[] {
  const out: FileSpec[] = [];
  for (const d of l.dirs ?? []) {
    const [dir, mode] = d.split(':');
    out.push({ dir, mode: mode ?? '0755' });
  }
  for (const [dir, names] of Object.entries(l.programs ?? {})) {
    for (const n of names) {
      const [name, program] = n.split('=');
      out.push({ path: `${dir}/${name}`, program: program ?? name, mode: '0755' });
    }
  }
  for (const [link, target] of Object.entries(l.links ?? {})) out.push({ link, target });
  for (const [path, size] of Object.entries(l.sizes ?? {})) out.push({ path, text: '', size, mode: /\.so(\.|$)|\/bin\//.test(path) ? '0755' : '0644' });
  return [...out, ...(l.files ?? [])];
}

const enc = new TextEncoder();

/**
 * Writes `files` into `fs` as `who` (parents made as needed, existing files replaced) and returns
 * the paths written, directories included, as a package database lists them.
 */
export function writeFiles(fs: Vfs, who: Process, files: FileSpec[]): string[] {
  const written: string[] = [];
  const parents = (p: string) => {
    let cur = '';
    for (const c of p.split('/').filter(Boolean).slice(0, -1)) {
      cur += `/${c}`;
      if (!fs.exists(who, cur)) {
        fs.mkdir(who, cur, 0o755);
        written.push(cur);
      }
    }
  };
  for (const f of files) {
    const mode = (d: number) => (f.mode ? parseInt(f.mode, 8) : d);
    if (f.dir) {
      parents(f.dir);
      if (!fs.exists(who, f.dir)) fs.mkdir(who, f.dir, mode(0o755));
      fs.chmod(who, f.dir, mode(0o755));
      written.push(f.dir);
    } else if (f.link) {
      parents(f.link);
      try {
        fs.unlink(who, f.link);
      } catch {
        // not there yet
      }
      fs.symlink(who, f.target ?? '', f.link);
      written.push(f.link);
    } else if (f.path) {
      parents(f.path);
      // Replaced, not written through: a symlink there (busybox's applets) stays untouched.
      try {
        if (fs.lstat(who, f.path).type !== 'dir') fs.unlink(who, f.path);
      } catch {
        // not there yet
      }
      const data = f.program ? programFile(f.program) : enc.encode(f.text ?? '');
      fs.writeFile(who, f.path, data, { mode: mode(0o644) });
      fs.chmod(who, f.path, mode(0o644));
      if (f.size && f.size > data.length) fs.declareSize(who, f.path, f.size);
      written.push(f.path);
    }
  }
  return written;
}
