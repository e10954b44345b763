import type { Ctx, ProgramSpec } from './context';
import type { OpenFile } from '../kernel/file';
import { isSysError } from '../kernel/errors';
import { parseArgs, UsageError, type OptionSpec } from './args';
import { escapeJs, translatePosix } from './lib/regex';

// GNU grep's default GREP_COLORS: ms/mc=01;31, fn=35, ln=32, se=36.
const DESCRIPTION = "Search for PATTERNS in each FILE.\nExample: grep -i 'hello world' menu.h main.c\nPATTERNS can contain multiple patterns separated by newlines.\n\nPattern selection and interpretation:\n  -E, --extended-regexp     PATTERNS are extended regular expressions\n  -F, --fixed-strings       PATTERNS are strings\n  -G, --basic-regexp        PATTERNS are basic regular expressions\n  -P, --perl-regexp         PATTERNS are Perl regular expressions\n  -e, --regexp=PATTERNS     use PATTERNS for matching\n  -f, --file=FILE           take PATTERNS from FILE\n  -i, --ignore-case         ignore case distinctions in patterns and data\n      --no-ignore-case      do not ignore case distinctions (default)\n  -w, --word-regexp         match only whole words\n  -x, --line-regexp         match only whole lines\n  -z, --null-data           a data line ends in 0 byte, not newline\n\nMiscellaneous:\n  -s, --no-messages         suppress error messages\n  -v, --invert-match        select non-matching lines\n  -V, --version             display version information and exit\n      --help                display this help text and exit\n\nOutput control:\n  -m, --max-count=NUM       stop after NUM selected lines\n  -b, --byte-offset         print the byte offset with output lines\n  -n, --line-number         print line number with output lines\n      --line-buffered       flush output on every line\n  -H, --with-filename       print file name with output lines\n  -h, --no-filename         suppress the file name prefix on output\n      --label=LABEL         use LABEL as the standard input file name prefix\n  -o, --only-matching       show only nonempty parts of lines that match\n  -q, --quiet, --silent     suppress all normal output\n      --binary-files=TYPE   assume that binary files are TYPE;\n                            TYPE is 'binary', 'text', or 'without-match'\n  -a, --text                equivalent to --binary-files=text\n  -I                        equivalent to --binary-files=without-match\n  -d, --directories=ACTION  how to handle directories;\n                            ACTION is 'read', 'recurse', or 'skip'\n  -D, --devices=ACTION      how to handle devices, FIFOs and sockets;\n                            ACTION is 'read' or 'skip'\n  -r, --recursive           like --directories=recurse\n  -R, --dereference-recursive  likewise, but follow all symlinks\n      --include=GLOB        search only files that match GLOB (a file pattern)\n      --exclude=GLOB        skip files that match GLOB\n      --exclude-from=FILE   skip files that match any file pattern from FILE\n      --exclude-dir=GLOB    skip directories that match GLOB\n  -L, --files-without-match  print only names of FILEs with no selected lines\n  -l, --files-with-matches  print only names of FILEs with selected lines\n  -c, --count               print only a count of selected lines per FILE\n  -T, --initial-tab         make tabs line up (if needed)\n  -Z, --null                print 0 byte after FILE name\n\nContext control:\n  -B, --before-context=NUM  print NUM lines of leading context\n  -A, --after-context=NUM   print NUM lines of trailing context\n  -C, --context=NUM         print NUM lines of output context\n  -NUM                      same as --context=NUM\n      --group-separator=SEP  print SEP on line between matches with context\n      --no-group-separator  do not print separator for matches with context\n      --color[=WHEN],\n      --colour[=WHEN]       use markers to highlight the matching strings;\n                            WHEN is 'always', 'never', or 'auto'\n  -U, --binary              do not strip CR characters at EOL (MSDOS/Windows)\n\nWhen FILE is '-', read standard input.  With no FILE, read '.' if\nrecursive, '-' otherwise.  With fewer than two FILEs, assume -h.\nExit status is 0 if any line is selected, 1 otherwise;\nif any error occurs and -q is not given, the exit status is 2.";

const MATCH = '\x1b[01;31m\x1b[K';
const END = '\x1b[m\x1b[K';
const FILE = '\x1b[35m\x1b[K';
const SEP = '\x1b[36m\x1b[K';
const LINE = '\x1b[32m\x1b[K';

/** GNU grep 3.8's --help text. */
const HELP = `Usage: grep [OPTION]... PATTERNS [FILE]...\n${DESCRIPTION}\n\nReport bugs to: bug-grep@gnu.org\nGNU grep home page: <https://www.gnu.org/software/grep/>\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>\n`;

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

const OPTIONS: Record<string, OptionSpec> = {
  E: { short: 'E', long: 'extended-regexp' }, F: { short: 'F', long: 'fixed-strings' }, G: { short: 'G', long: 'basic-regexp' },
  P: { short: 'P', long: 'perl-regexp' },
  e: { short: 'e', long: 'regexp', value: true }, f: { short: 'f', long: 'file', value: true }, i: { short: 'i', long: 'ignore-case' },
  noi: { long: 'no-ignore-case' },
  y: { short: 'y' }, v: { short: 'v', long: 'invert-match' }, w: { short: 'w', long: 'word-regexp' }, x: { short: 'x', long: 'line-regexp' },
  c: { short: 'c', long: 'count' }, l: { short: 'l', long: 'files-with-matches' }, L: { short: 'L', long: 'files-without-match' },
  n: { short: 'n', long: 'line-number' }, b: { short: 'b', long: 'byte-offset' }, o: { short: 'o', long: 'only-matching' },
  q: { short: 'q', long: 'quiet' }, silent: { long: 'silent' },
  s: { short: 's', long: 'no-messages' }, r: { short: 'r', long: 'recursive' }, R: { short: 'R', long: 'dereference-recursive' },
  h: { short: 'h', long: 'no-filename' }, H: { short: 'H', long: 'with-filename' }, A: { short: 'A', long: 'after-context', value: true },
  B: { short: 'B', long: 'before-context', value: true }, C: { short: 'C', long: 'context', value: true },
  color: { long: 'color', value: true, optionalValue: true }, colour: { long: 'colour', value: true, optionalValue: true },
  m: { short: 'm', long: 'max-count', value: true }, a: { short: 'a', long: 'text' }, label: { long: 'label', value: true },
  T: { short: 'T', long: 'initial-tab' }, lineBuffered: { long: 'line-buffered' }, U: { short: 'U', long: 'binary' },
  I: { short: 'I' }, noGroupSep: { long: 'no-group-separator' }, groupSep: { long: 'group-separator', value: true }, Z: { short: 'Z', long: 'null' }, version: { short: 'V', long: 'version' },
};

/** Builds one JS regex out of grep's pattern list; throws SyntaxError with GNU's message. */
export function grepRegex(patterns: string[], o: { extended?: boolean; fixed?: boolean; ignoreCase?: boolean; word?: boolean; line?: boolean }): RegExp {
  let groups = 0;
  const sources = patterns.map((p) => {
    let src: string;
    if (o.fixed) src = escapeJs(p);
    else {
      if (/^\[:[a-z]+:\]$/.test(p)) throw new SyntaxError(`character class syntax is [${p}], not ${p}`);
      const t = translatePosix(p, { extended: !!o.extended, groupOffset: groups });
      groups += t.groups;
      src = t.source;
    }
    if (o.word) src = `(?<![\\p{L}\\p{N}_])(?:${src})(?![\\p{L}\\p{N}_])`;
    if (o.line) src = `^(?:${src})$`;
    return src;
  });
  return new RegExp(sources.map((s) => `(?:${s})`).join('|'), o.ignoreCase ? 'giu' : 'gu');
}

/**
 * grep [OPTION]... PATTERNS [FILE]...: prints matching lines as they arrive.
 * @sim partial: no -P, -z, --include/--exclude or -d/-D; -r visits directories in sorted order
 * (GNU uses the directory's own order); word characters for -w are Unicode letters, digits and `_`.
 */
export const grep: ProgramSpec = {
  name: 'grep',
  summary: 'print lines that match patterns',
  usage: 'grep [OPTION]... PATTERNS [FILE]...',
  usageStatus: 2,
  description: DESCRIPTION,
  async run(ctx: Ctx) {
    if (ctx.args[0] === '--help') {
      await ctx.out(HELP);
      return 0;
    }
    // `-NUM` is GNU's shorthand for `--context=NUM`.
    const args: string[] = [];
    for (let k = 0; k < ctx.args.length; k++) {
      const x = ctx.args[k];
      if (x === '--') {
        args.push(...ctx.args.slice(k));
        break;
      }
      const prev = ctx.args[k - 1];
      const takesValue = prev !== undefined && /^-[^-]*[eEfABCm]$/.test(prev) && !/^-\d+$/.test(prev);
      args.push(!takesValue && /^-\d+$/.test(x) ? `--context=${x.slice(1)}` : x);
    }
    let a;
    try {
      a = parseArgs(args, OPTIONS);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      await ctx.err(`grep: ${e.message}\n${USAGE}`);
      return 2;
    }
    const o = a.opts;
    if (o.version) {
      await ctx.out('grep (GNU grep) 3.8\n');
      return 0;
    }
    const operands = [...a.operands];
    let patterns: string[] = [];
    for (const e of a.all.e ?? []) patterns.push(...e.split('\n'));
    for (const f of a.all.f ?? []) {
      try {
        const text = f === '-' ? await ctx.readText(0) : ctx.fs.readText(ctx.proc, f);
        const lines = text.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        patterns.push(...lines);
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.error(`${f}: ${e.message}`);
        return 2;
      }
    }
    if (!a.all.e && !a.all.f) {
      if (operands.length === 0) {
        await ctx.err(USAGE);
        return 2;
      }
      patterns = operands.shift()!.split('\n');
    }
    const context = async (v: string | true | undefined): Promise<number | null> => {
      if (v === undefined) return 0;
      if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
      await ctx.error(`${String(v)}: invalid context length argument`);
      return null;
    };
    const ctxC = await context(o.C);
    const after = o.A !== undefined ? await context(o.A) : ctxC;
    const before = o.B !== undefined ? await context(o.B) : ctxC;
    if (ctxC === null || after === null || before === null) return 2;
    let maxCount = Infinity;
    if (o.m !== undefined) {
      if (!/^-?\d+$/.test(o.m as string)) {
        await ctx.error('invalid max count');
        return 2;
      }
      const m = Number(o.m);
      if (m >= 0) maxCount = m;
    }
    if (o.P) {
      await ctx.error('Perl matching not supported in a --disable-perl-regexp build');
      return 2;
    }
    let re: RegExp;
    try {
      re = grepRegex(patterns, { extended: !!o.E, fixed: !!o.F, ignoreCase: !!(o.i || o.y) && !o.noi, word: !!o.w, line: !!o.x });
    } catch (e) {
      await ctx.error((e as Error).message);
      return 2;
    }
    const when = o.color ?? o.colour;
    if (typeof when === 'string' && !['always', 'yes', 'force', 'never', 'no', 'none', 'auto', 'tty', 'if-tty'].includes(when)) {
      // GNU grep 3.8 answers an unknown WHEN with its help text and success.
      await ctx.out(HELP);
      return 0;
    }
    const colour = when === true || when === 'always' || when === 'yes' || when === 'force' ? true : typeof when === 'string' && ['auto', 'tty', 'if-tty'].includes(when) ? ctx.isatty(1) && ctx.env.TERM !== 'dumb' : false;
    const recursive = !!(o.r || o.R);
    const implicitDot = operands.length === 0 && recursive;
    const files = operands.length ? operands : [recursive ? '.' : '-'];
    const showName = o.H ? true : o.h ? false : files.length > 1 || recursive;
    const quiet = !!(o.q || o.silent);
    const invert = !!o.v;
    const listing = o.l ? 'l' : o.L ? 'L' : null;
    let anyMatch = false;
    let error = false;
    let stop = false;
    let printedAny = false;

    const fname = (s: string) => (colour ? `${FILE}${s}${END}` : s);
    const sep = (s: string) => (colour ? `${SEP}${s}${END}` : s);
    const matchesOf = (line: string): [number, number][] => {
      const out: [number, number][] = [];
      re.lastIndex = 0;
      for (;;) {
        const m = re.exec(line);
        if (!m) break;
        if (m[0] === '') {
          re.lastIndex = m.index + 1;
          if (re.lastIndex > line.length) break;
          continue;
        }
        out.push([m.index, m.index + m[0].length]);
      }
      return out;
    };
    const highlight = (line: string) => {
      let s = '';
      let at = 0;
      for (const [x, y] of matchesOf(line)) {
        s += line.slice(at, x) + MATCH + line.slice(x, y) + END;
        at = y;
      }
      return s + line.slice(at);
    };

    const searchFile = async (file: OpenFile, shown: string): Promise<boolean> => {
      let count = 0;
      let lineNo = 0;
      let offset = 0;
      let lastPrinted = 0;
      let afterLeft = 0;
      let binary = false;
      let binaryMatched = false;
      let maxed = false;
      const ring: [number, number, string][] = [];
      const prefix = (n: number, off: number, s: string) => {
        let p = '';
        if (showName) p += fname(shown) + sep(s);
        if (o.n) p += (colour ? `${LINE}${n}${END}` : `${n}`) + sep(s);
        if (o.b) p += (colour ? `${LINE}${off}${END}` : `${off}`) + sep(s);
        return p;
      };
      const emit = async (n: number, off: number, line: string, selected: boolean) => {
        // A `--` line separates groups of context, also across files.
        if ((before || after) && printedAny && (lastPrinted === 0 || n > lastPrinted + 1) && !o.noGroupSep) {
          await ctx.out(sep(typeof o.groupSep === 'string' ? o.groupSep : '--') + '\n');
        }
        printedAny = true;
        const body = colour && selected !== invert ? highlight(line) : line;
        await ctx.out(prefix(n, off, selected ? ':' : '-') + body + '\n');
        lastPrinted = n;
      };
      for await (const raw of ctx.linesOf(file)) {
        if (maxCount === 0) break;
        lineNo++;
        const lineOff = offset;
        offset += new TextEncoder().encode(raw).length;
        const line = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
        if (!o.a && line.includes('\0')) binary = true;
        re.lastIndex = 0;
        const selected = re.test(line) !== invert;
        if (maxed && afterLeft === 0) break;
        if (selected && !maxed) {
          count++;
          anyMatch = true;
          if (quiet) {
            stop = true;
            return true;
          }
          if (listing) break;
          if (!o.c) {
            if (binary) {
              binaryMatched = true;
              break;
            }
            for (const [n, off, l] of ring) await emit(n, off, l, false);
            ring.length = 0;
            if (o.o) {
              if (!invert) {
                for (const [x, y] of matchesOf(line)) {
                  const m = line.slice(x, y);
                  await ctx.out(prefix(lineNo, lineOff + new TextEncoder().encode(line.slice(0, x)).length, ':') + (colour ? `${MATCH}${m}${END}` : m) + '\n');
                }
              }
              lastPrinted = lineNo;
              printedAny = true;
            } else await emit(lineNo, lineOff, line, true);
            afterLeft = after;
          }
          if (count >= maxCount) {
            // GNU still prints the trailing context of the last selected line.
            if (o.c || o.o || listing || afterLeft === 0) break;
            maxed = true;
          }
        } else if (!o.c && !listing) {
          if (afterLeft > 0) {
            afterLeft--;
            if (!o.o) await emit(lineNo, lineOff, line, false);
          } else if (before) {
            if (!o.o) ring.push([lineNo, lineOff, line]);
            if (ring.length > before) ring.shift();
          }
        }
      }
      if (o.c && !listing) await ctx.out((showName ? fname(shown) + sep(':') : '') + `${count}\n`);
      if (listing === 'l' && count > 0) await ctx.out(fname(shown) + (o.Z ? '\0' : '\n'));
      if (listing === 'L' && count === 0) await ctx.out(fname(shown) + (o.Z ? '\0' : '\n'));
      if (binaryMatched) await ctx.err(`grep: ${shown}: binary file matches\n`);
      return count > 0;
    };

    const visit = async (path: string, top: boolean, shown: string): Promise<void> => {
      if (stop) return;
      if (path !== '-') {
        let st;
        try {
          st = top || o.R ? ctx.fs.stat(ctx.proc, path) : ctx.fs.lstat(ctx.proc, path);
        } catch (e) {
          if (!isSysError(e)) throw e;
          error = true;
          if (!o.s) await ctx.error(`${path}: ${e.message}`);
          return;
        }
        if (st.type === 'symlink') return;
        if (st.type === 'dir') {
          if (!recursive) {
            error = true;
            if (!o.s) await ctx.error(`${path}: Is a directory`);
            return;
          }
          let names: string[];
          try {
            names = ctx.fs.readdir(ctx.proc, path).sort();
          } catch (e) {
            if (!isSysError(e)) throw e;
            error = true;
            if (!o.s) await ctx.error(`${path}: ${e.message}`);
            return;
          }
          for (const n of names) {
            const child = path.endsWith('/') ? path + n : `${path}/${n}`;
            // With no operand GNU searches `.` but names files without the `./`.
            await visit(child, false, top && implicitDot ? n : shown.endsWith('/') ? shown + n : `${shown}/${n}`);
            if (stop) return;
          }
          return;
        }
        if (!top && st.type !== 'file') return;
      }
      let file: OpenFile;
      try {
        file = ctx.openRead(path);
      } catch (e) {
        if (!isSysError(e)) throw e;
        error = true;
        if (!o.s) await ctx.error(`${path}: ${e.message}`);
        return;
      }
      try {
        await searchFile(file, path === '-' ? (typeof o.label === 'string' ? o.label : '(standard input)') : shown);
      } finally {
        file.close();
      }
    };
    for (const f of files) {
      await visit(f, true, f);
      if (stop) break;
    }
    if (quiet && anyMatch) return 0;
    if (error) return 2;
    return anyMatch ? 0 : 1;
  },
};
