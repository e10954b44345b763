import type { Ctx, ProgramSpec } from './context';

/** nproc: the number of processing units. */
export const nproc: ProgramSpec = {
  name: 'nproc',
  summary: 'print the number of processing units available',
  usage: 'nproc [OPTION]...',
  async run(ctx: Ctx) {
    await ctx.out('2\n');
    return 0;
  },
};

