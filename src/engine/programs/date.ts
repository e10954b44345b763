import type { Ctx, ProgramSpec } from './context';
import { dateDefault, strftime } from './lib/time';

/** date [-u] [-d DATE] [+FORMAT]: the kernel clock's time, in UTC. */
export const date: ProgramSpec = {
  name: 'date',
  summary: 'print or set the system date and time',
  usage: 'date [OPTION]... [+FORMAT]',
  description: 'Display the current time in the given FORMAT.\n\n  -d, --date=STRING   display time described by STRING (@SECONDS or an ISO date)\n  -u, --utc           print Coordinated Universal Time (UTC)\n  -I, --iso-8601      output date in ISO 8601 format\n  -R, --rfc-email     output date in RFC 5322 format',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ d: { short: 'd', long: 'date', value: true }, u: { short: 'u', long: 'utc' }, I: { short: 'I', long: 'iso-8601' }, R: { short: 'R', long: 'rfc-email' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    let ms = ctx.kernel.clock.now();
    const d = a.opts.d;
    if (typeof d === 'string') {
      const parsed = d.startsWith('@') ? Number(d.slice(1)) * 1000 : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(d) || !/\d:\d/.test(d) ? d : `${d}Z`);
      if (Number.isNaN(parsed)) {
        await ctx.err(`date: invalid date ‘${d}’\n`);
        return 1;
      }
      ms = parsed;
    }
    const fmt = a.operands.find((o) => o.startsWith('+'));
    const extra = a.operands.find((o) => !o.startsWith('+'));
    if (extra) {
      if (ctx.proc.cred.uid !== 0) {
        await ctx.err('date: cannot set date: Operation not permitted\n');
        return 1;
      }
      await ctx.err(`date: invalid date ‘${extra}’\n`);
      return 1;
    }
    let text: string;
    if (fmt) text = strftime(fmt.slice(1), ms);
    else if (a.opts.I) text = strftime('%F', ms);
    else if (a.opts.R) text = strftime('%a, %d %b %Y %T %z', ms);
    else text = dateDefault(ms);
    await ctx.out(text + '\n');
    return 0;
  },
};
