import type { Ctx, ProgramSpec } from './context';
import { findAllInPath } from './lib/path-search';

/** which [-a] COMMAND...: where each command is found on PATH (Debian's which). */
export const which: ProgramSpec = {
  name: 'which',
  summary: 'locate a command',
  usage: 'which [-a] filename ...',
  async run(ctx: Ctx) {
    const all = ctx.args.includes('-a');
    const names = ctx.args.filter((a) => a !== '-a');
    if (names.length === 0) return 1;
    let status = 0;
    for (const n of names) {
      const found = findAllInPath(ctx, n, ctx.env.PATH, all);
      if (found.length === 0) status = 1;
      for (const f of all ? found : found.slice(0, 1)) await ctx.out(f + '\n');
    }
    return status;
  },
};
