import type { Ctx, ProgramSpec } from './context';

/** free [-b|-k|-m|-g|-h] [-t]: memory from /proc/meminfo, laid out as procps-ng 4 prints it. */
export const free: ProgramSpec = {
  name: 'free',
  summary: 'Display amount of free and used memory in the system',
  usage: 'free [options]',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ b: { short: 'b', long: 'bytes' }, k: { short: 'k', long: 'kibi' }, m: { short: 'm', long: 'mebi' }, g: { short: 'g', long: 'gibi' }, h: { short: 'h', long: 'human' }, t: { short: 't', long: 'total' }, w: { short: 'w', long: 'wide' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const info: Record<string, number> = {};
    for (const line of ctx.fs.readText(ctx.proc, '/proc/meminfo').split('\n')) {
      const m = /^(\w+):\s+(\d+)/.exec(line);
      if (m) info[m[1]] = Number(m[2]);
    }
    const total = info.MemTotal;
    const free = info.MemFree;
    const cache = info.Buffers + info.Cached + (info.SReclaimable ?? 0);
    const used = total - free - cache;
    const fmt = (kb: number) => {
      if (a.opts.h) {
        const units = ['Ki', 'Mi', 'Gi', 'Ti'];
        let v = kb;
        let u = 0;
        while (v >= 1024 && u < units.length - 1) {
          v /= 1024;
          u++;
        }
        return (v < 10 ? v.toFixed(1) : String(Math.round(v))) + units[u];
      }
      if (a.opts.b) return String(kb * 1024);
      if (a.opts.m) return String(Math.floor(kb / 1024));
      if (a.opts.g) return String(Math.floor(kb / 1024 / 1024));
      return String(kb);
    };
    const row = (label: string, vals: number[]) => label.padEnd(8) + vals.map((v) => fmt(v).padStart(12)).join('') + '\n';
    let out = '               total        used        free      shared  buff/cache   available\n';
    out += row('Mem:', [total, used, free, info.Shmem ?? 0, cache, info.MemAvailable]).replace(/\s+$/, '\n');
    out += row('Swap:', [info.SwapTotal, info.SwapTotal - info.SwapFree, info.SwapFree]);
    if (a.opts.t) out += row('Total:', [total + info.SwapTotal, used + info.SwapTotal - info.SwapFree, free + info.SwapFree]);
    await ctx.out(out);
    return 0;
  },
};
