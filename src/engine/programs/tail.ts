import type { Ctx, ProgramSpec } from './context';
import { cannotOpen, eachInput } from './lib/inputs';

/** tail [-n [+]N] [-c [+]N] [-f] [-qv] [FILE]... */
export const tail: ProgramSpec = {
  name: 'tail',
  summary: 'output the last part of files',
  usage: 'tail [OPTION]... [FILE]...',
  description: 'Print the last 10 lines of each FILE to standard output.\n\n  -c, --bytes=[+]NUM   output the last NUM bytes; or use -c +NUM to output starting with byte NUM\n  -f, --follow         output appended data as the file grows\n  -n, --lines=[+]NUM   output the last NUM lines, instead of the last 10; or use -n +NUM to skip NUM-1 lines at the start\n  -q, --quiet          never output headers giving file names',
  async run(ctx: Ctx) {
    // The obsolete forms `tail -5` and `tail +5` mean -n 5 and -n +5.
    const args = ctx.args.map((x, i, all) => {
      const takesValue = i > 0 && /^-[nc]$|^--(lines|bytes)$/.test(all[i - 1]);
      if (takesValue) return x;
      return /^-\d+$/.test(x) ? `-n${x.slice(1)}` : /^\+\d+$/.test(x) ? `-n${x}` : x;
    });
    ctx.proc.argv = [ctx.argv[0], ...args];
    const a = await ctx.parse({
      n: { short: 'n', long: 'lines', value: true }, c: { short: 'c', long: 'bytes', value: true }, f: { short: 'f', long: 'follow' },
      F: { short: 'F' }, q: { short: 'q', long: 'quiet' }, v: { short: 'v', long: 'verbose' }, s: { short: 's', long: 'sleep-interval', value: true },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const spec = (a.opts.c ?? a.opts.n ?? '10') as string;
    const m = /^([+-]?)(\d+)$/.exec(spec);
    if (!m) {
      await ctx.error(`invalid number of ${a.opts.c ? 'bytes' : 'lines'}: ‘${spec}’`);
      return 1;
    }
    const fromStart = m[1] === '+';
    const n = Number(m[2]);
    const follow = !!(a.opts.f || a.opts.F);
    const files = a.operands;
    const headers = (files.length > 1 || !!a.opts.v) && !a.opts.q;
    let first = true;
    const status = await eachInput(ctx, files, async (file, name) => {
      if (headers) await ctx.out(`${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
      first = false;
      const data = await ctx.readAllFrom(file);
      if (a.opts.c) {
        await ctx.out(fromStart ? data.subarray(Math.max(0, n - 1)) : data.subarray(Math.max(0, data.length - n)));
      } else {
        const text = new TextDecoder().decode(data);
        const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
        await ctx.out((fromStart ? lines.slice(Math.max(0, n - 1)) : n === 0 ? [] : lines.slice(-n)).join(''));
      }
      if (follow && name !== '-') {
        // Keep reading what is appended, as tail -f does by polling.
        for (;;) {
          await ctx.sleep(250);
          for (;;) {
            const more = await file.read(ctx.proc, 65536);
            if (more === null) break;
            await ctx.out(more);
          }
        }
      }
    }, cannotOpen);
    return status;
  },
};
