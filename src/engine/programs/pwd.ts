import type { Ctx, ProgramSpec } from './context';

/** pwd [-L|-P]: the working directory (the external program; bash has its own builtin). */
export const pwd: ProgramSpec = {
  name: 'pwd',
  summary: 'print name of current/working directory',
  usage: 'pwd [OPTION]...',
  async run(ctx: Ctx) {
    const logical = ctx.args.includes('-L');
    const envPwd = ctx.env.PWD;
    const real = ctx.fs.realpath(ctx.proc, ctx.cwd);
    let shown = real;
    if (logical && envPwd && envPwd.startsWith('/')) {
      try {
        if (ctx.fs.realpath(ctx.proc, envPwd) === real) shown = envPwd;
      } catch {
        shown = real;
      }
    }
    await ctx.out(shown + '\n');
    return 0;
  },
};
