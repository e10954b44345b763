import type { Ctx, ProgramSpec } from './context';
import { findInPath } from './lib/path-search';

/** env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...] */
export const env: ProgramSpec = {
  name: 'env',
  summary: 'run a program in a modified environment',
  usage: 'env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]',
  description: 'Set each NAME to VALUE in the environment and run COMMAND.\n\n  -i, --ignore-environment  start with an empty environment\n  -u, --unset=NAME          remove variable from the environment',
  async run(ctx: Ctx) {
    let vars: Record<string, string> = { ...ctx.env };
    const args = ctx.args;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '-i' || a === '--ignore-environment' || a === '-') vars = {};
      else if (a === '-u' || a === '--unset') delete vars[args[++i]];
      else if (a.startsWith('--unset=')) delete vars[a.slice(8)];
      else if (a === '--help') {
        await ctx.out(`Usage: env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]\n`);
        return 0;
      } else if (a.startsWith('-') && a.length > 1 && !a.includes('=')) {
        await ctx.err(`env: invalid option -- '${a.slice(1, 2)}'\nTry 'env --help' for more information.\n`);
        return 125;
      } else break;
    }
    for (; i < args.length && /^[^=]+=/.test(args[i]); i++) {
      const eq = args[i].indexOf('=');
      vars[args[i].slice(0, eq)] = args[i].slice(eq + 1);
    }
    const cmd = args.slice(i);
    if (cmd.length === 0) {
      await ctx.out(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    }
    const path = findInPath(ctx, cmd[0], vars.PATH ?? ctx.env.PATH);
    if (!path) {
      await ctx.err(`env: ‘${cmd[0]}’: No such file or directory\n`);
      return 127;
    }
    try {
      const child = ctx.spawn({ argv: cmd, path, env: vars });
      const r = await ctx.wait(child);
      if (r?.kind === 'exited') return r.status.signal !== undefined ? 128 + r.status.signal : r.status.code;
      return 0;
    } catch (e) {
      await ctx.err(`env: ‘${cmd[0]}’: ${(e as Error).message}\n`);
      return 126;
    }
  },
};
