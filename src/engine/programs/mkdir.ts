import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { applyMode } from './lib/mode';

/** mkdir [-p] [-m MODE] [-v] DIRECTORY... */
export const mkdir: ProgramSpec = {
  name: 'mkdir',
  summary: 'make directories',
  usage: 'mkdir [OPTION]... DIRECTORY...',
  description: 'Create the DIRECTORY(ies), if they do not already exist.\n\n  -m, --mode=MODE   set file mode (as in chmod), not a=rwx - umask\n  -p, --parents     no error if existing, make parent directories as needed\n  -v, --verbose     print a message for each created directory',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ p: { short: 'p', long: 'parents' }, m: { short: 'm', long: 'mode', value: true }, v: { short: 'v', long: 'verbose' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    if (a.operands.length === 0) {
      await ctx.err("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
      return 1;
    }
    let mode: number | undefined;
    if (typeof a.opts.m === 'string') {
      mode = applyMode(a.opts.m, 0o777, true, 0);
      if (mode === undefined) {
        await ctx.error(`invalid mode ‘${a.opts.m}’`);
        return 1;
      }
    }
    let status = 0;
    const make = async (dir: string, final: boolean) => {
      ctx.fs.mkdir(ctx.proc, dir, 0o777);
      if (final && mode !== undefined) ctx.fs.chmod(ctx.proc, dir, mode);
      if (a.opts.v) await ctx.out(`mkdir: created directory '${dir}'\n`);
    };
    for (const dir of a.operands) {
      try {
        if (a.opts.p) {
          const parts = dir.split('/');
          let cur = dir.startsWith('/') ? '' : '.';
          for (let i = 0; i < parts.length; i++) {
            if (!parts[i]) continue;
            cur = cur === '' ? `/${parts[i]}` : `${cur}/${parts[i]}`;
            const shown = cur.startsWith('./') ? cur.slice(2) : cur;
            const last = i === parts.length - 1 || parts.slice(i + 1).every((x) => !x);
            if (ctx.fs.exists(ctx.proc, shown)) {
              // An existing non-directory: GNU names that component (EEXIST when it is the last).
              if (ctx.fs.stat(ctx.proc, shown).type !== 'dir') throw Object.assign(new Error(), { notDir: shown, last });
              continue;
            }
            try {
              await make(shown, last);
            } catch (e) {
              if (isSysError(e)) throw Object.assign(new Error(), { failed: shown, message: e.message });
              throw e;
            }
          }
        } else {
          await make(dir, true);
        }
      } catch (e) {
        status = 1;
        const x = e as { notDir?: string; last?: boolean; failed?: string; message: string };
        if (x.notDir) await ctx.error(`cannot create directory ‘${x.notDir}’: ${x.last ? 'File exists' : 'Not a directory'}`);
        else if (x.failed !== undefined) await ctx.error(`cannot create directory ‘${x.failed}’: ${x.message}`);
        else if (isSysError(e)) await ctx.error(`cannot create directory ‘${dir}’: ${e.message}`);
        else throw e;
      }
    }
    return status;
  },
};
