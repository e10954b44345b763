import type { Ctx, ProgramSpec } from './context';

/** Parses sleep's NUMBER[SUFFIX] (s, m, h, d) into milliseconds; NaN when invalid. */
export function parseDuration(text: string): number {
  const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(text);
  if (!m) return NaN;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!;
  return Number(m[1]) * unit * 1000;
}

/** sleep NUMBER[SUFFIX]... — pauses for the sum of the durations. */
export const sleep: ProgramSpec = {
  name: 'sleep',
  summary: 'delay for a specified amount of time',
  usage: 'sleep NUMBER[SUFFIX]...',
  description: "Pause for NUMBER seconds. SUFFIX may be 's' for seconds (the default), 'm' for minutes, 'h' for hours or 'd' for days.",
  async run(ctx: Ctx) {
    if (ctx.args[0] === '--help') {
      await ctx.out(`Usage: sleep NUMBER[SUFFIX]...\n`);
      return 0;
    }
    if (ctx.args.length === 0) {
      await ctx.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let total = 0;
    for (const a of ctx.args) {
      const ms = parseDuration(a);
      if (Number.isNaN(ms)) {
        await ctx.err(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      total += ms;
    }
    ctx.proc.rssKb = 1024;
    await ctx.sleep(total);
    return 0;
  },
};
