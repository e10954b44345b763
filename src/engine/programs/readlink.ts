import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';

/** readlink [-f|-e|-m] FILE... */
export const readlink: ProgramSpec = {
  name: 'readlink',
  summary: 'print resolved symbolic links or canonical file names',
  usage: 'readlink [OPTION]... FILE...',
  async run(ctx: Ctx) {
    const canon = ctx.args.some((a) => /^-[fem]+$/.test(a) || a === '--canonicalize');
    const files = ctx.args.filter((a) => !a.startsWith('-'));
    if (files.length === 0) {
      await ctx.err("readlink: missing operand\nTry 'readlink --help' for more information.\n");
      return 1;
    }
    let status = 0;
    for (const f of files) {
      try {
        await ctx.out((canon ? ctx.fs.realpath(ctx.proc, f) : ctx.fs.readlink(ctx.proc, f)) + '\n');
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
      }
    }
    return status;
  },
};

/** realpath FILE...: the canonical absolute name. */
export const realpath: ProgramSpec = {
  name: 'realpath',
  summary: 'print the resolved path',
  usage: 'realpath [OPTION]... FILE...',
  async run(ctx: Ctx) {
    const files = ctx.args.filter((a) => !a.startsWith('-'));
    if (files.length === 0) {
      await ctx.err("realpath: missing operand\nTry 'realpath --help' for more information.\n");
      return 1;
    }
    let status = 0;
    for (const f of files) {
      try {
        await ctx.out(ctx.fs.realpath(ctx.proc, f) + '\n');
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        await ctx.error(`${f}: ${e.message}`);
      }
    }
    return status;
  },
};
