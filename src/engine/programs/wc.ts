import type { Ctx, ProgramSpec } from './context';
import { eachInput } from './lib/inputs';

/** wc [-lwcm] [FILE]... */
export const wc: ProgramSpec = {
  name: 'wc',
  summary: 'print newline, word, and byte counts for each file',
  usage: 'wc [OPTION]... [FILE]...',
  description: 'Print newline, word, and byte counts for each FILE, and a total line if more than one FILE is specified.\n\n  -c, --bytes    print the byte counts\n  -m, --chars    print the character counts\n  -l, --lines    print the newline counts\n  -w, --words    print the word counts',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ c: { short: 'c', long: 'bytes' }, m: { short: 'm', long: 'chars' }, l: { short: 'l', long: 'lines' }, w: { short: 'w', long: 'words' }, L: { short: 'L', long: 'max-line-length' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const o = a.opts;
    const any = o.c || o.m || o.l || o.w || o.L;
    const cols = { l: !!(o.l || !any), w: !!(o.w || !any), m: !!o.m, c: !!(o.c || !any), L: !!o.L };
    const rows: { counts: number[]; name: string }[] = [];
    const total = [0, 0, 0, 0, 0];
    const status = await eachInput(ctx, a.operands, async (file, name) => {
      const data = await ctx.readAllFrom(file);
      const text = new TextDecoder().decode(data);
      const lines = (text.match(/\n/g) ?? []).length;
      const words = (text.match(/\S+/g) ?? []).length;
      const chars = [...text].length;
      const longest = Math.max(0, ...text.split('\n').map((l) => l.length));
      const all = [lines, words, chars, data.length, longest];
      all.forEach((v, i) => (total[i] = i === 4 ? Math.max(total[i], v) : total[i] + v));
      rows.push({ counts: all, name: name === '-' && a.operands.length === 0 ? '' : name });
    });
    if (rows.length > 1) rows.push({ counts: total, name: 'total' });
    const pick = (c: number[]) => [cols.l ? c[0] : null, cols.w ? c[1] : null, cols.m ? c[2] : null, cols.c ? c[3] : null, cols.L ? c[4] : null].filter((x): x is number => x !== null);
    const nCols = pick(total).length;
    const onlyStdin = a.operands.length === 0;
    // GNU wc: width 7 when reading standard input, else the width of the largest count (at least 1).
    const width = onlyStdin ? (nCols === 1 ? 1 : 7) : Math.max(1, ...rows.map((r) => Math.max(...pick(r.counts)).toString().length));
    let out = '';
    for (const r of rows) out += pick(r.counts).map((v) => String(v).padStart(width)).join(' ') + (r.name ? ` ${r.name}` : '') + '\n';
    await ctx.out(out);
    return status;
  },
};
