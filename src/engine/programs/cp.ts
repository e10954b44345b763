import type { Ctx, ProgramSpec } from './context';
import { copyPath, isDir, planTargets } from './lib/copy';

/** cp [-rRapvP] SOURCE... DEST */
export const cp: ProgramSpec = {
  name: 'cp',
  summary: 'copy files and directories',
  usage: 'cp [OPTION]... SOURCE... DIRECTORY',
  description: 'Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.\n\n  -a, --archive     same as -dR --preserve=all\n  -p                preserve mode, ownership and timestamps\n  -r, -R, --recursive  copy directories recursively\n  -v, --verbose     explain what is being done',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      r: { short: 'r', long: 'recursive' }, R: { short: 'R' }, a: { short: 'a', long: 'archive' }, p: { short: 'p' },
      v: { short: 'v', long: 'verbose' }, P: { short: 'P', long: 'no-dereference' }, d: { short: 'd' }, f: { short: 'f', long: 'force' },
      i: { short: 'i', long: 'interactive' }, n: { short: 'n', long: 'no-clobber' },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const plan = await planTargets(ctx, a.operands);
    if (!plan) return 1;
    let status = 0;
    const o = {
      recursive: !!(a.opts.r || a.opts.R || a.opts.a),
      preserve: !!(a.opts.a || a.opts.p),
      noDereference: !!(a.opts.a || a.opts.P || a.opts.d),
      verbose: !!a.opts.v,
      onError: async (m: string) => {
        status = 1;
        await ctx.error(m);
      },
    };
    for (const [s, target] of plan) {
      if (a.opts.n && ctx.fs.exists(ctx.proc, target)) continue;
      if (ctx.resolve(s) === ctx.resolve(target)) {
        await o.onError(`'${s}' and '${target}' are the same file`);
        continue;
      }
      if (isDir(ctx, s) && (ctx.resolve(target) + '/').startsWith(ctx.resolve(s) + '/')) {
        await o.onError(`cannot copy a directory, '${s}', into itself, '${target}'`);
        continue;
      }
      await copyPath(ctx, s, target, o);
    }
    return status;
  },
};
