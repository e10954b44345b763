import type { Ctx, ProgramSpec } from './context';
import { loadAverages, uptimeSeconds } from './lib/procinfo';

/** uptime [-p] [-s]: time since boot, users and load, as procps-ng 4 prints them. */
export const uptime: ProgramSpec = {
  name: 'uptime',
  summary: 'tell how long the system has been running',
  usage: 'uptime [options]',
  description: '  -p, --pretty   show uptime in pretty format\n  -s, --since    system up since',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ p: { short: 'p', long: 'pretty' }, s: { short: 's', long: 'since' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const up = uptimeSeconds(ctx);
    const now = ctx.kernel.clock.now();
    if (a.opts.s) {
      const since = new Date(Math.floor((now - up * 1000) / 1000) * 1000).toISOString();
      await ctx.out(`${since.slice(0, 10)} ${since.slice(11, 19)}\n`);
      return 0;
    }
    if (a.opts.p) {
      await ctx.out(prettyUptime(up) + '\n');
      return 0;
    }
    await ctx.out(uptimeLine(now, up, loadAverages(ctx)) + '\n');
    return 0;
  },
};

/**
 * procps' uptime line, which top's first line repeats:
 * ` 11:02:49 up 5 min,  1 user,  load average: 0.08, 0.03, 0.01`.
 * @sim partial: the user count is always 1 (there is no utmp).
 */
export function uptimeLine(nowMs: number, upSeconds: number, load: string): string {
  const clock = new Date(nowMs).toISOString().slice(11, 19);
  return ` ${clock} up ${formatUptime(upSeconds)},  1 user,  load average: ${load}`;
}

/** procps' uptime wording: `5 min`, ` 1:05`, `2 days,  3:04`. */
export function formatUptime(seconds: number): string {
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86400);
  const h = Math.floor(s / 3600) % 24;
  const m = Math.floor(s / 60) % 60;
  const d = days ? `${days} ${days > 1 ? 'days' : 'day'}, ` : '';
  return h ? `${d}${String(h).padStart(2)}:${String(m).padStart(2, '0')}` : `${d}${m} min`;
}

/** `uptime -p`: `up 1 hour, 5 minutes`. */
function prettyUptime(seconds: number): string {
  const s = Math.floor(seconds);
  const parts: string[] = [];
  const unit = (n: number, word: string) => parts.push(`${n} ${word}${n === 1 ? '' : 's'}`);
  const w = Math.floor(s / 604800);
  const d = Math.floor(s / 86400) % 7;
  const h = Math.floor(s / 3600) % 24;
  const m = Math.floor(s / 60) % 60;
  if (w) unit(w, 'week');
  if (d) unit(d, 'day');
  if (h) unit(h, 'hour');
  if (m || parts.length === 0) unit(m, 'minute');
  return `up ${parts.join(', ')}`;
}
