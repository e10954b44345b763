/** POSIX path helpers for the simulated filesystem (always `/`-separated, never the host's). */

/** Splits a path into its non-empty components. */
export function components(p: string): string[] {
  return p.split('/').filter((c) => c.length > 0);
}

/** Joins and normalises lexically (`.` and `..` removed; `..` at the root stays at the root). */
export function normalize(p: string): string {
  const out: string[] = [];
  for (const c of components(p)) {
    if (c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return '/' + out.join('/');
}

/** Resolves `p` against `cwd` lexically. */
export function resolvePath(cwd: string, p: string): string {
  return normalize(p.startsWith('/') ? p : `${cwd}/${p}`);
}

/** The directory part of a path, as dirname(1). */
export function dirname(p: string): string {
  const stripped = p.replace(/\/+$/, '');
  if (stripped === '') return p.startsWith('/') ? '/' : '.';
  const i = stripped.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return stripped.slice(0, i).replace(/\/+$/, '') || '/';
}

/** The last component of a path, as basename(1). */
export function basename(p: string): string {
  const stripped = p.replace(/\/+$/, '');
  if (stripped === '') return p.startsWith('/') ? '/' : '';
  return stripped.slice(stripped.lastIndexOf('/') + 1);
}

/** Joins path pieces with `/` and normalises. */
export function join(...parts: string[]): string {
  return normalize(parts.join('/'));
}
