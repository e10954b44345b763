import type { Ctx, ProgramSpec } from './context';
import type { OpenFile } from '../kernel/file';
import { isSysError } from '../kernel/errors';
import { parseArgs, UsageError } from './args';
import { compilePosix, translatePosix } from './lib/regex';

/** GNU sed 4.9's usage text (printed by --help, and on standard error for a bad command line). */
const USAGE_TEXT = "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n  -n, --quiet, --silent\n                 suppress automatic printing of pattern space\n      --debug\n                 annotate program execution\n  -e script, --expression=script\n                 add the script to the commands to be executed\n  -f script-file, --file=script-file\n                 add the contents of script-file to the commands to be executed\n  --follow-symlinks\n                 follow symlinks when processing in place\n  -i[SUFFIX], --in-place[=SUFFIX]\n                 edit files in place (makes backup if SUFFIX supplied)\n  -l N, --line-length=N\n                 specify the desired line-wrap length for the `l' command\n  --posix\n                 disable all GNU extensions.\n  -E, -r, --regexp-extended\n                 use extended regular expressions in the script\n                 (for portability use POSIX -E).\n  -s, --separate\n                 consider files as separate rather than as a single,\n                 continuous long stream.\n      --sandbox\n                 operate in sandbox mode (disable e/r/w commands).\n  -u, --unbuffered\n                 load minimal amounts of data from the input files and flush\n                 the output buffers more often\n  -z, --null-data\n                 separate lines by NUL characters\n      --help     display this help and exit\n      --version  output version information and exit\n\nIf no -e, --expression, -f, or --file option is given, then the first\nnon-option argument is taken as the sed script to interpret.  All\nremaining arguments are names of input files; if no input files are\nspecified, then the standard input is read.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\nE-mail bug reports to: <bug-sed@gnu.org>.\n";
/** What a bad command line prints: the usage without the bug-report line. */
const USAGE_ERROR = USAGE_TEXT.replace('E-mail bug reports to: <bug-sed@gnu.org>.\n', '');

/** GNU sed 4.9's --version text, as Debian 12 ships it. */
const VERSION_TEXT = "sed (GNU sed) 4.9\nPackaged by Debian\nCopyright (C) 2022 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nWritten by Jay Fenlason, Tom Lord, Ken Pizzini,\nPaolo Bonzini, Jim Meyering, and Assaf Gordon.\n\nThis sed program was built with SELinux support.\nSELinux is disabled on this system.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\nE-mail bug reports to: <bug-sed@gnu.org>.\n";

type Addr =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 're'; re: RegExp | null; flags: string }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'zero' };
type Addr2 = Addr | { kind: 'rel'; n: number } | { kind: 'mult'; n: number };

/** One parsed command; `{` holds the index just past its matching `}`. */
interface Cmd {
  a1?: Addr;
  a2?: Addr2;
  neg: boolean;
  name: string;
  text?: string;
  label?: string;
  /** Where `b`/`t`/`T` jump, resolved after parsing (the command count for "end of script"). */
  target?: number;
  re?: RegExp | null;
  reFlags?: string;
  repl?: ReplPart[];
  global?: boolean;
  nth?: number;
  print?: number;
  wfile?: string;
  from?: string[];
  to?: string[];
  code?: number;
  end?: number;
  /** Range state: the range is active, and the line number it ends on (for numeric ends). */
  active?: boolean;
  endLine?: number;
}

/** A piece of an `s` replacement: literal text, a group reference (0 = `&`), or a case switch. */
type ReplPart = { lit: string } | { group: number } | { conv: 'L' | 'U' | 'l' | 'u' | 'E' };

/** A script error, worded as GNU sed words it (without the leading `sed: `). */
class SedError extends Error {
  constructor(message: string, readonly status = 1) {
    super(message);
  }
}

interface Source {
  text: string;
  /** `-e expression #N` or `file F`. */
  where: (pos: number, line: number) => string;
}

/** Parses script pieces into one command list (blocks may span `-e` pieces, as in GNU sed). */
function parseScript(sources: Source[], extended: boolean): Cmd[] {
  const cmds: Cmd[] = [];
  const stack: { at: number; src: Source }[] = [];
  for (const src of sources) parseOne(src, cmds, stack, extended);
  if (stack.length) throw new SedError(`${stack[stack.length - 1].src.where(0, 0)}: unmatched \`{'`);
  // Resolve labels.
  const labels = new Map<string, number>();
  cmds.forEach((c, k) => {
    if (c.name === ':') {
      if (labels.has(c.label!)) throw new SedError(`-e expression #1, char 0: duplicate label \`${c.label}'`);
      labels.set(c.label!, k);
    }
  });
  for (const c of cmds) {
    if ('btT'.includes(c.name)) {
      if (!c.label) c.target = cmds.length;
      else {
        const t = labels.get(c.label);
        if (t === undefined) throw new SedError(`can't find label for jump to \`${c.label}'`, 4);
        c.target = t;
      }
    }
  }
  return cmds;
}

function parseOne(src: Source, cmds: Cmd[], stack: { at: number; src: Source }[], extended: boolean): void {
  const s = src.text;
  let i = 0;
  const fail = (msg: string): never => {
    const line = s.slice(0, i).split('\n').length;
    throw new SedError(`${src.where(i, line)}: ${msg}`);
  };
  const skipWs = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  /** Reads up to an unescaped `delim`; inside a regex, brackets hide the delimiter. */
  const readDelimited = (delim: string, isRegex: boolean, what: string): string => {
    let out = '';
    while (i < s.length) {
      const c = s[i];
      if (c === delim) {
        i++;
        return out;
      }
      if (c === '\\' && i + 1 < s.length) {
        const n = s[i + 1];
        if (n === delim) out += delim === '&' && !isRegex ? '\\&' : delim;
        else if (n === '\n') out += isRegex ? '\\n' : '\n';
        else out += c + n;
        i += 2;
        continue;
      }
      if (c === '\n' && isRegex) break;
      if (isRegex && c === '[') {
        // A bracket expression may contain the delimiter.
        let j = i + 1;
        if (s[j] === '^') j++;
        if (s[j] === ']') j++;
        while (j < s.length && s[j] !== ']' && s[j] !== '\n') {
          if (s[j] === '[' && ':.='.includes(s[j + 1])) {
            const close = s.indexOf(s[j + 1] + ']', j + 2);
            if (close < 0) break;
            j = close + 2;
          } else j++;
        }
        if (s[j] !== ']') {
          i = s.length;
          fail(what);
        }
        out += s.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      out += c;
      i++;
    }
    i = Math.min(i, s.length);
    return fail(what);
  };
  const compile = (re: string, flags: string): RegExp | null => {
    if (re === '') return null;
    try {
      return compilePosix(re, { extended, sed: true, ignoreCase: flags.includes('I'), multiline: flags.includes('M'), global: true });
    } catch (e) {
      return fail((e as Error).message);
    }
  };
  const address = (): Addr | undefined => {
    const c = s[i];
    if (c === undefined) return undefined;
    if (/\d/.test(c)) {
      const m = /^(\d+)(?:~(\d+))?/.exec(s.slice(i))!;
      i += m[0].length;
      if (m[2] !== undefined) return { kind: 'step', first: Number(m[1]), step: Number(m[2]) };
      return Number(m[1]) === 0 ? { kind: 'zero' } : { kind: 'line', n: Number(m[1]) };
    }
    if (c === '$') {
      i++;
      return { kind: 'last' };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      i++;
      if (c === '\\') {
        delim = s[i++];
        if (delim === undefined || delim === '\n') fail('unexpected `,\'');
      }
      const re = readDelimited(delim, true, 'unterminated address regex');
      let flags = '';
      while (s[i] === 'I' || s[i] === 'M') flags += s[i++];
      return { kind: 're', re: compile(re, flags), flags };
    }
    return undefined;
  };
  const readLabel = (): string => {
    skipWs();
    let l = '';
    while (i < s.length && s[i] !== '\n' && s[i] !== ';') l += s[i++];
    return l.trimEnd();
  };
  const readFilename = (): string => {
    skipWs();
    let l = '';
    while (i < s.length && s[i] !== '\n') l += s[i++];
    return l;
  };
  /** The text of a, i, c: GNU's one-line form `a text` or the classic `a\` + lines. */
  const readText = (): string => {
    skipWs();
    if (i >= s.length) fail("expected \\ after `a', `c' or `i'");
    if (s[i] === '\\') {
      i++;
      if (s[i] === '\n') i++;
    }
    let out = '';
    while (i < s.length) {
      const c = s[i];
      if (c === '\\' && i + 1 < s.length) {
        const n = s[i + 1];
        out += n === 't' ? '\t' : n;
        i += 2;
        continue;
      }
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '\n') {
        i++;
        break;
      }
      out += c;
      i++;
    }
    return out;
  };
  const endOfCommand = () => {
    skipWs();
    if (i >= s.length || s[i] === ';' || s[i] === '\n' || s[i] === '#' || s[i] === '}') {
      if (s[i] === ';' || s[i] === '\n') i++;
      return;
    }
    i++;
    fail('extra characters after command');
  };
  /** Parses a replacement into parts; `\n` → newline, `&` → the match, `\1`… → groups. */
  const replacement = (r: string): { parts: ReplPart[]; maxRef: number } => {
    const parts: ReplPart[] = [];
    let lit = '';
    let maxRef = 0;
    const flush = () => {
      if (lit) parts.push({ lit });
      lit = '';
    };
    for (let k = 0; k < r.length; k++) {
      const c = r[k];
      if (c === '&') {
        flush();
        parts.push({ group: 0 });
      } else if (c === '\\' && k + 1 < r.length) {
        const n = r[++k];
        if (/\d/.test(n)) {
          flush();
          parts.push({ group: Number(n) });
          maxRef = Math.max(maxRef, Number(n));
        } else if ('LUluE'.includes(n)) {
          flush();
          parts.push({ conv: n as 'L' });
        } else if (n === 'n') lit += '\n';
        else if (n === 't') lit += '\t';
        else if (n === 'r') lit += '\r';
        else if (n === 'a') lit += '\x07';
        else if (n === 'f') lit += '\f';
        else if (n === 'v') lit += '\v';
        else lit += n;
      } else lit += c;
    }
    flush();
    return { parts, maxRef };
  };
  const unescapeY = (t: string): string[] => {
    const out: string[] = [];
    for (let k = 0; k < t.length; k++) {
      if (t[k] === '\\' && k + 1 < t.length) {
        const n = t[++k];
        out.push(n === 'n' ? '\n' : n === 't' ? '\t' : n === '\\' ? '\\' : '\\' + n);
        if (out[out.length - 1].length > 1) fail('unknown option to `y\'');
      } else out.push(t[k]);
    }
    return out;
  };

  while (i < s.length) {
    while (i < s.length && /[ \t\n;]/.test(s[i])) i++;
    if (i >= s.length) break;
    if (s[i] === '#') {
      while (i < s.length && s[i] !== '\n') i++;
      continue;
    }
    const cmd: Cmd = { neg: false, name: '' };
    cmd.a1 = address();
    if (cmd.a1) {
      skipWs();
      if (s[i] === ',') {
        i++;
        skipWs();
        const c = s[i];
        if (c === '+' || c === '~') {
          const m = /^[+~](\d+)/.exec(s.slice(i));
          if (!m) {
            i++;
            fail('expected newer version of sed');
          }
          i += m![0].length;
          cmd.a2 = c === '+' ? { kind: 'rel', n: Number(m![1]) } : { kind: 'mult', n: Number(m![1]) };
        } else {
          const a2 = address();
          if (!a2) fail('unexpected `,\'');
          cmd.a2 = a2!.kind === 'zero' ? { kind: 'line', n: 0 } : a2;
        }
      }
    }
    skipWs();
    if (s[i] === '!') {
      cmd.neg = true;
      i++;
      while (s[i] === ' ' || s[i] === '\t' || s[i] === '!') {
        if (s[i] === '!') fail('multiple `!\'s');
        i++;
      }
    }
    const name = s[i++];
    if (name === undefined || name === '\n' || name === ';') {
      if (name === undefined) i = s.length;
      fail('missing command');
    }
    cmd.name = name;
    if (cmd.a1?.kind === 'zero' && !(cmd.a2 && cmd.a2.kind === 're')) fail('invalid usage of line address 0');
    const noAddr = () => {
      if (cmd.a1) fail(`${name} doesn't want any addresses`);
    };
    const oneAddr = () => {
      if (cmd.a2) fail('command only uses one address');
    };
    switch (name) {
      case '{':
        stack.push({ at: cmds.length, src });
        cmds.push(cmd);
        continue;
      case '}':
        if (cmd.a1) fail('} doesn\'t want any addresses');
        if (cmd.neg) fail('} doesn\'t want any addresses');
        if (!stack.length) fail('unexpected `}\'');
        cmds[stack.pop()!.at].end = cmds.length + 1;
        cmds.push(cmd);
        endOfCommand();
        continue;
      case 'a': case 'i': case 'c':
        cmd.text = readText();
        break;
      case ':': {
        noAddr();
        const l = readLabel();
        if (!l) fail('":" lacks a label');
        cmd.label = l;
        if (s[i] === ';') i++;
        break;
      }
      case 'b': case 't': case 'T':
        cmd.label = readLabel();
        if (s[i] === ';') i++;
        break;
      case 'q': case 'Q': case 'l': case 'L': {
        if (name === 'q' || name === 'Q') oneAddr();
        skipWs();
        const m = /^\d+/.exec(s.slice(i));
        if (m) {
          cmd.code = Number(m[0]);
          i += m[0].length;
        }
        endOfCommand();
        break;
      }
      case 'r': case 'R': case 'w': case 'W':
        cmd.text = readFilename();
        if (!cmd.text) fail(`missing filename in r/R/w/W commands`);
        break;
      case '=': case 'd': case 'D': case 'g': case 'G': case 'h': case 'H': case 'n': case 'N': case 'p': case 'P': case 'x': case 'z': case 'F':
        endOfCommand();
        break;
      case 's': {
        const delim = s[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') {
          i = Math.min(i, s.length);
          fail('unterminated `s\' command');
        }
        const re = readDelimited(delim, true, 'unterminated `s\' command');
        const repl = readDelimited(delim, false, 'unterminated `s\' command');
        let flags = '';
        cmd.global = false;
        for (;;) {
          const f = s[i];
          if (f === 'g') {
            if (cmd.global) {
              i++;
              fail('multiple `g\' options to `s\' command');
            }
            cmd.global = true;
            i++;
          } else if (f === 'p') {
            if (cmd.print) {
              i++;
              fail('multiple `p\' options to `s\' command');
            }
            cmd.print = 1;
            i++;
          } else if (f === 'i' || f === 'I') {
            flags += 'I';
            i++;
          } else if (f === 'm' || f === 'M') {
            flags += 'M';
            i++;
          } else if (f === 'e') i++;
          else if (f !== undefined && /\d/.test(f)) {
            const m = /^\d+/.exec(s.slice(i))!;
            if (cmd.nth !== undefined) {
              i += m[0].length;
              fail('multiple number options to `s\' command');
            }
            if (Number(m[0]) === 0) {
              i += m[0].length;
              fail('number option to `s\' command may not be zero');
            }
            cmd.nth = Number(m[0]);
            i += m[0].length;
          } else if (f === 'w') {
            i++;
            cmd.wfile = readFilename();
            break;
          } else if (f === undefined || ' \t;\n}#'.includes(f)) break;
          else {
            i++;
            fail('unknown option to `s\'');
          }
        }
        cmd.re = compile(re, flags);
        cmd.reFlags = flags;
        const r = replacement(repl);
        cmd.repl = r.parts;
        endOfCommand();
        if (cmd.re && r.maxRef > 0) {
          const groups = translatePosix(re, { extended, sed: true }).groups;
          if (r.maxRef > groups) {
            i = Math.max(0, i - (s[i - 1] === ';' || s[i - 1] === '\n' ? 1 : 0));
            fail(`invalid reference \\${r.maxRef} on \`s' command's RHS`);
          }
        }
        break;
      }
      case 'y': {
        const delim = s[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') fail('unterminated `y\' command');
        const from = unescapeY(readDelimited(delim, false, 'unterminated `y\' command'));
        const to = unescapeY(readDelimited(delim, false, 'unterminated `y\' command'));
        if (from.length !== to.length) fail('strings for `y\' command are different lengths');
        cmd.from = from;
        cmd.to = to;
        endOfCommand();
        break;
      }
      case 'e': case 'v':
        readFilename();
        break;
      default:
        fail(`unknown command: \`${name}'`);
    }
    cmds.push(cmd);
  }
}

/** Escapes a pattern space as the `l` command shows it, wrapped at `width` columns. */
function listLine(text: string, width: number): string {
  const bytes = new TextEncoder().encode(text);
  const names: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };
  let out = '';
  let col = 0;
  for (const b of bytes) {
    const piece = names[b] ?? (b >= 32 && b < 127 ? String.fromCharCode(b) : '\\' + b.toString(8).padStart(3, '0'));
    if (width > 1 && col + piece.length > width - 1) {
      out += '\\\n';
      col = 0;
    }
    out += piece;
    col += piece.length;
  }
  return out + '$\n';
}

/** Applies `\U \L \u \l \E` case conversion as GNU sed does while building a replacement. */
function buildReplacement(parts: ReplPart[], m: RegExpExecArray): string {
  let out = '';
  let mode: 'U' | 'L' | null = null;
  let once: 'u' | 'l' | null = null;
  const add = (t: string) => {
    if (!t) return;
    if (mode === 'U') t = t.toUpperCase();
    else if (mode === 'L') t = t.toLowerCase();
    if (once) {
      t = (once === 'u' ? t[0].toUpperCase() : t[0].toLowerCase()) + t.slice(1);
      once = null;
    }
    out += t;
  };
  for (const p of parts) {
    if ('lit' in p) add(p.lit);
    else if ('group' in p) add(m[p.group] ?? '');
    else if (p.conv === 'E') {
      mode = null;
      once = null;
    } else if (p.conv === 'U' || p.conv === 'L') mode = p.conv;
    else once = p.conv;
  }
  return out;
}

interface Line {
  text: string;
  nl: boolean;
}

/** The input: every file in turn as one stream (or one file at a time with -s/-i). */
class Input {
  private idx = -1;
  private file: OpenFile | null = null;
  private gen: AsyncGenerator<string> | null = null;
  private peeked: Line | null | undefined = undefined;
  status = 0;
  /** The name of the file the current line came from (`-` for standard input). */
  current = '-';
  private nextName = '-';

  constructor(private ctx: Ctx, private files: string[]) {}

  private async raw(): Promise<Line | null> {
    for (;;) {
      if (!this.gen) {
        if (++this.idx >= this.files.length) return null;
        const name = this.files[this.idx];
        try {
          this.file = this.ctx.openRead(name);
          if (this.file.kind === 'dir') {
            this.file.close();
            this.file = null;
            // GNU sed gives up on all input at a directory.
            await this.ctx.error(`read error on ${name}: Is a directory`);
            this.status = 4;
            this.idx = this.files.length;
            return null;
          }
        } catch (e) {
          if (!isSysError(e)) throw e;
          await this.ctx.error(`can't read ${name}: ${e.message}`);
          this.status = 2;
          continue;
        }
        this.gen = this.ctx.linesOf(this.file);
        this.nextName = name;
      }
      const r = await this.gen.next();
      if (!r.done) {
        const t = r.value;
        return t.endsWith('\n') ? { text: t.slice(0, -1), nl: true } : { text: t, nl: false };
      }
      this.file?.close();
      this.file = null;
      this.gen = null;
    }
  }
  /** The next line, or null at the end of all input. */
  async next(): Promise<Line | null> {
    if (this.peeked !== undefined) {
      const p = this.peeked;
      this.peeked = undefined;
      this.current = this.peekName;
      return p;
    }
    const l = await this.raw();
    this.current = this.nextName;
    return l;
  }
  private peekName = '-';
  /** Whether no line follows (reads one line ahead, so only when the script needs to know). */
  async atEnd(): Promise<boolean> {
    if (this.peeked === undefined) {
      this.peeked = await this.raw();
      this.peekName = this.nextName;
    }
    return this.peeked === null;
  }
  close(): void {
    this.file?.close();
  }
}

/** Runs the script over one input; returns the exit code when a `q`/`Q` ends everything. */
class Machine {
  lineNo = 0;
  quit: number | null = null;
  private lastRe: RegExp | null = null;
  private hold = '';
  out = '';
  private missingNl = false;
  private wfiles = new Map<string, string>();

  constructor(private ctx: Ctx, private cmds: Cmd[], private quiet: boolean) {}

  private emit(text: string, nl: boolean): void {
    if (this.missingNl) this.out += '\n';
    this.out += text;
    if (nl) this.out += '\n';
    this.missingNl = !nl;
  }

  private regex(re: RegExp | null): RegExp {
    const r = re ?? this.lastRe;
    if (!r) throw new SedError('no previous regular expression');
    this.lastRe = r;
    return r;
  }
  private test(re: RegExp | null, text: string): boolean {
    const r = this.regex(re);
    r.lastIndex = 0;
    return r.test(text);
  }

  private async matchAddr(a: Addr | Addr2, ps: string, input: Input): Promise<boolean> {
    switch (a.kind) {
      case 'line':
        return this.lineNo === a.n;
      case 'last':
        return input.atEnd();
      case 're':
        return this.test(a.re, ps);
      case 'step':
        return a.step <= 0 ? this.lineNo === a.first : this.lineNo >= a.first && (this.lineNo - a.first) % a.step === 0;
      case 'zero':
        return false;
      default:
        return false;
    }
  }

  private async selected(c: Cmd, ps: string, input: Input): Promise<boolean> {
    if (!c.a1) return true;
    if (!c.a2) return this.matchAddr(c.a1, ps, input);
    if (c.active) {
      const a2 = c.a2;
      let ends: boolean;
      if (a2.kind === 'line') ends = this.lineNo >= a2.n;
      else if (a2.kind === 'rel' || a2.kind === 'mult') ends = this.lineNo >= c.endLine!;
      else ends = await this.matchAddr(a2, ps, input);
      if (ends) c.active = false;
      return true;
    }
    const startsBefore = c.a1.kind === 'zero';
    if (!startsBefore && !(await this.matchAddr(c.a1, ps, input))) return false;
    const a2 = c.a2;
    if (startsBefore) {
      // 0,/re/: the end may match on the very first line.
      if (this.lineNo === 1 || c.endLine !== -1) {
        c.endLine = -1;
        if (await this.matchAddr(a2, ps, input)) return true;
        c.active = true;
        return true;
      }
      return false;
    }
    if (a2.kind === 'line') {
      if (a2.n > this.lineNo) c.active = true;
    } else if (a2.kind === 'rel') {
      c.endLine = this.lineNo + a2.n;
      if (a2.n > 0) c.active = true;
    } else if (a2.kind === 'mult') {
      const n = a2.n <= 0 ? this.lineNo : Math.ceil(this.lineNo / a2.n) * a2.n;
      c.endLine = n;
      if (n > this.lineNo) c.active = true;
    } else if (a2.kind === 'last') {
      if (!(await input.atEnd())) c.active = true;
    } else c.active = true;
    return true;
  }

  private async writeTo(path: string, text: string): Promise<void> {
    if (path === '/dev/stdout') {
      this.emit(text, true);
      return;
    }
    if (path === '/dev/stderr') {
      await this.ctx.err(text + '\n');
      return;
    }
    const prev = this.wfiles.get(path) ?? '';
    const next = prev + text + '\n';
    this.wfiles.set(path, next);
    this.ctx.fs.writeFile(this.ctx.proc, path, next);
  }

  /** Opens (truncates) the `w` files before any input is read, as GNU sed does. */
  openWriteFiles(): void {
    for (const c of this.cmds) {
      const f = c.name === 'w' || c.name === 'W' ? c.text : c.wfile;
      if (f && f !== '/dev/stdout' && f !== '/dev/stderr' && !this.wfiles.has(f)) {
        this.ctx.fs.writeFile(this.ctx.proc, f, '');
        this.wfiles.set(f, '');
      }
    }
  }

  /** Processes the lines of `input`; output accumulates in `out` and is flushed by `flush`. */
  async run(input: Input, flush: () => Promise<void>): Promise<void> {
    let line = await input.next();
    if (line === null) return;
    let ps = line.text;
    let nl = line.nl;
    this.lineNo++;
    const cmds = this.cmds;
    let append: string[] = [];
    const flushAppend = async () => {
      for (const a of append) {
        if (a.startsWith('\0r')) {
          try {
            const t = this.ctx.fs.readText(this.ctx.proc, this.ctx.resolve(a.slice(2)));
            if (t) {
              if (this.missingNl) this.out += '\n';
              this.out += t;
              this.missingNl = !t.endsWith('\n');
            }
          } catch {
            // GNU sed silently ignores an unreadable `r` file.
          }
        } else this.emit(a, true);
      }
      append = [];
    };
    let subst = false;
    for (;;) {
      let pc = 0;
      let deleted = false;
      let restartWithoutRead = false;
      cycle: while (pc < cmds.length) {
        const c = cmds[pc];
        let sel = await this.selected(c, ps, input);
        if (c.neg) sel = !sel;
        if (!sel) {
          pc = c.name === '{' ? c.end! : pc + 1;
          continue;
        }
        pc++;
        switch (c.name) {
          case '{': case '}': case ':':
            break;
          case '=':
            this.emit(String(this.lineNo), true);
            break;
          case 'a':
            append.push(c.text!);
            break;
          case 'i':
            this.emit(c.text!, true);
            break;
          case 'c':
            // In a range the text goes out once, at its end.
            if (!c.a2 || !c.active || c.neg) this.emit(c.text!, true);
            deleted = true;
            break cycle;
          case 'd':
            deleted = true;
            break cycle;
          case 'D': {
            const k = ps.indexOf('\n');
            if (k < 0) {
              deleted = true;
              break cycle;
            }
            ps = ps.slice(k + 1);
            restartWithoutRead = true;
            deleted = true;
            break cycle;
          }
          case 'F':
            this.emit(input.current, true);
            break;
          case 'g':
            ps = this.hold;
            break;
          case 'G':
            ps += '\n' + this.hold;
            break;
          case 'h':
            this.hold = ps;
            break;
          case 'H':
            this.hold += '\n' + ps;
            break;
          case 'x':
            [ps, this.hold] = [this.hold, ps];
            break;
          case 'l':
            this.emit(listLine(ps, c.code ?? 70).slice(0, -1), true);
            break;
          case 'n':
            if (this.quit !== null || (await input.atEnd())) {
              // GNU: no next line, so sed ends as if the script were done.
              break cycle;
            }
            if (!this.quiet) this.emit(ps, nl);
            await flushAppend();
            line = (await input.next())!;
            ps = line.text;
            nl = line.nl;
            this.lineNo++;
            subst = false;
            break;
          case 'N':
            if (await input.atEnd()) {
              // GNU prints the pattern space when N finds no next line (POSIX would not).
              break cycle;
            }
            await flushAppend();
            line = (await input.next())!;
            ps += '\n' + line.text;
            nl = line.nl;
            this.lineNo++;
            break;
          case 'p':
            this.emit(ps, nl);
            break;
          case 'P': {
            const k = ps.indexOf('\n');
            this.emit(k < 0 ? ps : ps.slice(0, k), k < 0 ? nl : true);
            break;
          }
          case 'q':
            this.quit = c.code ?? 0;
            break cycle;
          case 'Q':
            this.quit = c.code ?? 0;
            deleted = true;
            break cycle;
          case 'r':
            append.push('\0r' + c.text!);
            break;
          case 'R':
            break;
          case 'w':
            await this.writeTo(c.text!, ps);
            break;
          case 'W': {
            const k = ps.indexOf('\n');
            await this.writeTo(c.text!, k < 0 ? ps : ps.slice(0, k));
            break;
          }
          case 'z':
            ps = '';
            break;
          case 's': {
            const re = this.regex(c.re!);
            re.lastIndex = 0;
            let count = 0;
            let result = '';
            let at = 0;
            let did = false;
            let prevEnd = -1;
            for (;;) {
              const m = re.exec(ps);
              if (!m) break;
              if (m[0] === '' && m.index === prevEnd) {
                // POSIX: no empty match right where the previous match ended.
                if (m.index >= ps.length) break;
                re.lastIndex = m.index + 1;
                continue;
              }
              prevEnd = m.index + m[0].length;
              count++;
              const want = c.nth ?? 1;
              if (count >= want && (c.global || count === want)) {
                result += ps.slice(at, m.index) + buildReplacement(c.repl!, m);
                at = m.index + m[0].length;
                did = true;
                if (!c.global) break;
              }
              if (m[0] === '') {
                if (m.index >= ps.length) break;
                re.lastIndex = m.index + 1;
              }
            }
            if (did) {
              ps = result + ps.slice(at);
              subst = true;
              if (c.print) this.emit(ps, nl);
              if (c.wfile) await this.writeTo(c.wfile, ps);
            }
            break;
          }
          case 't':
            if (subst) {
              subst = false;
              pc = c.target!;
            }
            break;
          case 'T':
            if (!subst) pc = c.target!;
            else subst = false;
            break;
          case 'b':
            pc = c.target!;
            break;
          case 'y': {
            let r = '';
            for (const ch of ps) {
              const k = c.from!.indexOf(ch);
              r += k < 0 ? ch : c.to![k];
            }
            ps = r;
            break;
          }
          default:
            break;
        }
      }
      if (!deleted && !this.quiet) this.emit(ps, nl);
      await flushAppend();
      await flush();
      if (this.quit !== null) return;
      if (restartWithoutRead) {
        continue;
      }
      line = await input.next();
      if (line === null) return;
      ps = line.text;
      nl = line.nl;
      this.lineNo++;
      subst = false;
    }
  }
}

/**
 * sed [OPTION]... {script} [FILE]...: the GNU stream editor, streaming one cycle at a time.
 * @sim partial: no `e` command or `s///e`, `R` reads nothing, no -z, --posix or --debug; `l`
 * escapes by UTF-8 bytes.
 */
export const sed: ProgramSpec = {
  name: 'sed',
  summary: 'stream editor for filtering and transforming text',
  usage: 'sed [OPTION]... {script-only-if-no-other-script} [input-file]...',
  description: USAGE_TEXT.split('\n').slice(2).join('\n'),
  async run(ctx: Ctx) {
    if (ctx.args[0] === '--help') {
      await ctx.out(USAGE_TEXT);
      return 0;
    }
    if (ctx.args[0] === '--version') {
      await ctx.out(VERSION_TEXT);
      return 0;
    }
    // getopt's "i::" means `-i` takes an attached suffix only, so split clusters by hand.
    const args: string[] = [];
    for (let k = 0; k < ctx.args.length; k++) {
      const x = ctx.args[k];
      if (x === '--') {
        args.push(...ctx.args.slice(k));
        break;
      }
      if (!x.startsWith('-') || x.startsWith('--') || x === '-') {
        args.push(x);
        continue;
      }
      for (let j = 1; j < x.length; j++) {
        const ch = x[j];
        if (ch === 'i') {
          args.push(j + 1 < x.length ? `--in-place=${x.slice(j + 1)}` : '--in-place');
          break;
        }
        if ('efl'.includes(ch)) {
          const rest = x.slice(j + 1);
          args.push(`-${ch}`);
          if (rest) args.push(rest);
          else if (k + 1 < ctx.args.length) args.push(ctx.args[++k]);
          break;
        }
        args.push(`-${ch}`);
      }
    }
    let a;
    try {
      a = parseArgs(args, {
        n: { short: 'n', long: 'quiet' }, silent: { long: 'silent' }, e: { short: 'e', long: 'expression', value: true },
        f: { short: 'f', long: 'file', value: true }, E: { short: 'E', long: 'regexp-extended' }, r: { short: 'r' },
        i: { long: 'in-place', value: true, optionalValue: true }, s: { short: 's', long: 'separate' }, u: { short: 'u', long: 'unbuffered' },
        z: { short: 'z', long: 'null-data' }, l: { short: 'l', long: 'line-length', value: true }, posix: { long: 'posix' },
        debug: { long: 'debug' }, sandbox: { long: 'sandbox' }, follow: { long: 'follow-symlinks' },
      });
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      await ctx.err(`sed: ${e.message}\n${USAGE_ERROR}`);
      return 1;
    }
    const o = a.opts;
    const operands = [...a.operands];
    const sources: Source[] = [];
    const order: { kind: 'e' | 'f'; v: string }[] = [];
    // Keep -e and -f in command-line order.
    for (let k = 0, ei = 0, fi = 0; k < args.length; k++) {
      if (args[k] === '-e' || args[k] === '--expression') order.push({ kind: 'e', v: a.all.e![ei++] });
      else if (args[k].startsWith('--expression=')) order.push({ kind: 'e', v: a.all.e![ei++] });
      else if (args[k] === '-f' || args[k] === '--file' || args[k].startsWith('--file=')) order.push({ kind: 'f', v: a.all.f![fi++] });
      if (args[k] === '-e' || args[k] === '-f' || args[k] === '--expression' || args[k] === '--file') k++;
    }
    let exprNo = 0;
    for (const item of order) {
      if (item.kind === 'e') {
        const n = ++exprNo;
        sources.push({ text: item.v, where: (pos) => `-e expression #${n}, char ${pos}` });
      } else {
        let text: string;
        try {
          text = item.v === '-' ? await ctx.readText(0) : ctx.fs.readText(ctx.proc, item.v);
        } catch (e) {
          if (!isSysError(e)) throw e;
          await ctx.error(`couldn't open file ${item.v}: ${e.message}`);
          return 4;
        }
        if (text.endsWith('\n')) text = text.slice(0, -1);
        const name = item.v;
        sources.push({ text, where: (_pos, line) => `file ${name} line ${line}` });
      }
    }
    if (sources.length === 0) {
      if (operands.length === 0) {
        await ctx.err(USAGE_ERROR);
        return 1;
      }
      const text = operands.shift()!;
      sources.push({ text, where: (pos) => `-e expression #1, char ${pos}` });
    }
    const extended = !!(o.E || o.r);
    let cmds: Cmd[];
    try {
      cmds = parseScript(sources, extended);
    } catch (e) {
      if (!(e instanceof SedError)) throw e;
      await ctx.error(e.message);
      return e.status;
    }
    let quiet = !!(o.n || o.silent);
    if (/^#n(\n|$)/.test(sources[0].text) && order.length <= 1) quiet = true;
    const inPlace = o.i !== undefined;
    const suffix = typeof o.i === 'string' ? o.i : '';
    const separate = inPlace || !!o.s;
    const files = operands.length ? operands : ['-'];
    // Input is read one line ahead only when `$`, n or N need to know about the end.
    const m = new Machine(ctx, cmds, quiet);
    try {
      m.openWriteFiles();
    } catch (e) {
      if (!isSysError(e)) throw e;
      await ctx.error(`couldn't open file ${e.path ?? ''}: ${e.message}`);
      return 4;
    }
    let status = 0;
    try {
      if (inPlace) {
        if (operands.length === 0) {
          await ctx.error('no input files');
          return 4;
        }
        for (const f of files) {
          let st;
          try {
            st = ctx.fs.stat(ctx.proc, f);
          } catch (e) {
            if (!isSysError(e)) throw e;
            await ctx.error(`can't read ${f}: ${e.message}`);
            status = 2;
            continue;
          }
          if (st.type !== 'file') {
            await ctx.error(`couldn't edit ${f}: not a regular file`);
            status = 4;
            continue;
          }
          const input = new Input(ctx, [f]);
          m.lineNo = 0;
          await m.run(input, async () => {});
          input.close();
          if (suffix) {
            const backup = suffix.includes('*') ? suffix.replace(/\*/g, f.split('/').pop()!) : f + suffix;
            ctx.fs.writeFile(ctx.proc, backup, ctx.fs.readFile(ctx.proc, f));
          }
          ctx.fs.writeFile(ctx.proc, f, m.out);
          m.out = '';
          if (m.quit !== null) return m.quit;
        }
        return status;
      }
      const flush = async () => {
        if (m.out) {
          const t = m.out;
          m.out = '';
          await ctx.out(t);
        }
      };
      if (separate) {
        for (const f of files) {
          const input = new Input(ctx, [f]);
          // Each file numbers its lines from 1 again.
          m.lineNo = 0;
          await m.run(input, flush);
          input.close();
          status = Math.max(status, input.status);
          if (m.quit !== null || input.status === 4) break;
        }
      } else {
        const input = new Input(ctx, files);
        try {
          await m.run(input, flush);
        } finally {
          input.close();
        }
        status = input.status;
      }
      await flush();
    } catch (e) {
      if (e instanceof SedError) {
        await ctx.error(e.message);
        return 4;
      }
      throw e;
    }
    return m.quit ?? status;
  },
};
