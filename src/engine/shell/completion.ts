import type { Completion } from './readline';

/** What completion may look at: the filesystem, the working directory, PATH and the shell's own names. */
export interface CompletionEnv {
  /** The entries of a directory, or null when it cannot be read. */
  listDir(path: string): string[] | null;
  isDir(path: string): boolean;
  isExecutable(path: string): boolean;
  cwd: string;
  home: string;
  /** $PATH. */
  path: string;
  /** Builtins, keywords, functions and aliases. */
  names: string[];
}

const BREAKS = ' \t\n;&|<>()';

/**
 * Completes the word before the cursor: a command name in command position (builtins, functions,
 * aliases, then executables on PATH), otherwise a path relative to the working directory.
 */
export function completeWord(line: string, cursor: number, env: CompletionEnv): Completion {
  let start = cursor;
  while (start > 0 && !BREAKS.includes(line[start - 1])) start--;
  const word = line.slice(start, cursor);
  const before = line.slice(0, start).trimEnd();
  const commandPosition = before === '' || /(^|[;&|(]|\$\(|&&|\|\|)$/.test(before) || /(^|[;&|(]\s*)(sudo|time|exec|command)$/.test(before);
  if (commandPosition && !word.includes('/')) {
    const found = new Set<string>();
    for (const n of env.names) if (n.startsWith(word)) found.add(n);
    for (const dir of env.path.split(':')) {
      for (const n of env.listDir(dir || '.') ?? []) {
        if (n.startsWith(word) && env.isExecutable(`${dir}/${n}`) && !env.isDir(`${dir}/${n}`)) found.add(n);
      }
    }
    return { start, candidates: [...found].sort() };
  }
  return { start, candidates: completePath(word, env, commandPosition) };
}

function completePath(word: string, env: CompletionEnv, executablesOnly: boolean): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const prefix = word.slice(slash + 1);
  let lookup = dirPart === '' ? env.cwd : dirPart;
  if (lookup.startsWith('~')) lookup = env.home + lookup.slice(1);
  if (!lookup.startsWith('/')) lookup = `${env.cwd}/${lookup}`;
  const names = env.listDir(lookup) ?? [];
  const out: string[] = [];
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    if (n.startsWith('.') && !prefix.startsWith('.')) continue;
    const full = `${lookup.replace(/\/$/, '')}/${n}`;
    const dir = env.isDir(full);
    if (executablesOnly && !dir && !env.isExecutable(full)) continue;
    out.push(dirPart + n + (dir ? '/' : ''));
  }
  return out.sort();
}
