import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { applyMode } from './lib/mode';

/** chmod [-Rv] MODE FILE... */
export const chmod: ProgramSpec = {
  name: 'chmod',
  summary: 'change file mode bits',
  usage: 'chmod [OPTION]... MODE[,MODE]... FILE...',
  description: 'Change the mode of each FILE to MODE: octal (755) or symbolic ([ugoa...][[-+=][perms...]...], e.g. u+x,go-w).\n\n  -R, --recursive   change files and directories recursively\n  -v, --verbose     output a diagnostic for every file processed',
  async run(ctx: Ctx) {
    // Symbolic modes such as -w look like options; take the first non-option-looking mode first.
    const args = ctx.args;
    const flags = args.filter((x) => /^-[Rvcf]+$/.test(x) || x === '--recursive' || x === '--verbose');
    const rest = args.filter((x) => !flags.includes(x));
    if (args[0] === '--help') {
      await ctx.out("Usage: chmod [OPTION]... MODE[,MODE]... FILE...\n");
      return 0;
    }
    const recursive = flags.some((f) => f.includes('R') || f === '--recursive');
    const verbose = flags.some((f) => f.includes('v') || f === '--verbose');
    if (rest.length === 0) {
      await ctx.err("chmod: missing operand\nTry 'chmod --help' for more information.\n");
      return 1;
    }
    if (rest.length === 1) {
      await ctx.err(`chmod: missing operand after ‘${rest[0]}’\nTry 'chmod --help' for more information.\n`);
      return 1;
    }
    const [spec, ...files] = rest;
    if (applyMode(spec, 0, false) === undefined) {
      await ctx.error(`invalid mode: ‘${spec}’\nTry 'chmod --help' for more information.`);
      return 1;
    }
    let status = 0;
    const change = async (p: string) => {
      await ctx.checkpoint();
      try {
        const st = ctx.fs.stat(ctx.proc, p);
        const mode = applyMode(spec, st.mode, st.type === 'dir', ctx.proc.umask)!;
        ctx.fs.chmod(ctx.proc, p, mode);
        if (verbose) await ctx.out(`mode of '${p}' changed from ${st.mode.toString(8).padStart(4, '0')} to ${mode.toString(8).padStart(4, '0')}\n`);
        if (recursive && st.type === 'dir' && ctx.fs.lstat(ctx.proc, p).type === 'dir') {
          for (const n of ctx.fs.readdir(ctx.proc, p)) await change(`${p.replace(/\/+$/, '')}/${n}`);
        }
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        if (e.code === 'ENOENT') await ctx.error(`cannot access '${p}': ${e.message}`);
        else await ctx.error(`changing permissions of '${p}': ${e.message}`);
      }
    };
    for (const f of files) await change(f);
    return status;
  },
};
