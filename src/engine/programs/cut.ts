import type { Ctx, ProgramSpec } from './context';
import { eachInput } from './lib/inputs';

/** Parses a LIST such as `1,3-5,7-` into a membership test (1-based). */
function parseList(list: string): ((n: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '') || (m[2] === '' && m[3] !== '')) return undefined;
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] === '' ? lo : m[3] === '' ? Infinity : Number(m[3]);
    if (lo === 0) return undefined;
    ranges.push([lo, hi]);
  }
  return (n) => ranges.some(([lo, hi]) => n >= lo && n <= hi);
}

/** cut -f LIST [-d DELIM] [-s] | -c LIST | -b LIST [--complement] [FILE]... */
export const cut: ProgramSpec = {
  name: 'cut',
  summary: 'remove sections from each line of files',
  usage: 'cut OPTION... [FILE]...',
  description: 'Print selected parts of lines from each FILE to standard output.\n\n  -b, --bytes=LIST        select only these bytes\n  -c, --characters=LIST   select only these characters\n  -d, --delimiter=DELIM   use DELIM instead of TAB for field delimiter\n  -f, --fields=LIST       select only these fields\n  -s, --only-delimited    do not print lines not containing delimiters\n      --complement        complement the set of selected bytes, characters or fields',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      b: { short: 'b', long: 'bytes', value: true }, c: { short: 'c', long: 'characters', value: true }, f: { short: 'f', long: 'fields', value: true },
      d: { short: 'd', long: 'delimiter', value: true }, s: { short: 's', long: 'only-delimited' }, complement: { long: 'complement' },
      od: { long: 'output-delimiter', value: true },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const modes = ['b', 'c', 'f'].filter((m) => a.opts[m] !== undefined);
    if (modes.length === 0) {
      await ctx.err("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
      return 1;
    }
    if (modes.length > 1) {
      await ctx.err("cut: only one type of list may be specified\nTry 'cut --help' for more information.\n");
      return 1;
    }
    const mode = modes[0];
    const sel = parseList(a.opts[mode] as string);
    if (!sel) {
      await ctx.err(`cut: invalid field value ‘${a.opts[mode]}’\nTry 'cut --help' for more information.\n`);
      return 1;
    }
    const pick = a.opts.complement ? (n: number) => !sel(n) : sel;
    const delim = typeof a.opts.d === 'string' ? a.opts.d : '\t';
    if (delim.length !== 1) {
      await ctx.err("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n");
      return 1;
    }
    const outDelim = typeof a.opts.od === 'string' ? a.opts.od : delim;
    return eachInput(ctx, a.operands, async (file) => {
      for await (const raw of ctx.linesOf(file)) {
        const nl = raw.endsWith('\n');
        const line = nl ? raw.slice(0, -1) : raw;
        let out: string;
        if (mode === 'f') {
          if (!line.includes(delim)) {
            if (a.opts.s) continue;
            out = line;
          } else out = line.split(delim).filter((_, i) => pick(i + 1)).join(outDelim);
        } else {
          const units = mode === 'c' ? [...line] : [...new TextEncoder().encode(line)].map((b) => String.fromCharCode(b));
          out = units.filter((_, i) => pick(i + 1)).join('');
        }
        await ctx.out(out + '\n');
      }
    });
  },
};
