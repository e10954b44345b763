import type { Ctx } from '../context';
import { isSysError } from '../../kernel/errors';
import { basename } from '../../vfs/path';

/** How cp copies: recursively, keeping attributes, following symlinks or not. */
export interface CopyOptions {
  recursive: boolean;
  preserve: boolean;
  noDereference: boolean;
  verbose: boolean;
  /** Called with an error message (without the program name); the copy goes on. */
  onError: (message: string) => Promise<void>;
}

/** Copies `src` to `dst` (both paths as given), as cp does. */
export async function copyPath(ctx: Ctx, src: string, dst: string, o: CopyOptions, top = true): Promise<void> {
  await ctx.checkpoint();
  const fs = ctx.fs;
  let st;
  try {
    st = o.noDereference || !top ? fs.lstat(ctx.proc, src) : fs.stat(ctx.proc, src);
  } catch (e) {
    if (isSysError(e)) return o.onError(`cannot stat '${src}': ${e.message}`);
    throw e;
  }
  try {
    if (st.type === 'dir') {
      if (!o.recursive) return o.onError(`-r not specified; omitting directory '${src}'`);
      if (!fs.exists(ctx.proc, dst)) fs.mkdir(ctx.proc, dst, st.mode | 0o700);
      else if (fs.stat(ctx.proc, dst).type !== 'dir') return o.onError(`cannot overwrite non-directory '${dst}' with directory '${src}'`);
      if (o.verbose) await ctx.out(`'${src}' -> '${dst}'\n`);
      for (const n of fs.readdir(ctx.proc, src)) await copyPath(ctx, `${src.replace(/\/+$/, '')}/${n}`, `${dst.replace(/\/+$/, '')}/${n}`, o, false);
      fs.chmod(ctx.proc, dst, o.preserve ? st.mode : st.mode & ~ctx.proc.umask);
    } else if (st.type === 'symlink') {
      if (fs.exists(ctx.proc, dst) || isLink(ctx, dst)) fs.unlink(ctx.proc, dst);
      fs.symlink(ctx.proc, fs.readlink(ctx.proc, src), dst);
      if (o.verbose) await ctx.out(`'${src}' -> '${dst}'\n`);
    } else {
      let data: Uint8Array;
      try {
        data = fs.readFile(ctx.proc, src);
      } catch (e) {
        if (isSysError(e)) return o.onError(`cannot open '${src}' for reading: ${e.message}`);
        throw e;
      }
      fs.writeFile(ctx.proc, dst, data, { mode: st.mode });
      if (o.verbose) await ctx.out(`'${src}' -> '${dst}'\n`);
    }
    if (o.preserve && st.type !== 'symlink') {
      fs.utimes(ctx.proc, dst, st.atimeMs, st.mtimeMs);
      fs.chmod(ctx.proc, dst, st.mode);
      if (ctx.proc.cred.uid === 0) fs.chown(ctx.proc, dst, st.uid, st.gid);
    }
  } catch (e) {
    if (isSysError(e)) {
      return o.onError(`cannot create regular file '${dst}': ${e.message}`);
    }
    throw e;
  }
}

function isLink(ctx: Ctx, p: string): boolean {
  try {
    return ctx.fs.lstat(ctx.proc, p).type === 'symlink';
  } catch {
    return false;
  }
}

/** True when `p` names an existing directory. */
export function isDir(ctx: Ctx, p: string): boolean {
  try {
    return ctx.fs.stat(ctx.proc, p).type === 'dir';
  } catch {
    return false;
  }
}

/**
 * cp's and mv's operands: SOURCE DEST, or SOURCE... DIRECTORY. Returns each source with its
 * target path, or null after reporting a missing operand or a target that is not a directory.
 */
export async function planTargets(ctx: Ctx, ops: string[]): Promise<[string, string][] | null> {
  if (ops.length < 2) {
    const what = ops.length === 0 ? 'missing file operand' : `missing destination file operand after '${ops[0]}'`;
    await ctx.err(`${ctx.name}: ${what}\nTry '${ctx.name} --help' for more information.\n`);
    return null;
  }
  const dest = ops[ops.length - 1];
  const sources = ops.slice(0, -1);
  const intoDir = isDir(ctx, dest);
  if (sources.length > 1 && !intoDir) {
    await ctx.error(`target '${dest}' is not a directory`);
    return null;
  }
  return sources.map((s) => [s, intoDir ? `${dest.replace(/\/+$/, '')}/${basename(s)}` : dest]);
}
