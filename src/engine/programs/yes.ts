import type { Ctx, ProgramSpec } from './context';

/** yes [STRING]...: repeats a line until killed (or until its reader goes away). */
export const yes: ProgramSpec = {
  name: 'yes',
  summary: 'output a string repeatedly until killed',
  usage: 'yes [STRING]...',
  async run(ctx: Ctx) {
    const line = (ctx.args.length ? ctx.args.join(' ') : 'y') + '\n';
    const chunk = line.repeat(Math.max(1, Math.floor(8192 / line.length)));
    for (;;) await ctx.out(chunk);
  },
};
