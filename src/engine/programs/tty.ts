import type { Ctx, ProgramSpec } from './context';

/** tty: the terminal on standard input. */
export const tty: ProgramSpec = {
  name: 'tty',
  summary: 'print the file name of the terminal connected to standard input',
  usage: 'tty [OPTION]...',
  async run(ctx: Ctx) {
    const f = ctx.proc.fds.get(0);
    if (!f?.isTTY) {
      if (!ctx.args.includes('-s')) await ctx.out('not a tty\n');
      return 1;
    }
    if (!ctx.args.includes('-s')) await ctx.out(f.name + '\n');
    return 0;
  },
};

