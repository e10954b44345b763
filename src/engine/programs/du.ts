import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { humanSize } from './ls';

/** du [-s] [-h] [-a] [-c] [-d N] [FILE]...: disk usage in 1K blocks, hard links counted once. */
export const du: ProgramSpec = {
  name: 'du',
  summary: 'estimate file space usage',
  usage: 'du [OPTION]... [FILE]...',
  description: '  -a, --all             write counts for all files, not just directories\n  -c, --total           produce a grand total\n  -d, --max-depth=N     print the total for a directory only if it is N or fewer levels below the command line argument\n  -h, --human-readable  print sizes in human readable format (e.g., 1K 234M 2G)\n  -s, --summarize       display only a total for each argument',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ s: { short: 's', long: 'summarize' }, h: { short: 'h', long: 'human-readable' }, a: { short: 'a', long: 'all' }, c: { short: 'c', long: 'total' }, d: { short: 'd', long: 'max-depth', value: true }, k: { short: 'k' }, b: { short: 'b', long: 'bytes' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    if (typeof a.opts.d === 'string' && !/^\d+$/.test(a.opts.d)) {
      await ctx.err(`du: invalid maximum depth ‘${a.opts.d}’\nTry 'du --help' for more information.\n`);
      return 1;
    }
    if (a.opts.s && typeof a.opts.d === 'string' && Number(a.opts.d) !== 0) {
      await ctx.err(`du: warning: summarizing conflicts with --max-depth=${Number(a.opts.d)}\nTry 'du --help' for more information.\n`);
      return 1;
    }
    const maxDepth = a.opts.s ? 0 : a.opts.d !== undefined ? Number(a.opts.d) : Infinity;
    const seen = new Set<string>();
    // With -b the counts are apparent sizes in bytes rather than 1K blocks.
    const fmt = (n: number) => (a.opts.h ? (n === 0 ? '0' : humanSize(a.opts.b ? n : n * 1024)) : String(n));
    let status = 0;
    let out = '';
    let grand = 0;
    const walk = async (path: string, depth: number): Promise<number> => {
      await ctx.checkpoint();
      let st;
      try {
        st = ctx.fs.lstat(ctx.proc, path);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        await ctx.err(`du: cannot access '${path}': ${e.message}\n`);
        return 0;
      }
      const key = `${st.dev}:${st.ino}`;
      // Hard links count once; with several operands every file and directory is remembered, so
      // a directory named twice (or inside another operand) is not counted again.
      if (hashAll || (st.nlink > 1 && st.type !== 'dir')) {
        if (seen.has(key)) return 0;
        seen.add(key);
      }
      let kb = a.opts.b ? st.size : st.blocks / 2;
      if (st.type === 'dir') {
        let names: string[] = [];
        try {
          names = ctx.fs.readdir(ctx.proc, path);
        } catch (e) {
          if (!isSysError(e)) throw e;
          status = 1;
          await ctx.err(`du: cannot read directory '${path}': ${e.message}\n`);
        }
        for (const n of names) kb += await walk(path.endsWith('/') ? path + n : `${path}/${n}`, depth + 1);
        if (depth <= maxDepth) out += `${fmt(kb)}\t${path}\n`;
      } else if ((a.opts.a && depth <= maxDepth) || depth === 0) {
        out += `${fmt(kb)}\t${path}\n`;
      }
      return kb;
    };
    const operands = a.operands.length ? a.operands : ['.'];
    const hashAll = operands.length > 1;
    for (const p of operands) grand += await walk(p, 0);
    if (a.opts.c) out += `${fmt(grand)}\ttotal\n`;
    await ctx.out(out);
    return status;
  },
};
