import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { basename } from '../vfs/path';

/** rm [-rRfdv] FILE... */
export const rm: ProgramSpec = {
  name: 'rm',
  summary: 'remove files or directories',
  usage: 'rm [OPTION]... [FILE]...',
  description: 'Remove (unlink) the FILE(s).\n\n  -f, --force           ignore nonexistent files and arguments, never prompt\n  -r, -R, --recursive   remove directories and their contents recursively\n  -d, --dir             remove empty directories\n  -v, --verbose         explain what is being done',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      f: { short: 'f', long: 'force' }, r: { short: 'r', long: 'recursive' }, R: { short: 'R' }, d: { short: 'd', long: 'dir' },
      v: { short: 'v', long: 'verbose' }, i: { short: 'i' }, nopreserve: { long: 'no-preserve-root' }, preserve: { long: 'preserve-root' },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const recursive = !!(a.opts.r || a.opts.R);
    if (a.operands.length === 0) {
      if (a.opts.f) return 0;
      await ctx.err("rm: missing operand\nTry 'rm --help' for more information.\n");
      return 1;
    }
    let status = 0;
    const fail = async (msg: string) => {
      status = 1;
      await ctx.error(msg);
    };
    /** Runs one removal step, reporting a failure as `cannot remove 'PATH': …`; false when it failed. */
    const attempt = async (path: string, step: () => void | Promise<void>): Promise<boolean> => {
      try {
        await step();
        return true;
      } catch (e) {
        if (!isSysError(e)) throw e;
        if (!(e.code === 'ENOENT' && a.opts.f)) await fail(`cannot remove '${path}': ${e.message}`);
        return false;
      }
    };
    /**
     * Removes `path`; false when it (or something below it) stayed. As GNU's fts walk does, a
     * directory whose contents could not all be removed is left alone without a further message,
     * and an unreadable directory is still removed when it is empty.
     */
    const remove = async (path: string): Promise<boolean> => {
      await ctx.checkpoint();
      let type = '';
      if (!(await attempt(path, () => void (type = ctx.fs.lstat(ctx.proc, path).type)))) return false;
      if (type === 'dir') {
        if (!recursive && !a.opts.d) {
          await fail(`cannot remove '${path}': Is a directory`);
          return false;
        }
        if (recursive) {
          let names: string[];
          try {
            names = ctx.fs.readdir(ctx.proc, path);
          } catch (e) {
            if (!isSysError(e)) throw e;
            try {
              ctx.fs.rmdir(ctx.proc, path);
            } catch {
              await fail(`cannot remove '${path}': ${e.message}`);
              return false;
            }
            if (a.opts.v) await ctx.out(`removed directory '${path}'\n`);
            return true;
          }
          let all = true;
          for (const n of names) if (!(await remove(path.endsWith('/') ? path + n : `${path}/${n}`))) all = false;
          if (!all) return false;
        }
        const done = await attempt(path, () => ctx.fs.rmdir(ctx.proc, path));
        if (done && a.opts.v) await ctx.out(`removed directory '${path}'\n`);
        return done;
      }
      const done = await attempt(path, () => ctx.fs.unlink(ctx.proc, path));
      if (done && a.opts.v) await ctx.out(`removed '${path}'\n`);
      return done;
    };
    for (const p of a.operands) {
      const base = basename(p);
      if (recursive && ctx.resolve(p) === '/' && !a.opts.nopreserve) {
        await fail(`it is dangerous to operate recursively on '${p}'`);
        await ctx.err("rm: use --no-preserve-root to override this failsafe\n");
        continue;
      }
      if (base === '.' || base === '..') {
        await fail(`refusing to remove '.' or '..' directory: skipping '${p}'`);
        continue;
      }
      await remove(p);
    }
    return status;
  },
};
