import type { Ctx, ProgramSpec } from './context';
import { basename as base, dirname as dir } from '../vfs/path';

/** basename NAME [SUFFIX], basename -a NAME... */
export const basename: ProgramSpec = {
  name: 'basename',
  summary: 'strip directory and suffix from filenames',
  usage: 'basename NAME [SUFFIX]',
  async run(ctx: Ctx) {
    const args = ctx.args;
    if (args.length === 0) {
      await ctx.err("basename: missing operand\nTry 'basename --help' for more information.\n");
      return 1;
    }
    const multi = args[0] === '-a';
    const names = multi ? args.slice(1) : [args[0]];
    const suffix = multi ? undefined : args[1];
    if (!multi && args.length > 2) {
      await ctx.err(`basename: extra operand ‘${args[2]}’\nTry 'basename --help' for more information.\n`);
      return 1;
    }
    let out = '';
    for (const n of names) {
      let b = base(n);
      if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
      out += b + '\n';
    }
    await ctx.out(out);
    return 0;
  },
};

/** dirname NAME... */
export const dirname: ProgramSpec = {
  name: 'dirname',
  summary: 'strip last component from file name',
  usage: 'dirname [OPTION] NAME...',
  async run(ctx: Ctx) {
    if (ctx.args.length === 0) {
      await ctx.err("dirname: missing operand\nTry 'dirname --help' for more information.\n");
      return 1;
    }
    await ctx.out(ctx.args.map((a) => dir(a) + '\n').join(''));
    return 0;
  },
};
