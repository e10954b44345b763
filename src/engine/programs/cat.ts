import type { Ctx, ProgramSpec } from './context';

/** cat [OPTION]... [FILE]... — streams each file (or standard input) to standard output. */
export const cat: ProgramSpec = {
  name: 'cat',
  summary: 'concatenate files and print on the standard output',
  usage: 'cat [OPTION]... [FILE]...',
  description: 'Concatenate FILE(s) to standard output.\nWith no FILE, or when FILE is -, read standard input.\n\n  -n, --number             number all output lines\n  -b, --number-nonblank    number nonempty output lines, overrides -n\n  -A, --show-all           equivalent to -vET\n  -E, --show-ends          display $ at end of each line',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      number: { short: 'n', long: 'number' },
      nonblank: { short: 'b', long: 'number-nonblank' },
      ends: { short: 'E', long: 'show-ends' },
      all: { short: 'A', long: 'show-all' },
      squeeze: { short: 's', long: 'squeeze-blank' },
      u: { short: 'u' },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const files = a.operands.length ? a.operands : ['-'];
    const numbering = a.opts.nonblank ? 'nonblank' : a.opts.number ? 'all' : null;
    const ends = !!(a.opts.ends || a.opts.all);
    const plain = !numbering && !ends && !a.opts.squeeze;
    let status = 0;
    let n = 0;
    let lastBlank = false;
    for (const f of files) {
      let file;
      try {
        file = ctx.openRead(f);
        if (file.kind === 'dir') throw Object.assign(new Error('Is a directory'), { isDir: true });
      } catch (e) {
        if ((e as { isDir?: boolean }).isDir) await ctx.error(`${f}: Is a directory`);
        else await ctx.fileError(f, e);
        file?.close();
        status = 1;
        continue;
      }
      try {
        if (plain) {
          for (;;) {
            const c = await file.read(ctx.proc, 65536);
            if (c === null) break;
            await ctx.out(c);
          }
        } else {
          for await (const line of ctx.linesOf(file)) {
            const body = line.endsWith('\n') ? line.slice(0, -1) : line;
            const blank = body === '';
            if (a.opts.squeeze && blank && lastBlank) continue;
            lastBlank = blank;
            let prefix = '';
            if (numbering === 'all' || (numbering === 'nonblank' && !blank)) prefix = `${String(++n).padStart(6)}\t`;
            await ctx.out(prefix + body + (ends ? '$' : '') + (line.endsWith('\n') ? '\n' : ''));
          }
        }
      } catch (e) {
        await ctx.fileError(f, e);
        status = 1;
      } finally {
        file.close();
      }
    }
    return status;
  },
};
