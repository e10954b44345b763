import type { Ctx, ProgramSpec } from './context';

/** clear: clears the screen and the scrollback (as ncurses' clear does on an xterm). */
export const clear: ProgramSpec = {
  name: 'clear',
  summary: 'clear the terminal screen',
  usage: 'clear [-x]',
  async run(ctx: Ctx) {
    await ctx.out(ctx.args.includes('-x') ? '\x1b[H\x1b[2J' : '\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
};

