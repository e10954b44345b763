import type { Ctx, ProgramSpec } from './context';
import { eachInput } from './lib/inputs';

/** Parses a LIST such as `1,3-5,7-` into a membership test (1-based), or GNU's complaint. */
function parseList(list: string, fields: boolean): ((n: number) => boolean) | string {
  const ranges: [number, number][] = [];
  const zero = fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
  for (const part of list.split(/[,\s]/)) {
    if (part === '') return zero;
    if (part === '-') return 'invalid range with no endpoint: -';
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m) return /^[\d-]+$/.test(part) ? (fields ? 'invalid field range' : 'invalid byte or character range') : `invalid ${fields ? 'field' : 'byte/character position'} value ‘${part}’`;
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] === '' ? lo : m[3] === '' ? Infinity : Number(m[3]);
    if ((m[1] !== '' && lo === 0) || (m[3] !== '' && Number(m[3]) === 0 && m[2] === '')) return zero;
    if (m[3] !== '' && Number(m[3]) === 0) return zero;
    if (hi < lo) return 'invalid decreasing range';
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
      await ctx.err("cut: only one list may be specified\nTry 'cut --help' for more information.\n");
      return 1;
    }
    const mode = modes[0];
    const sel = parseList(a.opts[mode] as string, mode === 'f');
    if (typeof sel === 'string') {
      await ctx.err(`cut: ${sel}\nTry 'cut --help' for more information.\n`);
      return 1;
    }
    if (mode !== 'f' && a.opts.d !== undefined) {
      await ctx.err("cut: an input delimiter may be specified only when operating on fields\nTry 'cut --help' for more information.\n");
      return 1;
    }
    if (mode !== 'f' && a.opts.s) {
      await ctx.err("cut: suppressing non-delimited lines makes sense\n\tonly when operating on fields\nTry 'cut --help' for more information.\n");
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
