import type { Ctx, ProgramSpec } from './context';

/** uptime: time since boot, users and load. */
export const uptime: ProgramSpec = {
  name: 'uptime',
  summary: 'tell how long the system has been running',
  usage: 'uptime [options]',
  async run(ctx: Ctx) {
    const up = Number(ctx.fs.readText(ctx.proc, '/proc/uptime').split(' ')[0]);
    const load = ctx.fs.readText(ctx.proc, '/proc/loadavg').split(' ').slice(0, 3).join(', ');
    const now = new Date(ctx.kernel.clock.now()).toISOString().slice(11, 19);
    if (ctx.args.includes('-p')) {
      const mins = Math.floor(up / 60);
      await ctx.out(`up ${mins} minute${mins === 1 ? '' : 's'}\n`);
      return 0;
    }
    await ctx.out(` ${now} up ${formatUptime(up)},  1 user,  load average: ${load}\n`);
    return 0;
  },
};


/** procps' uptime wording: `5 min`, `1:05`, `2 days,  3:04`. */
export function formatUptime(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const d = days ? `${days} day${days > 1 ? 's' : ''}, ` : '';
  return h ? `${d}${String(h).padStart(2)}:${String(m).padStart(2, '0')}` : `${d}${String(m).padStart(2)} min`;
}
