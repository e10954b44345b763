import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { dirname } from '../vfs/path';

/** rmdir [-p] [-v] DIRECTORY... */
export const rmdir: ProgramSpec = {
  name: 'rmdir',
  summary: 'remove empty directories',
  usage: 'rmdir [OPTION]... DIRECTORY...',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ p: { short: 'p', long: 'parents' }, v: { short: 'v', long: 'verbose' }, ign: { long: 'ignore-fail-on-non-empty' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    if (a.operands.length === 0) {
      await ctx.err("rmdir: missing operand\nTry 'rmdir --help' for more information.\n");
      return 1;
    }
    let status = 0;
    for (const d of a.operands) {
      let cur = d.replace(/\/+$/, '') || '/';
      for (;;) {
        try {
          ctx.fs.rmdir(ctx.proc, cur);
          if (a.opts.v) await ctx.out(`rmdir: removing directory, '${cur}'\n`);
        } catch (e) {
          if (!isSysError(e)) throw e;
          if (e.code === 'ENOTEMPTY' && a.opts.ign) break;
          await ctx.error(`failed to remove '${cur}': ${e.message}`);
          status = 1;
          break;
        }
        if (!a.opts.p) break;
        const up = dirname(cur);
        if (up === cur || up === '.' || up === '/') break;
        cur = up;
      }
    }
    return status;
  },
};
