import type { Ctx, ProgramSpec } from './context';
import type { OpenFile } from '../kernel/file';
import { isSysError } from '../kernel/errors';
import { compilePosix } from './lib/regex';

const MATCH = '\x1b[01;31m\x1b[K';
const END = '\x1b[m\x1b[K';
const FILE = '\x1b[35m\x1b[K';
const SEP = '\x1b[36m\x1b[K';
const LINE = '\x1b[32m\x1b[K';

/** grep [OPTION]... PATTERNS [FILE]...: prints matching lines as they arrive. */
export const grep: ProgramSpec = {
  name: 'grep',
  summary: 'print lines that match patterns',
  usage: 'grep [OPTION]... PATTERNS [FILE]...',
  usageStatus: 2,
  description: 'Search for PATTERNS in each FILE.\n\n  -E, --extended-regexp     PATTERNS are extended regular expressions\n  -F, --fixed-strings       PATTERNS are strings\n  -e, --regexp=PATTERNS     use PATTERNS for matching\n  -i, --ignore-case         ignore case distinctions in patterns and data\n  -v, --invert-match        select non-matching lines\n  -w, --word-regexp         match only whole words\n  -x, --line-regexp         match only whole lines\n  -c, --count               print only a count of selected lines per FILE\n  -l, --files-with-matches  print only names of FILEs with selected lines\n  -L, --files-without-match print only names of FILEs with no selected lines\n  -n, --line-number         print line number with output lines\n  -o, --only-matching       show only nonempty parts of lines that match\n  -q, --quiet, --silent     suppress all normal output\n  -r, --recursive           search directories recursively\n  -A, -B, -C NUM            print NUM lines of trailing, leading or surrounding context\n      --color[=WHEN]        use markers to highlight the matching strings',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      E: { short: 'E', long: 'extended-regexp' }, F: { short: 'F', long: 'fixed-strings' }, G: { short: 'G', long: 'basic-regexp' },
      e: { short: 'e', long: 'regexp', value: true }, f: { short: 'f', long: 'file', value: true }, i: { short: 'i', long: 'ignore-case' },
      y: { short: 'y' }, v: { short: 'v', long: 'invert-match' }, w: { short: 'w', long: 'word-regexp' }, x: { short: 'x', long: 'line-regexp' },
      c: { short: 'c', long: 'count' }, l: { short: 'l', long: 'files-with-matches' }, L: { short: 'L', long: 'files-without-match' },
      n: { short: 'n', long: 'line-number' }, o: { short: 'o', long: 'only-matching' }, q: { short: 'q', long: 'quiet' }, silent: { long: 'silent' },
      s: { short: 's', long: 'no-messages' }, r: { short: 'r', long: 'recursive' }, R: { short: 'R', long: 'dereference-recursive' },
      h: { short: 'h', long: 'no-filename' }, H: { short: 'H', long: 'with-filename' }, A: { short: 'A', long: 'after-context', value: true },
      B: { short: 'B', long: 'before-context', value: true }, C: { short: 'C', long: 'context', value: true }, color: { long: 'color', value: true, optionalValue: true },
      colour: { long: 'colour', value: true, optionalValue: true }, m: { short: 'm', long: 'max-count', value: true },
    });
    if (!a) {
      if (ctx.args[0] === '--help') return 0;
      return 2;
    }
    const o = a.opts;
    const operands = [...a.operands];
    let patterns: string[] = a.all.e ?? [];
    if (typeof o.f === 'string') {
      try {
        patterns.push(...ctx.fs.readText(ctx.proc, o.f).split('\n').filter((l, idx, arr) => idx < arr.length - 1 || l !== ''));
      } catch (e) {
        await ctx.fileError(o.f, e);
        return 2;
      }
    }
    if (!a.all.e && o.f === undefined) {
      if (operands.length === 0) {
        await ctx.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
        return 2;
      }
      patterns = operands.shift()!.split('\n');
    }
    const extended = !!o.E;
    const fixed = !!o.F;
    const ignoreCase = !!(o.i || o.y);
    let sources: string[];
    try {
      sources = patterns.map((p) => {
        let src = fixed ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : compilePosix(p, { extended }).source;
        if (o.w) src = `(?<![\\w])(?:${src})(?![\\w])`;
        if (o.x) src = `^(?:${src})$`;
        return src;
      });
    } catch (e) {
      await ctx.error((e as Error).message);
      return 2;
    }
    const re = new RegExp(sources.map((s) => `(?:${s})`).join('|') || '(?:)', ignoreCase ? 'gi' : 'g');
    const when = o.color ?? o.colour;
    const colour = when === 'always' || when === true ? true : when === 'auto' ? ctx.isatty(1) : false;
    const recursive = !!(o.r || o.R);
    if (operands.length === 0 && recursive) operands.push('.');
    const files = operands.length ? operands : ['-'];
    const showName = o.H ? true : o.h ? false : files.length > 1 || recursive;
    const after = Number(o.A ?? o.C ?? 0);
    const before = Number(o.B ?? o.C ?? 0);
    const maxCount = o.m !== undefined ? Number(o.m) : Infinity;
    const quiet = !!(o.q || o.silent);
    let anyMatch = false;
    let error = false;

    const searchFile = async (file: OpenFile, name: string): Promise<boolean> => {
      const shown = name === '-' ? '(standard input)' : name;
      let count = 0;
      let lineNo = 0;
      let lastPrinted = 0;
      let afterLeft = 0;
      const ring: [number, string][] = [];
      const prefix = (n: number, sep: string) => {
        let p = '';
        if (showName) p += colour ? `${FILE}${shown}${END}${SEP}${sep}${END}` : `${shown}${sep}`;
        if (o.n) p += colour ? `${LINE}${n}${END}${SEP}${sep}${END}` : `${n}${sep}`;
        return p;
      };
      const emit = async (n: number, line: string, sep: string) => {
        if ((before || after) && lastPrinted && n > lastPrinted + 1) await ctx.out(colour ? `${SEP}--${END}\n` : '--\n');
        await ctx.out(prefix(n, sep) + line + '\n');
        lastPrinted = n;
      };
      for await (const raw of ctx.linesOf(file)) {
        lineNo++;
        const line = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
        re.lastIndex = 0;
        const matched = re.test(line) !== !!o.v;
        if (matched && count < maxCount) {
          count++;
          anyMatch = true;
          if (quiet) return true;
          if (o.l || o.L) break;
          if (o.c) continue;
          for (const [n, l] of ring) await emit(n, l, '-');
          ring.length = 0;
          if (o.o && !o.v) {
            re.lastIndex = 0;
            for (const m of line.matchAll(re)) {
              if (m[0] === '') continue;
              await ctx.out(prefix(lineNo, ':') + (colour ? `${MATCH}${m[0]}${END}` : m[0]) + '\n');
            }
            lastPrinted = lineNo;
          } else {
            re.lastIndex = 0;
            const body = colour && !o.v ? line.replace(re, (m) => (m ? `${MATCH}${m}${END}` : m)) : line;
            await emit(lineNo, body, ':');
          }
          afterLeft = after;
        } else if (!o.c && !o.l && !o.L) {
          if (afterLeft > 0) {
            afterLeft--;
            await emit(lineNo, line, '-');
          } else if (before) {
            ring.push([lineNo, line]);
            if (ring.length > before) ring.shift();
          }
          if (count >= maxCount && afterLeft === 0) break;
        }
      }
      if (quiet) return count > 0;
      if (o.c) await ctx.out((showName ? (colour ? `${FILE}${shown}${END}${SEP}:${END}` : `${shown}:`) : '') + `${count}\n`);
      if (o.l && count > 0) await ctx.out((colour ? `${FILE}${shown}${END}` : shown) + '\n');
      if (o.L && count === 0) await ctx.out((colour ? `${FILE}${shown}${END}` : shown) + '\n');
      return count > 0;
    };

    const visit = async (path: string, top: boolean): Promise<boolean> => {
      if (path !== '-') {
        let st;
        try {
          st = top || o.R ? ctx.fs.stat(ctx.proc, path) : ctx.fs.lstat(ctx.proc, path);
        } catch (e) {
          if (!isSysError(e)) throw e;
          error = true;
          if (!o.s) await ctx.error(`${path}: ${e.message}`);
          return false;
        }
        if (st.type === 'symlink') return false;
        if (st.type === 'dir') {
          if (!recursive) {
            if (!o.s) await ctx.error(`${path}: Is a directory`);
            return false;
          }
          let found = false;
          for (const n of ctx.fs.readdir(ctx.proc, path)) {
            if (await visit(path === '.' && !top ? n : path.endsWith('/') ? path + n : `${path}/${n}`, false)) {
              found = true;
              if (quiet) return true;
            }
          }
          return found;
        }
      }
      let file: OpenFile;
      try {
        file = ctx.openRead(path);
      } catch (e) {
        if (!isSysError(e)) throw e;
        error = true;
        if (!o.s) await ctx.error(`${path}: ${e.message}`);
        return false;
      }
      try {
        return await searchFile(file, path);
      } finally {
        file.close();
      }
    };
    for (const f of files) {
      if ((await visit(f, true)) && quiet) return 0;
    }
    if (error && !(quiet && anyMatch)) return 2;
    return anyMatch ? 0 : 1;
  },
};
