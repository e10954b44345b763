import type { Ctx, ProgramSpec } from './context';
import { readMeminfo } from './lib/procinfo';

/** scale_size() of procps 4's free: `kb` shown in the unit the options chose. */
function scale(kb: number, o: { human: boolean; si: boolean; exponent: number }): string {
  const base = o.si ? 1000 : 1024;
  const bytes = kb * 1024;
  if (!o.human) {
    if (o.exponent === 0) return String(Math.floor(bytes / base));
    if (o.exponent === 1) return String(bytes);
    return String(Math.floor(bytes / base ** (o.exponent - 1)));
  }
  if (`${bytes}B`.length <= 4) return `${bytes}B`;
  for (const [i, u] of ['K', 'M', 'G', 'T', 'P'].entries()) {
    const v = bytes / base ** (i + 1);
    const max = o.si ? 4 : 5;
    const suffix = o.si ? u : `${u}i`;
    const f = `${v.toFixed(1)}${suffix}`;
    if (f.length <= max) return f;
    const n = `${Math.floor(v)}${suffix}`;
    if (n.length <= max) return n;
  }
  return `${bytes}B`;
}

/** free [-b|-k|-m|-g|-h|--si] [-t] [-w]: memory from /proc/meminfo, laid out as procps-ng 4 prints it. */
export const free: ProgramSpec = {
  name: 'free',
  summary: 'Display amount of free and used memory in the system',
  usage: 'free [options]',
  description: 'Options:\n -b, --bytes         show output in bytes\n -k, --kibi          show output in kibibytes\n -m, --mebi          show output in mebibytes\n -g, --gibi          show output in gibibytes\n -h, --human         show human-readable output\n     --si            use powers of 1000 not 1024\n -t, --total         show total for RAM + swap\n -w, --wide          wide output',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      b: { short: 'b', long: 'bytes' }, k: { short: 'k', long: 'kibi' }, m: { short: 'm', long: 'mebi' }, g: { short: 'g', long: 'gibi' },
      h: { short: 'h', long: 'human' }, si: { long: 'si' }, t: { short: 't', long: 'total' }, w: { short: 'w', long: 'wide' },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    if (a.operands.length) {
      await ctx.err(`free: invalid argument ${a.operands[0]}\n`);
      return 1;
    }
    const units = (['b', 'k', 'm', 'g'] as const).filter((u) => a.opts[u]);
    if (units.length > 1) {
      await ctx.err("free: Multiple unit options don't make sense.\n");
      return 1;
    }
    const exponent = a.opts.b ? 1 : a.opts.k ? 2 : a.opts.m ? 3 : a.opts.g ? 4 : 0;
    const o = { human: !!a.opts.h, si: !!a.opts.si, exponent };
    const info = readMeminfo(ctx);
    const total = info.MemTotal ?? 0;
    const freeKb = info.MemFree ?? 0;
    let avail = info.MemAvailable || freeKb;
    if (avail > total) avail = freeKb;
    // procps 4: used is what is not available; buff/cache counts reclaimable slab too.
    const used = total - avail;
    const cached = (info.Cached ?? 0) + (info.SReclaimable ?? 0);
    const buffers = info.Buffers ?? 0;
    const swapTotal = info.SwapTotal ?? 0;
    const swapFree = info.SwapFree ?? 0;
    const swapUsed = swapTotal - swapFree;
    const row = (label: string, vals: number[]) => label.padEnd(9) + vals.map((v, i) => (i ? ' ' : '') + scale(v, o).padStart(11)).join('') + '\n';
    let out = a.opts.w
      ? '               total        used        free      shared     buffers       cache   available\n'
      : '               total        used        free      shared  buff/cache   available\n';
    const mid = a.opts.w ? [buffers, cached] : [buffers + cached];
    out += row('Mem:', [total, used, freeKb, info.Shmem ?? 0, ...mid, avail]);
    out += row('Swap:', [swapTotal, swapUsed, swapFree]);
    if (a.opts.t) out += row('Total:', [total + swapTotal, used + swapUsed, freeKb + swapFree]);
    await ctx.out(out);
    return 0;
  },
};
