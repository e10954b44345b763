/**
 * What Tab offers at a bash prompt: command names where a command goes, paths elsewhere, variable
 * names after `$`. The line is read the way bash reads it (quotes, backslashes, operators), so
 * `echo "a b" d` and `cat my\ f` complete the right word, and names are quoted as bash quotes them.
 *
 * @sim partial: no programmable completion (`complete -F`), no `~user`, no globs in the word.
 */
import type { Completion } from './readline';

/** What completion may look at: the filesystem, the working directory, PATH and the shell's own names. */
export interface CompletionEnv {
  /** The entries of a directory (absolute path), or null when it cannot be read. */
  listDir(path: string): string[] | null;
  /** Whether an absolute path is a directory (following symlinks). */
  isDir(path: string): boolean;
  /** Whether an absolute path may be executed by the shell's user. */
  isExecutable(path: string): boolean;
  /** The working directory, absolute. */
  cwd: string;
  /** $HOME, for `~/`. */
  home: string;
  /** $PATH. */
  path: string;
  /** Builtins, keywords, functions and aliases. */
  names: string[];
  /** Shell variable names, for `$NA` and `${NA`; without them `$` words complete as paths. */
  vars?: string[];
}

/** Words after which the next word is again a command (bash's reserved words, and common prefixes). */
const COMMAND_PREFIXES = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', 'time', '!', '{', 'sudo', 'exec', 'command', 'nohup', 'xargs']);

/** Characters bash puts a backslash before in a completed file name (rl_filename_quote_characters). */
const QUOTE_CHARS = ' \t\n\\"\'@<>=;|&()#$`?*[!:{';

/** The word the cursor is in, as the lexer left it. */
interface Word {
  /** Where it starts in the line. */
  start: number;
  /** The raw text from `start` up to the cursor. */
  raw: string;
  /** Where in `raw` the part after the last `/` begins. */
  nameAt: number;
  /** The unquoted value of the whole word, and of the part before the name. */
  value: string;
  dirValue: string;
  /** The quote still open at the cursor, or ''. */
  quote: '' | "'" | '"';
  /** The open quote began inside the name part (after the last `/`). */
  quoteInName: boolean;
  /** A command goes here. */
  command: boolean;
  /** The word follows a redirection (`> file`). */
  redirect: boolean;
}

/** Reads `line` up to `cursor` as bash's lexer would, and describes the word being typed. */
function currentWord(line: string, cursor: number): Word {
  const text = line.slice(0, cursor);
  let command = true;
  let redirect = false;
  let w: Word | null = null;
  const newWord = (start: number): Word => ({ start, raw: '', nameAt: 0, value: '', dirValue: '', quote: '', quoteInName: false, command, redirect });
  const endWord = () => {
    if (!w) return;
    if (w.redirect) redirect = false;
    else if (command && !(COMMAND_PREFIXES.has(w.value) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value))) command = false;
    w = null;
  };
  let quoteStartRaw = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (w && w.quote) {
      w.raw += c;
      if (c === w.quote) w.quote = '';
      else if (c === '\\' && w.quote === '"' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1])) {
        w.raw += text[++i];
        w.value += text[i];
      } else w.value += c;
      if (c === '/' && w.quote) {
        w.nameAt = w.raw.length;
        w.dirValue = w.value;
      }
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      continue;
    }
    const op = /^(?:\|\||&&|;;|\|&|\$\(|[|&;()`\n])/.exec(text.slice(i));
    if (op) {
      endWord();
      command = true;
      redirect = false;
      i += op[0].length - 1;
      continue;
    }
    const redir = /^(?:&>>?|[<>]&|>>|<<<?|<>|>\||[<>])/.exec(text.slice(i));
    if (redir) {
      // A word of digits just before `<` or `>` is the descriptor, not an argument (2>file).
      if (w && /^\d+$/.test(w.raw)) w = null;
      endWord();
      redirect = true;
      i += redir[0].length - 1;
      continue;
    }
    if (!w) w = newWord(i);
    if (c === "'" || c === '"') {
      w.quote = c;
      quoteStartRaw = w.raw.length;
      w.raw += c;
      continue;
    }
    if (c === '\\') {
      w.raw += c;
      if (i + 1 < text.length) {
        w.raw += text[++i];
        w.value += text[i];
      }
      continue;
    }
    w.raw += c;
    w.value += c;
    if (c === '/') {
      w.nameAt = w.raw.length;
      w.dirValue = w.value;
    }
  }
  const word: Word = w ?? newWord(cursor);
  word.quoteInName = word.quote !== '' && quoteStartRaw >= word.nameAt;
  return word;
}

/** A name as it is inserted: backslashes outside quotes, bash's escapes inside them. */
function quoteName(name: string, quote: Word['quote'], first: boolean): string {
  if (quote === "'") return name.replace(/'/g, "'\\''");
  if (quote === '"') return name.replace(/["$`\\]/g, '\\$&');
  let out = '';
  for (const [i, ch] of [...name].entries()) out += QUOTE_CHARS.includes(ch) || (ch === '~' && first && i === 0) ? '\\' + ch : ch;
  return out;
}

/**
 * Completes the word before the cursor: a command name in command position (builtins, functions,
 * aliases, keywords, then executables on PATH), a variable after `$`, otherwise a path relative to
 * the working directory. Candidates are sorted; directories end with `/`.
 */
export function completeWord(line: string, cursor: number, env: CompletionEnv): Completion {
  const word = currentWord(line, cursor);
  if (env.vars && word.quote !== "'") {
    const m = /(?:^|[^\\])\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(word.raw);
    if (m) {
      const brace = m[1];
      const prefix = m[2] ?? '';
      const start = word.start + word.raw.length - prefix.length - brace.length - 1;
      const names = [...new Set(env.vars.filter((v) => v.startsWith(prefix)))].sort();
      return { start, candidates: names.map((v) => '$' + brace + v), suffix: brace ? '} ' : ' ' };
    }
  }
  if (word.command && !word.redirect && !word.value.includes('/') && !word.quote) {
    const prefix = word.value;
    const found = new Set<string>();
    for (const n of env.names) if (n.startsWith(prefix)) found.add(n);
    for (const dir of env.path.split(':')) {
      const abs = absolute(dir || '.', env);
      for (const n of env.listDir(abs) ?? []) {
        if (!n.startsWith(prefix) || found.has(n)) continue;
        const full = join(abs, n);
        if (env.isExecutable(full) && !env.isDir(full)) found.add(n);
      }
    }
    // A directory in the working directory named exactly so is offered too, as bash does (hint_is_dir).
    if (prefix && env.isDir(join(env.cwd, prefix))) found.add(prefix + '/');
    // Command names are offered as they are: `[[` and `.` are names, not file names to quote.
    return { start: word.start, candidates: [...found].sort() };
  }
  return completePath(word, env, word.command && !word.redirect);
}

function completePath(word: Word, env: CompletionEnv, executablesOnly: boolean): Completion {
  const dirRaw = word.raw.slice(0, word.nameAt);
  const prefix = word.value.slice(word.dirValue.length);
  const lookup = absolute(word.dirValue === '' ? '.' : expandTilde(word.dirValue, env), env);
  const entries = [...(env.listDir(lookup) ?? [])];
  // readdir gives no . and ..; readline offers them once the name starts with a dot.
  for (const dot of ['.', '..']) if (dot.startsWith(prefix) && prefix !== '' && !entries.includes(dot)) entries.push(dot);
  const names: { name: string; dir: boolean }[] = [];
  for (const n of entries) {
    if (!n.startsWith(prefix)) continue;
    // Hidden files only when the typed name starts with a dot: readline's match-hidden-files off.
    // @sim partial: bash's default (on) also offers them for an empty name.
    if (n.startsWith('.') && !prefix.startsWith('.')) continue;
    const full = join(lookup, n);
    const dir = n === '.' || n === '..' || env.isDir(full);
    if (executablesOnly && !dir && !env.isExecutable(full)) continue;
    names.push({ name: n, dir });
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const open = word.quoteInName ? word.quote : '';
  const candidates = names.map(({ name, dir }) => dirRaw + open + quoteName(name, word.quote, dirRaw === '' && open === '') + (dir ? '/' : ''));
  const result: Completion = { start: word.start, candidates, display: names.map(({ name, dir }) => name + (dir ? '/' : '')) };
  if (word.quote) result.suffix = word.quote + ' ';
  return result;
}

function expandTilde(path: string, env: CompletionEnv): string {
  if (path === '~' || path.startsWith('~/')) return env.home + path.slice(1);
  return path;
}

/** An absolute, normalised path (no `.`, `..` or doubled slashes), as the filesystem is asked. */
function absolute(path: string, env: CompletionEnv): string {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${env.cwd}/${path}`).split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '' && part !== '.') parts.push(part);
  }
  return '/' + parts.join('/');
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
