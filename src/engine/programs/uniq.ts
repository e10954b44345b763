import type { Ctx, ProgramSpec } from './context';

/** uniq [-cdui] [INPUT [OUTPUT]]: collapses adjacent equal lines, streaming. */
export const uniq: ProgramSpec = {
  name: 'uniq',
  summary: 'report or omit repeated lines',
  usage: 'uniq [OPTION]... [INPUT [OUTPUT]]',
  description: 'Filter adjacent matching lines from INPUT (or standard input), writing to OUTPUT (or standard output).\n\n  -c, --count     prefix lines by the number of occurrences\n  -d, --repeated  only print duplicate lines, one for each group\n  -u, --unique    only print unique lines\n  -i, --ignore-case  ignore differences in case when comparing',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ c: { short: 'c', long: 'count' }, d: { short: 'd', long: 'repeated' }, u: { short: 'u', long: 'unique' }, i: { short: 'i', long: 'ignore-case' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    let file;
    try {
      file = ctx.openRead(a.operands[0] ?? '-');
    } catch (e) {
      await ctx.fileError(a.operands[0], e);
      return 1;
    }
    const outPath = a.operands[1];
    let outText = '';
    const emit = async (line: string, n: number) => {
      if (a.opts.d && n < 2) return;
      if (a.opts.u && n > 1) return;
      const s = (a.opts.c ? `${String(n).padStart(7)} ` : '') + line + '\n';
      if (outPath) outText += s;
      else await ctx.out(s);
    };
    const key = (l: string) => (a.opts.i ? l.toLowerCase() : l);
    let prev: string | undefined;
    let count = 0;
    try {
      for await (const raw of ctx.linesOf(file)) {
        const line = raw.replace(/\n$/, '');
        if (prev !== undefined && key(line) === key(prev)) {
          count++;
          continue;
        }
        if (prev !== undefined) await emit(prev, count);
        prev = line;
        count = 1;
      }
      if (prev !== undefined) await emit(prev, count);
    } finally {
      file.close();
    }
    if (outPath) ctx.fs.writeFile(ctx.proc, outPath, outText);
    return 0;
  },
};
