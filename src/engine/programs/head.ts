import type { Ctx, ProgramSpec } from './context';
import { cannotOpen, eachInput } from './lib/inputs';

/** head [-n [-]N] [-c [-]N] [-qv] [FILE]... */
export const head: ProgramSpec = {
  name: 'head',
  summary: 'output the first part of files',
  usage: 'head [OPTION]... [FILE]...',
  description: 'Print the first 10 lines of each FILE to standard output.\n\n  -c, --bytes=[-]NUM   print the first NUM bytes of each file\n  -n, --lines=[-]NUM   print the first NUM lines instead of the first 10\n  -q, --quiet          never print headers giving file names\n  -v, --verbose        always print headers giving file names',
  async run(ctx: Ctx) {
    // The obsolete form `head -5` means -n 5.
    const args = ctx.args.map((x, i, all) => (i > 0 && /^-[nc]$|^--(lines|bytes)$/.test(all[i - 1]) ? x : /^-\d+$/.test(x) ? `-n${x.slice(1)}` : x));
    ctx.proc.argv = [ctx.argv[0], ...args];
    const a = await ctx.parse({ n: { short: 'n', long: 'lines', value: true }, c: { short: 'c', long: 'bytes', value: true }, q: { short: 'q', long: 'quiet' }, v: { short: 'v', long: 'verbose' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const spec = (a.opts.c ?? a.opts.n ?? '10') as string;
    const m = /^(-?)(\d+)$/.exec(spec);
    if (!m) {
      await ctx.error(`invalid number of ${a.opts.c ? 'bytes' : 'lines'}: ‘${spec}’`);
      return 1;
    }
    const allBut = m[1] === '-';
    const n = Number(m[2]);
    const files = a.operands;
    const headers = (files.length > 1 || !!a.opts.v) && !a.opts.q;
    let first = true;
    return eachInput(ctx, files, async (file, name) => {
      if (headers) await ctx.out(`${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
      first = false;
      if (a.opts.c) {
        const data = allBut ? await ctx.readAllFrom(file) : null;
        if (data) {
          await ctx.out(data.subarray(0, Math.max(0, data.length - n)));
          return;
        }
        let left = n;
        while (left > 0) {
          const c = await file.read(ctx.proc, left);
          if (c === null) break;
          await ctx.out(c);
          left -= c.length;
        }
        return;
      }
      if (allBut) {
        const lines: string[] = [];
        for await (const l of ctx.linesOf(file)) lines.push(l);
        await ctx.out(lines.slice(0, Math.max(0, lines.length - n)).join(''));
        return;
      }
      if (n === 0) return;
      let count = 0;
      for await (const l of ctx.linesOf(file)) {
        await ctx.out(l);
        if (++count >= n) break;
      }
    }, cannotOpen);
  },
};
