import { helpText, type Ctx, type ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { applyMode, modeString } from './lib/mode';

/** chmod [-Rv] MODE FILE... */
export const chmod: ProgramSpec = {
  name: 'chmod',
  summary: 'change file mode bits',
  usage: 'chmod [OPTION]... MODE[,MODE]... FILE...',
  description: 'Change the mode of each FILE to MODE: octal (755) or symbolic ([ugoa...][[-+=][perms...]...], e.g. u+x,go-w).\n\n  -c, --changes     like verbose but report only when a change is made\n  -f, --silent      suppress most error messages\n  -R, --recursive   change files and directories recursively\n  -v, --verbose     output a diagnostic for every file processed',
  async run(ctx: Ctx) {
    // Symbolic modes such as -w look like options; take the first non-option-looking mode first.
    const args = ctx.args;
    if (args[0] === '--help') {
      await ctx.out(helpText(chmod));
      return 0;
    }
    const flags: string[] = [];
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const x = args[i];
      if (x === '--') {
        rest.push(...args.slice(i + 1));
        break;
      }
      if (/^-[Rvcf]+$/.test(x) || ['--recursive', '--verbose', '--changes', '--silent', '--quiet'].includes(x)) flags.push(x);
      else if (x.startsWith('--')) {
        await ctx.err(`chmod: unrecognized option '${x}'\nTry 'chmod --help' for more information.\n`);
        return 1;
      } else rest.push(x);
    }
    const recursive = flags.some((f) => /^-[^-]*R/.test(f) || f === '--recursive');
    const verbose = flags.some((f) => /^-[^-]*v/.test(f) || f === '--verbose');
    const changes = flags.some((f) => /^-[^-]*c/.test(f) || f === '--changes');
    const silent = flags.some((f) => /^-[^-]*f/.test(f) || f === '--silent' || f === '--quiet');
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
        const show = (m: number) => `${m.toString(8).padStart(4, '0')} (${modeString({ type: st.type, mode: m }).slice(1)})`;
        if (mode !== st.mode && (verbose || changes)) await ctx.out(`mode of '${p}' changed from ${show(st.mode)} to ${show(mode)}\n`);
        else if (mode === st.mode && verbose) await ctx.out(`mode of '${p}' retained as ${show(mode)}\n`);
        if (recursive && st.type === 'dir' && ctx.fs.lstat(ctx.proc, p).type === 'dir') {
          for (const n of ctx.fs.readdir(ctx.proc, p)) await change(`${p.replace(/\/+$/, '')}/${n}`);
        }
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        if (silent) return;
        if (e.code === 'ENOENT') await ctx.error(`cannot access '${p}': ${e.message}`);
        else await ctx.error(`changing permissions of '${p}': ${e.message}`);
      }
    };
    for (const f of files) await change(f);
    return status;
  },
};
