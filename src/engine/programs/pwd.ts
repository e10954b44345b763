import type { Ctx, ProgramSpec } from './context';

/** pwd [-L|-P]: the working directory (the external program; bash has its own builtin). */
export const pwd: ProgramSpec = {
  name: 'pwd',
  summary: 'print name of current/working directory',
  usage: 'pwd [OPTION]...',
  description: 'Print the full filename of the current working directory.\n\n  -L, --logical   use PWD from environment, even if it contains symlinks\n  -P, --physical  avoid all symlinks (the default)',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ L: { short: 'L', long: 'logical' }, P: { short: 'P', long: 'physical' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    if (a.operands.length) await ctx.err('pwd: ignoring non-option arguments\n');
    // The last of -L and -P wins; without either, /usr/bin/pwd is physical.
    const last = [...ctx.args].reverse().find((x) => /^-[LP]+$/.test(x) || x === '--logical' || x === '--physical');
    const logical = last !== undefined && (last === '--logical' || last.endsWith('L'));
    const real = ctx.fs.realpath(ctx.proc, ctx.cwd);
    let shown = real;
    const envPwd = ctx.env.PWD;
    // -L trusts $PWD only when it is absolute, has no . or .. and names this very directory.
    if (logical && envPwd && envPwd.startsWith('/') && !/(^|\/)\.\.?(\/|$)/.test(envPwd)) {
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
