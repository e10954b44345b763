import type { Ctx, ProgramSpec } from './context';
import { isSysError, SysError } from '../kernel/errors';
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
        // `mv f nowhere/`: a trailing slash promises a directory that is not there.
        if (target.endsWith('/') && !isDir(ctx, target)) throw new SysError('ENOTDIR');
        try {
          ctx.fs.rename(ctx.proc, s, target);
        } catch (e) {
          if (!isSysError(e, 'EXDEV')) throw e;
          // Across filesystems mv copies everything, then removes the source, and -v tells each step.
          let failed = false;
          const onError = async (m: string) => {
            failed = true;
            await ctx.error(m);
          };
          await copyAcross(ctx, s, target, !!a.opts.v, onError);
          if (failed) {
            status = 1;
            continue;
          }
          await removeTree(ctx, s, !!a.opts.v);
          continue;
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

/** Copies a tree for a move across filesystems, keeping modes, owners and times. */
async function copyAcross(ctx: Ctx, src: string, dst: string, verbose: boolean, onError: (m: string) => Promise<void>): Promise<void> {
  const st = ctx.fs.lstat(ctx.proc, src);
  if (st.type !== 'dir') {
    await copyPath(ctx, src, dst, { recursive: false, preserve: true, noDereference: true, verbose: false, onError });
    if (verbose) await ctx.out(`copied '${src}' -> '${dst}'\n`);
    return;
  }
  try {
    ctx.fs.mkdir(ctx.proc, dst, 0o700);
  } catch (e) {
    if (!isSysError(e)) throw e;
    return onError(`cannot create directory '${dst}': ${e.message}`);
  }
  if (verbose) await ctx.out(`created directory '${dst}'\n`);
  for (const n of ctx.fs.readdir(ctx.proc, src)) await copyAcross(ctx, `${src.replace(/\/+$/, '')}/${n}`, `${dst.replace(/\/+$/, '')}/${n}`, verbose, onError);
  ctx.fs.chmod(ctx.proc, dst, st.mode);
  ctx.fs.utimes(ctx.proc, dst, st.atimeMs, st.mtimeMs);
  if (ctx.proc.cred.uid === 0) ctx.fs.chown(ctx.proc, dst, st.uid, st.gid);
}

async function removeTree(ctx: Ctx, p: string, verbose: boolean): Promise<void> {
  const st = ctx.fs.lstat(ctx.proc, p);
  if (st.type === 'dir') {
    for (const n of ctx.fs.readdir(ctx.proc, p)) await removeTree(ctx, `${p.replace(/\/+$/, '')}/${n}`, verbose);
    ctx.fs.rmdir(ctx.proc, p);
    if (verbose) await ctx.out(`removed directory '${p}'\n`);
  } else {
    ctx.fs.unlink(ctx.proc, p);
    if (verbose) await ctx.out(`removed '${p}'\n`);
  }
}
