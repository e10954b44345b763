/**
 * The shell's syntax tree, close to bash's grammar: a list of and-or lists of pipelines of
 * commands; words made of literal, quoted and expansion parts, expanded only when run.
 */

/** A piece of a word. */
export type Part =
  /** Unquoted text: subject to tilde, brace and pathname expansion. */
  | { t: 'lit'; v: string }
  /** Single-quoted (or $'…') text, taken literally. */
  | { t: 'sq'; v: string }
  /** Double-quoted text: expansions inside, but no splitting or globbing. */
  | { t: 'dq'; parts: Part[] }
  /** A parameter expansion: $x, ${x}, ${#x}, ${x:-w}, ${x#p}, ${x/p/r}, ${x:1:2}, … */
  | { t: 'param'; name: string; op?: string; arg?: Word; arg2?: Word; length?: boolean }
  /** Command substitution: $(…) or `…`. */
  | { t: 'cmd'; list: List }
  /** Arithmetic expansion: $((…)); the expression is expanded, then evaluated. */
  | { t: 'arith'; expr: Word };

/** A word: the concatenation of its parts. */
export interface Word {
  parts: Part[];
}

/** A redirection such as `2>&1`, `> file`, `<< EOF`. */
export interface Redir {
  fd?: number;
  op: '<' | '>' | '>>' | '>|' | '<>' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';
  target: Word;
  /** For here-documents: the body (a word to expand unless the delimiter was quoted). */
  heredoc?: { body: Word; quoted: boolean };
}

/** `NAME=value` or `NAME+=value`. */
export interface Assign {
  name: string;
  value: Word;
  append: boolean;
}

/** A simple command: assignments, words and redirections. */
export interface Simple {
  t: 'simple';
  assigns: Assign[];
  words: Word[];
  redirs: Redir[];
  line: number;
}

/** Every kind of command. */
export type Command =
  | Simple
  | { t: 'group'; body: List; redirs: Redir[] }
  | { t: 'subshell'; body: List; redirs: Redir[] }
  | { t: 'if'; clauses: { cond: List; body: List }[]; otherwise?: List; redirs: Redir[] }
  | { t: 'for'; name: string; words: Word[] | null; body: List; redirs: Redir[] }
  | { t: 'cfor'; init: Word; cond: Word; step: Word; body: List; redirs: Redir[] }
  | { t: 'while'; until: boolean; cond: List; body: List; redirs: Redir[] }
  | { t: 'case'; word: Word; items: { patterns: Word[]; body: List; term: ';;' | ';&' | ';;&' }[]; redirs: Redir[] }
  | { t: 'func'; name: string; body: Command; redirs: Redir[] }
  | { t: 'arith'; expr: Word; redirs: Redir[]; line: number }
  | { t: 'dtest'; words: Word[]; redirs: Redir[]; line: number };

/** Commands joined by pipes; `!` negates the status. */
export interface Pipeline {
  cmds: Command[];
  negate: boolean;
  /** `time pipeline`: report real, user and system time after it ends. */
  timed?: boolean;
  /** The source text, for job listings. */
  text: string;
}

/** Pipelines joined by && and ||. */
export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  text: string;
}

/** A command list: and-or lists ended by `;`, `&` or newlines. */
export interface List {
  items: { andor: AndOr; background: boolean }[];
}
