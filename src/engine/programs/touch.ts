import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';

/** touch [-c] [-d DATE] FILE...: creates files or updates their times. */
export const touch: ProgramSpec = {
  name: 'touch',
  summary: 'change file timestamps',
  usage: 'touch [OPTION]... FILE...',
  description: 'Update the access and modification times of each FILE to the current time.\nA FILE argument that does not exist is created empty, unless -c is supplied.\n\n  -c, --no-create   do not create any files\n  -d, --date=STRING parse STRING and use it instead of current time',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ c: { short: 'c', long: 'no-create' }, d: { short: 'd', long: 'date', value: true }, m: { short: 'm' }, a: { short: 'a' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    if (a.operands.length === 0) {
      await ctx.err("touch: missing file operand\nTry 'touch --help' for more information.\n");
      return 1;
    }
    let t = ctx.kernel.clock.now();
    if (typeof a.opts.d === 'string') {
      const d = a.opts.d;
      const parsed = d.startsWith('@') ? Number(d.slice(1)) * 1000 : Date.parse(d);
      if (Number.isNaN(parsed)) {
        await ctx.err(`touch: invalid date format ‘${d}’\n`);
        return 1;
      }
      t = parsed;
    }
    let status = 0;
    for (const f of a.operands) {
      try {
        if (!ctx.fs.exists(ctx.proc, f)) {
          if (a.opts.c) continue;
          ctx.fs.writeFile(ctx.proc, f, new Uint8Array(0));
        }
        ctx.fs.utimes(ctx.proc, f, t, t);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        await ctx.error(`cannot touch '${f}': ${e.message}`);
      }
    }
    return status;
  },
};
