import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import type { OpenFile } from '../kernel/file';

/** tee [-a] [FILE]...: copies standard input to standard output and each file, as it arrives. */
export const tee: ProgramSpec = {
  name: 'tee',
  summary: 'read from standard input and write to standard output and files',
  usage: 'tee [OPTION]... [FILE]...',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ a: { short: 'a', long: 'append' }, i: { short: 'i', long: 'ignore-interrupts' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    let status = 0;
    const files: OpenFile[] = [];
    for (const f of a.operands) {
      try {
        files.push(ctx.fs.open(ctx.proc, f, { write: true, create: true, truncate: !a.opts.a, append: !!a.opts.a }));
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        await ctx.error(`${f}: ${e.message}`);
      }
    }
    try {
      for (;;) {
        const c = await ctx.read(0);
        if (c === null) break;
        await ctx.out(c);
        for (const f of files) await f.write(ctx.proc, c);
      }
    } finally {
      for (const f of files) f.close();
    }
    return status;
  },
};
