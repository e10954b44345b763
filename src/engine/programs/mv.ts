import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { copyPath, isDir, planTargets } from './lib/copy';

/** mv [-fvn] SOURCE... DEST: renames, or copies and removes across filesystems. */
export const mv: ProgramSpec = {
  name: 'mv',
  summary: 'move (rename) files',
  usage: 'mv [OPTION]... SOURCE... DIRECTORY',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ f: { short: 'f', long: 'force' }, v: { short: 'v', long: 'verbose' }, n: { short: 'n', long: 'no-clobber' }, i: { short: 'i' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const plan = await planTargets(ctx, a.operands);
    if (!plan) return 1;
    let status = 0;
    for (const [s, target] of plan) {
      if (a.opts.n && ctx.fs.exists(ctx.proc, target)) continue;
      try {
        ctx.fs.lstat(ctx.proc, s);
        if (isDir(ctx, s) && (ctx.resolve(target) + '/').startsWith(ctx.resolve(s) + '/') && ctx.resolve(s) !== ctx.resolve(target)) {
          status = 1;
          await ctx.error(`cannot move '${s}' to a subdirectory of itself, '${target}'`);
          continue;
        }
        try {
          ctx.fs.rename(ctx.proc, s, target);
        } catch (e) {
          if (!isSysError(e, 'EXDEV')) throw e;
          let failed = false;
          await copyPath(ctx, s, target, { recursive: true, preserve: true, noDereference: true, verbose: false, onError: async (m) => {
            failed = true;
            await ctx.error(m);
          } });
          if (failed) {
            status = 1;
            continue;
          }
          removeTree(ctx, s);
        }
        if (a.opts.v) await ctx.out(`renamed '${s}' -> '${target}'\n`);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        if (e.code === 'ENOENT' && !ctx.fs.exists(ctx.proc, s)) await ctx.error(`cannot stat '${s}': ${e.message}`);
        else await ctx.error(`cannot move '${s}' to '${target}': ${e.message}`);
      }
    }
    return status;
  },
};

function removeTree(ctx: Ctx, p: string): void {
  const st = ctx.fs.lstat(ctx.proc, p);
  if (st.type === 'dir') {
    for (const n of ctx.fs.readdir(ctx.proc, p)) removeTree(ctx, `${p}/${n}`);
    ctx.fs.rmdir(ctx.proc, p);
  } else ctx.fs.unlink(ctx.proc, p);
}
