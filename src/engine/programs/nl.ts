import type { Ctx, ProgramSpec } from './context';
import { eachInput } from './lib/inputs';
import { compilePosix } from './lib/regex';

/**
 * nl [OPTION]... [FILE]...: numbers lines, streaming. Styles a/t/n/pREGEX for the body,
 * formats ln/rn/rz, width, separator, start and increment.
 * @sim partial: logical page sections (`\:\:\:` header/body/footer delimiters) are not recognised.
 */
export const nl: ProgramSpec = {
  name: 'nl',
  summary: 'number lines of files',
  usage: 'nl [OPTION]... [FILE]...',
  description: 'Write each FILE to standard output, with line numbers added.\n\nWith no FILE, or when FILE is -, read standard input.\n\n  -b, --body-numbering=STYLE      use STYLE for numbering body lines\n  -i, --line-increment=NUMBER     line number increment at each line\n  -n, --number-format=FORMAT      insert line numbers according to FORMAT\n  -s, --number-separator=STRING   add STRING after (possible) line number\n  -v, --starting-line-number=NUMBER  first line number for each section\n  -w, --number-width=NUMBER       use NUMBER columns for line numbers\n\nSTYLE is one of:\n  a      number all lines\n  t      number only nonempty lines\n  n      number no lines\n  pBRE   number only lines that contain a match for the basic regular\n         expression, BRE\n\nFORMAT is one of:\n  ln     left justified, no leading zeros\n  rn     right justified, no leading zeros\n  rz     right justified, leading zeros',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      b: { short: 'b', long: 'body-numbering', value: true }, i: { short: 'i', long: 'line-increment', value: true },
      n: { short: 'n', long: 'number-format', value: true }, s: { short: 's', long: 'number-separator', value: true },
      v: { short: 'v', long: 'starting-line-number', value: true }, w: { short: 'w', long: 'number-width', value: true },
      h: { short: 'h', long: 'header-numbering', value: true }, f: { short: 'f', long: 'footer-numbering', value: true },
      p: { short: 'p', long: 'no-renumber' }, d: { short: 'd', long: 'section-delimiter', value: true },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const o = a.opts;
    const style = typeof o.b === 'string' ? o.b : 't';
    let re: RegExp | null = null;
    if (style.startsWith('p')) {
      try {
        re = compilePosix(style.slice(1), { extended: false });
      } catch (e) {
        await ctx.error((e as Error).message);
        return 1;
      }
    } else if (!['a', 't', 'n'].includes(style)) {
      await ctx.err(`nl: invalid body numbering style: ‘${style}’\nTry 'nl --help' for more information.\n`);
      return 1;
    }
    const format = typeof o.n === 'string' ? o.n : 'rn';
    if (!['ln', 'rn', 'rz'].includes(format)) {
      await ctx.err(`nl: invalid line number format: ‘${format}’\nTry 'nl --help' for more information.\n`);
      return 1;
    }
    const num = async (v: string | true | undefined, dflt: number, what: string, min: number): Promise<number | null> => {
      if (typeof v !== 'string') return dflt;
      if (!/^[+-]?\d+$/.test(v) || Number(v) < min) {
        await ctx.err(`nl: invalid ${what}: ‘${v}’\n`);
        return null;
      }
      return Number(v);
    };
    const width = await num(o.w, 6, 'line number field width', 1);
    const start = await num(o.v, 1, 'starting line number', -Infinity);
    const incr = await num(o.i, 1, 'line number increment', -Infinity);
    if (width === null || start === null || incr === null) return 1;
    const sep = typeof o.s === 'string' ? o.s : '\t';
    let n = start;
    const fmt = (k: number) => {
      const s = String(Math.abs(k));
      const sign = k < 0 ? '-' : '';
      if (format === 'ln') return (sign + s).padEnd(width);
      if (format === 'rz') return sign + s.padStart(width - sign.length, '0');
      return (sign + s).padStart(width);
    };
    return eachInput(ctx, a.operands, async (file) => {
      for await (const raw of ctx.linesOf(file)) {
        const hasNl = raw.endsWith('\n');
        const line = hasNl ? raw.slice(0, -1) : raw;
        const numbered = style === 'a' || (style === 't' && line !== '') || (re !== null && re.test(line));
        let out: string;
        if (numbered) {
          out = fmt(n) + sep + line;
          n += incr;
        } else out = ' '.repeat(width + sep.length) + line;
        await ctx.out(out + (hasNl ? '\n' : ''));
      }
    });
  },
};
