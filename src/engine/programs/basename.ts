import type { Ctx, ProgramSpec } from './context';
import { basename as base, dirname as dir } from '../vfs/path';

/** basename NAME [SUFFIX], basename OPTION... NAME... */
export const basename: ProgramSpec = {
  name: 'basename',
  summary: 'strip directory and suffix from filenames',
  usage: 'basename NAME [SUFFIX]\n  or:  basename OPTION... NAME...',
  description: 'Print NAME with any leading directory components removed.\nIf specified, also remove a trailing SUFFIX.\n\n  -a, --multiple       support multiple arguments and treat each as a NAME\n  -s, --suffix=SUFFIX  remove a trailing SUFFIX; implies -a\n  -z, --zero           end each output line with NUL, not newline',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ a: { short: 'a', long: 'multiple' }, s: { short: 's', long: 'suffix', value: true }, z: { short: 'z', long: 'zero' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const args = a.operands;
    if (args.length === 0) {
      await ctx.err("basename: missing operand\nTry 'basename --help' for more information.\n");
      return 1;
    }
    const multi = !!a.opts.a || typeof a.opts.s === 'string';
    if (!multi && args.length > 2) {
      await ctx.err(`basename: extra operand ‘${args[2]}’\nTry 'basename --help' for more information.\n`);
      return 1;
    }
    const names = multi ? args : [args[0]];
    const suffix = multi ? (a.opts.s as string | undefined) : args[1];
    let out = '';
    for (const n of names) {
      let b = base(n);
      if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
      out += b + (a.opts.z ? '\0' : '\n');
    }
    await ctx.out(out);
    return 0;
  },
};

/** dirname [-z] NAME... */
export const dirname: ProgramSpec = {
  name: 'dirname',
  summary: 'strip last component from file name',
  usage: 'dirname [OPTION] NAME...',
  description: 'Output each NAME with its last non-slash component and trailing slashes\nremoved; if NAME contains no /\'s, output \'.\' (meaning the current directory).\n\n  -z, --zero     end each output line with NUL, not newline',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ z: { short: 'z', long: 'zero' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    if (a.operands.length === 0) {
      await ctx.err("dirname: missing operand\nTry 'dirname --help' for more information.\n");
      return 1;
    }
    await ctx.out(a.operands.map((x) => dir(x) + (a.opts.z ? '\0' : '\n')).join(''));
    return 0;
  },
};
