import type { AndOr, Assign, Command, List, Part, Pipeline, Redir, Simple, Word } from './ast';

/**
 * A syntax error. `incomplete` means the input ended too early (an open quote, an `if` without
 * `fi`, a trailing `|`): an interactive shell then reads another line with the PS2 prompt.
 */
export class ParseError extends Error {
  constructor(message: string, readonly incomplete: boolean, readonly line: number) {
    super(message);
    this.name = 'ParseError';
  }
}

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', 'function', '{', '}', '!', '[[', ']]', 'time']);
const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses a whole script or command line. */
export function parse(src: string): List {
  return new Parser(src).program();
}

/** Parses text as the inside of double quotes (here-document bodies, `$((…))`). */
export function parseDoubleQuotedText(src: string): Word {
  const p = new Parser(src);
  return { parts: p.dqParts(null) };
}

class Parser {
  private pos = 0;
  private heredocs: { redir: Redir; delim: string; strip: boolean; quoted: boolean }[] = [];
  constructor(private readonly src: string) {}

  private peek(n = 0): string {
    return this.src[this.pos + n] ?? '';
  }
  private get eof(): boolean {
    return this.pos >= this.src.length;
  }
  private starts(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }
  private lineAt(pos = this.pos): number {
    let n = 1;
    for (let i = 0; i < pos && i < this.src.length; i++) if (this.src[i] === '\n') n++;
    return n;
  }
  private fail(message: string, incomplete = false): never {
    throw new ParseError(message, incomplete, this.lineAt());
  }
  private eofError(): never {
    this.fail('syntax error: unexpected end of file', true);
  }
  /** The token at the cursor, as bash names it in "unexpected token" errors. */
  private tokenHere(): string {
    if (this.eof) return 'newline';
    for (const op of [';;&', ';;', ';&', '&&', '||', '|&', '>>', '<<', '&>', '>&', '<&', ';', '&', '|', '(', ')', '<', '>']) if (this.starts(op)) return op;
    if (this.peek() === '\n') return 'newline';
    let i = this.pos;
    while (i < this.src.length && !META.has(this.src[i])) i++;
    return this.src.slice(this.pos, i);
  }
  private unexpected(): never {
    if (this.eof) this.eofError();
    this.fail(`syntax error near unexpected token \`${this.tokenHere()}'`);
  }

  program(): List {
    const list = this.list([]);
    this.skipNewlines();
    if (!this.eof) this.unexpected();
    if (this.heredocs.length) this.eofError();
    return list;
  }

  /** Skips blanks, line continuations and comments. */
  private skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.peek(1) === '\n') this.pos += 2;
      else if (c === '#') {
        while (!this.eof && this.peek() !== '\n') this.pos++;
      } else break;
    }
  }

  private skipNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== '\n') return;
      this.pos++;
      this.readHeredocs();
    }
  }

  private readHeredocs(): void {
    const pending = this.heredocs;
    this.heredocs = [];
    for (const h of pending) {
      const lines: string[] = [];
      let found = false;
      while (!this.eof) {
        let end = this.src.indexOf('\n', this.pos);
        if (end < 0) end = this.src.length;
        let line = this.src.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.src.length);
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delim) {
          found = true;
          break;
        }
        lines.push(line);
      }
      if (!found) this.fail(`here-document delimited by end-of-file (wanted \`${h.delim}')`, true);
      const body = lines.map((l) => l + '\n').join('');
      h.redir.heredoc = { body: h.quoted ? { parts: [{ t: 'sq', v: body }] } : parseDoubleQuotedText(body), quoted: h.quoted };
    }
  }

  /** The reserved word at the cursor, if the next token is one. */
  private reservedHere(): string | undefined {
    let i = this.pos;
    while (i < this.src.length && !META.has(this.src[i]) && !'"\'$`\\'.includes(this.src[i])) i++;
    const w = this.src.slice(this.pos, i);
    if (!RESERVED.has(w)) return undefined;
    const next = this.src[i];
    if (next === undefined || META.has(next)) return w;
    return undefined;
  }

  private atListEnd(terms: string[]): boolean {
    this.skipBlanks();
    if (this.eof) return true;
    const c = this.peek();
    if (c === ')') return true;
    if (this.starts(';;') || this.starts(';&')) return true;
    const w = this.reservedHere();
    return w !== undefined && terms.includes(w);
  }

  private list(terms: string[]): List {
    const items: List['items'] = [];
    for (;;) {
      this.skipNewlines();
      if (this.atListEnd(terms)) break;
      const andor = this.andOr();
      this.skipBlanks();
      const c = this.peek();
      if (c === ';' && this.peek(1) !== ';' && this.peek(1) !== '&') {
        this.pos++;
        items.push({ andor, background: false });
      } else if (c === '&' && this.peek(1) !== '&' && this.peek(1) !== '>') {
        this.pos++;
        items.push({ andor, background: true });
      } else if (c === '\n' || this.eof) {
        items.push({ andor, background: false });
        if (this.eof) break;
      } else {
        items.push({ andor, background: false });
        if (!this.atListEnd(terms)) this.unexpected();
        break;
      }
    }
    return { items };
  }

  private andOr(): AndOr {
    const start = this.pos;
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipBlanks();
      const op = this.starts('&&') ? '&&' : this.starts('||') ? '||' : null;
      if (!op) break;
      this.pos += 2;
      this.skipNewlines();
      if (this.eof) this.eofError();
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest, text: this.src.slice(start, this.pos).trim() };
  }

  private pipeline(): Pipeline {
    this.skipBlanks();
    const start = this.pos;
    let negate = false;
    let timed = false;
    if (this.reservedHere() === 'time') {
      this.pos += 4;
      timed = true;
    }
    this.skipBlanks();
    while (this.reservedHere() === '!') {
      negate = !negate;
      this.pos++;
      this.skipBlanks();
    }
    const cmds: Command[] = [this.command()];
    for (;;) {
      this.skipBlanks();
      if (this.peek() === '|' && this.peek(1) !== '|') {
        const both = this.peek(1) === '&';
        this.pos += both ? 2 : 1;
        if (both) {
          const last = cmds[cmds.length - 1];
          last.redirs.push({ fd: 2, op: '>&', target: { parts: [{ t: 'lit', v: '1' }] } });
        }
        this.skipNewlines();
        if (this.eof) this.eofError();
        cmds.push(this.command());
      } else break;
    }
    return { cmds, negate, timed, text: this.src.slice(start, this.pos).trim() };
  }

  private expectReserved(w: string): void {
    this.skipNewlines();
    if (this.reservedHere() === w) {
      this.pos += w.length;
      return;
    }
    this.unexpected();
  }

  private command(): Command {
    this.skipBlanks();
    if (this.eof) this.eofError();
    const kw = this.reservedHere();
    let cmd: Command;
    if (kw === 'if') cmd = this.ifCommand();
    else if (kw === 'while' || kw === 'until') cmd = this.whileCommand(kw);
    else if (kw === 'for') cmd = this.forCommand();
    else if (kw === 'case') cmd = this.caseCommand();
    else if (kw === 'function') cmd = this.functionCommand();
    else if (kw === '{') {
      this.pos++;
      const body = this.list(['}']);
      this.expectReserved('}');
      cmd = { t: 'group', body, redirs: [] };
    } else if (kw === '[[') cmd = this.testCommand();
    else if (kw && ['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}', 'in', ']]'].includes(kw)) this.unexpected();
    else if (this.starts('((')) {
      const line = this.lineAt();
      this.pos += 2;
      cmd = { t: 'arith', expr: parseDoubleQuotedText(this.readArith()), redirs: [], line };
    } else if (this.peek() === '(') {
      this.pos++;
      const body = this.list([]);
      this.skipNewlines();
      if (this.peek() !== ')') this.unexpected();
      this.pos++;
      cmd = { t: 'subshell', body, redirs: [] };
    } else if (this.peek() === ')' || this.peek() === ';' || this.peek() === '&' || this.peek() === '|') {
      this.unexpected();
    } else {
      return this.simple();
    }
    this.trailingRedirs(cmd.redirs);
    return cmd;
  }

  private trailingRedirs(redirs: Redir[]): void {
    for (;;) {
      this.skipBlanks();
      const r = this.redirection();
      if (!r) return;
      redirs.push(r);
    }
  }

  /** Reads the text of `((…))` up to the matching `))`. */
  private readArith(): string {
    let depth = 0;
    const start = this.pos;
    while (!this.eof) {
      const c = this.peek();
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0 && this.peek(1) === ')') {
          const text = this.src.slice(start, this.pos);
          this.pos += 2;
          return text;
        }
        depth--;
      }
      this.pos++;
    }
    this.fail("unexpected EOF while looking for matching `)'", true);
  }

  private ifCommand(): Command {
    this.pos += 2;
    const clauses: { cond: List; body: List }[] = [];
    let otherwise: List | undefined;
    for (;;) {
      const cond = this.list(['then']);
      this.expectReserved('then');
      const body = this.list(['elif', 'else', 'fi']);
      clauses.push({ cond, body });
      this.skipNewlines();
      const w = this.reservedHere();
      if (w === 'elif') {
        this.pos += 4;
        continue;
      }
      if (w === 'else') {
        this.pos += 4;
        otherwise = this.list(['fi']);
      }
      this.expectReserved('fi');
      break;
    }
    return { t: 'if', clauses, otherwise, redirs: [] };
  }

  private whileCommand(kw: 'while' | 'until'): Command {
    this.pos += kw.length;
    const cond = this.list(['do']);
    this.expectReserved('do');
    const body = this.list(['done']);
    this.expectReserved('done');
    return { t: 'while', until: kw === 'until', cond, body, redirs: [] };
  }

  private forCommand(): Command {
    this.pos += 3;
    this.skipBlanks();
    if (this.starts('((')) {
      this.pos += 2;
      const parts = this.readArith().split(';');
      if (parts.length !== 3) this.fail('syntax error: arithmetic expression required');
      this.skipBlanks();
      if (this.peek() === ';') this.pos++;
      this.expectReserved('do');
      const body = this.list(['done']);
      this.expectReserved('done');
      const [init, cond, step] = parts.map((p) => parseDoubleQuotedText(p));
      return { t: 'cfor', init, cond, step, body, redirs: [] };
    }
    const name = this.rawWordText();
    if (!NAME_RE.test(name)) this.fail(`\`${name}': not a valid identifier`);
    this.skipNewlines();
    let words: Word[] | null = null;
    if (this.reservedHere() === 'in') {
      this.pos += 2;
      words = [];
      for (;;) {
        this.skipBlanks();
        const c = this.peek();
        if (this.eof) this.eofError();
        if (c === ';' || c === '\n') {
          this.pos++;
          if (c === '\n') this.readHeredocs();
          break;
        }
        words.push(this.word());
      }
    } else if (this.peek() === ';') {
      this.pos++;
    }
    this.expectReserved('do');
    const body = this.list(['done']);
    this.expectReserved('done');
    return { t: 'for', name, words, body, redirs: [] };
  }

  private caseCommand(): Command {
    this.pos += 4;
    this.skipBlanks();
    const word = this.word();
    this.expectReserved('in');
    const items: { patterns: Word[]; body: List; term: ';;' | ';&' | ';;&' }[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.eof) this.eofError();
      if (this.reservedHere() === 'esac') {
        this.pos += 4;
        break;
      }
      if (this.peek() === '(') this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipBlanks();
        patterns.push(this.word());
        this.skipBlanks();
        if (this.peek() === '|') {
          this.pos++;
          continue;
        }
        if (this.peek() === ')') {
          this.pos++;
          break;
        }
        this.unexpected();
      }
      const body = this.list(['esac']);
      this.skipBlanks();
      let term: ';;' | ';&' | ';;&' = ';;';
      if (this.starts(';;&')) {
        term = ';;&';
        this.pos += 3;
      } else if (this.starts(';;')) this.pos += 2;
      else if (this.starts(';&')) {
        term = ';&';
        this.pos += 2;
      } else {
        this.skipNewlines();
        if (this.reservedHere() !== 'esac') this.unexpected();
      }
      items.push({ patterns, body, term });
    }
    return { t: 'case', word, items, redirs: [] };
  }

  private functionCommand(): Command {
    this.pos += 8;
    this.skipBlanks();
    const name = this.rawWordText();
    this.skipBlanks();
    if (this.starts('()')) this.pos += 2;
    else if (this.peek() === '(') {
      this.pos++;
      this.skipBlanks();
      if (this.peek() !== ')') this.unexpected();
      this.pos++;
    }
    this.skipNewlines();
    const body = this.command();
    return { t: 'func', name, body, redirs: [] };
  }

  private testCommand(): Command {
    const line = this.lineAt();
    this.pos += 2;
    const words: Word[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.peek() === '\n') {
        this.pos++;
        continue;
      }
      if (this.eof) this.eofError();
      if (this.starts(']]') && (this.peek(2) === '' || META.has(this.peek(2)))) {
        this.pos += 2;
        break;
      }
      const op = ['&&', '||', '(', ')', '<', '>', '!'].find((o) => this.starts(o) && (o !== '!' || META.has(this.peek(1)) || this.peek(1) === ''));
      if (op && (op !== '!' || words.length === 0 || true)) {
        if (op === '!' && this.peek(1) === '=') {
          words.push(this.word());
          continue;
        }
        this.pos += op.length;
        words.push({ parts: [{ t: 'sq', v: op }] });
        continue;
      }
      words.push(this.word());
    }
    return { t: 'dtest', words, redirs: [], line };
  }

  /** A word's text when it must be a plain name (for, function, case labels). */
  private rawWordText(): string {
    const w = this.word();
    return w.parts.map((p) => (p.t === 'lit' || p.t === 'sq' ? p.v : '')).join('');
  }

  private redirection(): Redir | undefined {
    const save = this.pos;
    let fd: number | undefined;
    const m = /^(\d+)(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
    if (m) {
      fd = Number(m[1]);
      this.pos += m[1].length;
    }
    const ops = ['&>>', '<<<', '<<-', '&>', '>>', '>|', '<>', '>&', '<&', '<<', '<', '>'] as const;
    const op = ops.find((o) => this.starts(o));
    if (!op || (fd !== undefined && op.startsWith('&'))) {
      this.pos = save;
      return undefined;
    }
    this.pos += op.length;
    this.skipBlanks();
    if (this.eof || META.has(this.peek())) {
      if (this.eof || this.peek() === '\n') this.fail("syntax error near unexpected token `newline'");
      this.unexpected();
    }
    const target = this.word();
    const redir: Redir = { fd, op, target };
    if (op === '<<' || op === '<<-') {
      const quoted = target.parts.some((p) => p.t !== 'lit');
      const delim = target.parts.map((p) => (p.t === 'lit' || p.t === 'sq' ? p.v : p.t === 'dq' ? p.parts.map((q) => (q.t === 'lit' ? q.v : '')).join('') : '')).join('');
      this.heredocs.push({ redir, delim, strip: op === '<<-', quoted });
    }
    return redir;
  }

  private simple(): Simple {
    const line = this.lineAt();
    const cmd: Simple = { t: 'simple', assigns: [], words: [], redirs: [], line };
    for (;;) {
      this.skipBlanks();
      if (this.eof) break;
      const c = this.peek();
      if (c === '\n' || c === ';' || c === '&' || c === '|' || c === ')') {
        if (c === '&' && this.peek(1) === '>') {
          const r = this.redirection();
          if (r) {
            cmd.redirs.push(r);
            continue;
          }
        }
        break;
      }
      if (c === '(') {
        if (cmd.words.length === 1 && cmd.assigns.length === 0) return this.functionDef(cmd) as never;
        this.unexpected();
      }
      const r = this.redirection();
      if (r) {
        cmd.redirs.push(r);
        continue;
      }
      const w = this.word();
      const first = w.parts[0];
      if (cmd.words.length === 0 && first?.t === 'lit') {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.v);
        if (m) {
          const head: Part = { t: 'lit', v: first.v.slice(m[0].length) };
          const rest = [head, ...w.parts.slice(1)].filter((p) => !(p.t === 'lit' && p.v === ''));
          cmd.assigns.push({ name: m[1], append: m[2] === '+', value: { parts: rest } } as Assign);
          continue;
        }
      }
      cmd.words.push(w);
    }
    return cmd;
  }

  private functionDef(cmd: Simple): Command {
    const name = cmd.words[0].parts.map((p) => (p.t === 'lit' ? p.v : '')).join('');
    this.pos++;
    this.skipBlanks();
    if (this.peek() !== ')') this.unexpected();
    this.pos++;
    this.skipNewlines();
    const body = this.command();
    return { t: 'func', name, body, redirs: [] };
  }

  /** Reads one word, up to an unquoted blank or operator character. */
  word(): Word {
    return this.scanWord((c) => META.has(c), null);
  }

  /**
   * The scanner behind every unquoted word: literal text, backslash escapes, quotes and
   * expansions, up to a character for which `isEnd` holds. `eofMessage`, when given, makes the end
   * of input an error (inside `${…}`).
   */
  private scanWord(isEnd: (c: string) => boolean, eofMessage: string | null): Word {
    const parts: Part[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
    };
    for (;;) {
      if (this.eof) {
        if (eofMessage) this.fail(eofMessage, true);
        break;
      }
      const c = this.peek();
      if (isEnd(c)) break;
      if (c === '\\') {
        const n = this.peek(1);
        this.pos += 2;
        if (n === '\n') continue;
        flush();
        parts.push({ t: 'sq', v: n });
        continue;
      }
      if (c === "'") {
        flush();
        parts.push({ t: 'sq', v: this.singleQuoted() });
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        parts.push({ t: 'dq', parts: this.dqParts('"') });
        continue;
      }
      if (c === '$' || c === '`') {
        const p = this.dollarOrBackquote(false);
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    flush();
    return { parts };
  }

  private singleQuoted(): string {
    const end = this.src.indexOf("'", this.pos + 1);
    if (end < 0) this.fail("unexpected EOF while looking for matching `''", true);
    const v = this.src.slice(this.pos + 1, end);
    this.pos = end + 1;
    return v;
  }

  /** The parts inside double quotes, up to `close` (or the end of input when close is null). */
  dqParts(close: '"' | null): Part[] {
    const parts: Part[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
    };
    for (;;) {
      if (this.eof) {
        if (close) this.fail('unexpected EOF while looking for matching `"\'', true);
        break;
      }
      const c = this.peek();
      if (close && c === close) {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = this.peek(1);
        if (n === '\n') {
          this.pos += 2;
          continue;
        }
        if ('$`"\\'.includes(n) && n !== '' && (close !== null || n !== '"')) {
          lit += n;
          this.pos += 2;
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      if (c === '$' || c === '`') {
        const p = this.dollarOrBackquote(true);
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  /** Parses `$…` or a backquote at the cursor; undefined for a lone `$`. */
  private dollarOrBackquote(inDq: boolean): Part | undefined {
    if (this.peek() === '`') {
      let i = this.pos + 1;
      let inner = '';
      while (i < this.src.length && this.src[i] !== '`') {
        if (this.src[i] === '\\' && '$`\\'.includes(this.src[i + 1] ?? '')) {
          inner += this.src[i + 1];
          i += 2;
          continue;
        }
        inner += this.src[i++];
      }
      if (i >= this.src.length) this.fail('unexpected EOF while looking for matching ``\'', true);
      this.pos = i + 1;
      return { t: 'cmd', list: subParse(inner, this.lineAt()) };
    }
    const n = this.peek(1);
    if (n === '(' && this.peek(2) === '(') {
      this.pos += 3;
      return { t: 'arith', expr: parseDoubleQuotedText(this.readArith()) };
    }
    if (n === '(') {
      this.pos += 2;
      const list = this.list([]);
      this.skipNewlines();
      if (this.eof) this.fail("unexpected EOF while looking for matching `)'", true);
      if (this.peek() !== ')') this.unexpected();
      this.pos++;
      return { t: 'cmd', list };
    }
    if (n === '{') return this.braceParam();
    if (n === "'" && !inDq) {
      this.pos++;
      return { t: 'sq', v: ansiC(this.singleQuoted()) };
    }
    if (n === '"' && !inDq) {
      this.pos += 2;
      return { t: 'dq', parts: this.dqParts('"') };
    }
    if (/[A-Za-z_]/.test(n)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos + 1))!;
      this.pos += 1 + m[0].length;
      return { t: 'param', name: m[0] };
    }
    if (/[0-9?$!#@*-]/.test(n) && n !== '') {
      this.pos += 2;
      return { t: 'param', name: n };
    }
    return undefined;
  }

  private braceParam(): Part {
    this.pos += 2;
    let length = false;
    if (this.peek() === '#' && this.peek(1) !== '}' && !(this.peek(1) === ':' || this.peek(1) === '-' || this.peek(1) === '=' || this.peek(1) === '+' || this.peek(1) === '?') ) {
      length = true;
      this.pos++;
    }
    let name: string;
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$!#@*-])/.exec(this.src.slice(this.pos));
    if (!m) {
      const end = this.src.indexOf('}', this.pos);
      if (end < 0) this.fail("unexpected EOF while looking for matching `}'", true);
      const bad = this.src.slice(this.pos - 2, end + 1);
      this.pos = end + 1;
      return { t: 'param', name: '', op: 'bad', arg: { parts: [{ t: 'sq', v: bad }] } };
    }
    name = m[0];
    this.pos += name.length;
    if (this.peek() === '}') {
      this.pos++;
      return { t: 'param', name, length };
    }
    const ops = [':-', ':=', ':?', ':+', '##', '%%', '//', '/#', '/%', '^^', ',,', '-', '=', '?', '+', '#', '%', '/', ':', '^', ','];
    const op = ops.find((o) => this.starts(o));
    if (!op || length) {
      const end = this.src.indexOf('}', this.pos);
      if (end < 0) this.fail("unexpected EOF while looking for matching `}'", true);
      const bad = this.src.slice(this.src.lastIndexOf('${', this.pos), end + 1);
      this.pos = end + 1;
      name = '';
      return { t: 'param', name, op: 'bad', arg: { parts: [{ t: 'sq', v: bad }] } };
    }
    this.pos += op.length;
    if (op.startsWith('/')) {
      const pat = this.braceWord('/');
      let rep: Word = { parts: [] };
      if (this.peek() === '/') {
        this.pos++;
        rep = this.braceWord('');
      }
      this.expectBrace();
      return { t: 'param', name, op, arg: pat, arg2: rep };
    }
    if (op === ':') {
      const off = this.braceWord(':');
      let len: Word | undefined;
      if (this.peek() === ':') {
        this.pos++;
        len = this.braceWord('');
      }
      this.expectBrace();
      return { t: 'param', name, op, arg: off, arg2: len };
    }
    const arg = this.braceWord('');
    this.expectBrace();
    return { t: 'param', name, op, arg };
  }

  private expectBrace(): void {
    if (this.peek() !== '}') this.fail("unexpected EOF while looking for matching `}'", true);
    this.pos++;
  }

  /** A word inside `${…}`: blanks are literal; it ends at `}` (or at `stop`). */
  private braceWord(stop: string): Word {
    return this.scanWord((c) => c === '}' || (stop !== '' && c === stop), "unexpected EOF while looking for matching `}'");
  }
}

function subParse(src: string, line: number): List {
  try {
    return new Parser(src).program();
  } catch (e) {
    if (e instanceof ParseError) throw new ParseError(e.message, e.incomplete, line + e.line - 1);
    throw e;
  }
}

/** Decodes the escapes of `$'…'` (ANSI-C quoting). */
export function ansiC(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|[0-7]{1,3}|c.|.)/g, (_m, e: string) => {
    const map: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
    if (e in map) return map[e];
    if (e[0] === 'x' || e[0] === 'u') return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    if (e[0] === 'c') return String.fromCharCode(e.charCodeAt(1) & 31);
    return '\\' + e;
  });
}
