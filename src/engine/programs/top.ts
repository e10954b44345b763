import type { Ctx, ProgramSpec } from './context';
import { CLK_TCK } from '../vfs/procfs';
import { SIG } from '../kernel/signals';
import { WaitQueue, waitAny } from '../kernel/waitqueue';
import { TtyFile, type Tty } from '../tty/tty';
import { loadAverages, readMeminfo, readProcs, uptimeSeconds, type ProcInfo } from './lib/procinfo';
import { userName } from './lib/users';
import { uptimeLine } from './uptime';

const f1 = (n: number) => n.toFixed(1);

/** TIME+: `m:ss.hh` of CPU time. */
function timePlus(ticks: number): string {
  const cs = Math.floor((ticks * 100) / CLK_TCK);
  const s = Math.floor(cs / 100);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`;
}

/** One frame: the five summary lines, a blank line, the column header and the task rows. */
function frame(ctx: Ctx): string[] {
  const procs = readProcs(ctx);
  const up = uptimeSeconds(ctx);
  const now = ctx.kernel.clock.now();
  const count = (s: string) => procs.filter((p) => p.state === s).length;
  const mem = readMeminfo(ctx);
  const mib = (kb: number) => f1(kb / 1024).padStart(8);
  const total = mem.MemTotal ?? 0;
  const avail = mem.MemAvailable || mem.MemFree || 0;
  const cache = (mem.Buffers ?? 0) + (mem.Cached ?? 0) + (mem.SReclaimable ?? 0);
  const swapTotal = mem.SwapTotal ?? 0;
  const swapFree = mem.SwapFree ?? 0;
  const life = (p: ProcInfo) => Math.max(0, up - p.startTicks / CLK_TCK);
  const cpu = (p: ProcInfo) => (life(p) > 0 ? Math.min(100, (p.cpuTicks / CLK_TCK / life(p)) * 100) : 0);
  const rows = [...procs].sort((a, b) => cpu(b) - cpu(a) || a.pid - b.pid);
  const lines = [
    `top -${uptimeLine(now, up, loadAverages(ctx))}`,
    `Tasks: ${String(procs.length).padStart(3)} total, ${String(count('R')).padStart(3)} running, ${String(count('S')).padStart(3)} sleeping, ${String(count('T')).padStart(3)} stopped, ${String(count('Z')).padStart(3)} zombie`,
    `%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st `,
    `MiB Mem : ${mib(total)} total, ${mib(mem.MemFree ?? 0)} free, ${mib(total - avail)} used, ${mib(cache)} buff/cache     `,
    `MiB Swap: ${mib(swapTotal)} total, ${mib(swapFree)} free, ${mib(swapTotal - swapFree)} used. ${mib(avail)} avail Mem `,
    '',
    '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
  ];
  for (const p of rows) {
    const user = userName(ctx, p.uid);
    const pmem = total ? (p.rssKb / total) * 100 : 0;
    // @sim partial: shared memory is not modelled; SHR shows half of RES.
    const shr = Math.floor(p.rssKb / 2);
    lines.push(
      `${String(p.pid).padStart(7)} ${(user.length > 8 ? user.slice(0, 7) + '+' : user).padEnd(8)}  20   0 ${String(p.vszKb).padStart(7)} ${String(p.rssKb).padStart(6)} ${String(shr).padStart(6)} ${p.state} ${f1(cpu(p)).padStart(5)} ${f1(pmem).padStart(5)} ${timePlus(p.cpuTicks).padStart(9)} ${p.comm}`,
    );
  }
  return lines;
}

/**
 * top [-b] [-n N] [-d SECS]: the process table, refreshed. On a terminal it is full-screen: raw
 * keyboard (q quits, ^C quits), a redraw every `-d` seconds (3 by default) and on SIGWINCH, and the
 * terminal's modes restored however it ends. With -b (or -n into a pipe) it prints frames as text.
 * @sim partial: CPU percentages come from the simulated CPU time only; no interactive commands
 * besides q, space (refresh) and ^C; no -p/-u filters.
 */
export const top: ProgramSpec = {
  name: 'top',
  summary: 'display Linux processes',
  usage: 'top -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pids -o field -w [cols]',
  description: 'The top program provides a dynamic real-time view of a running system.\n\n  -b  batch mode: plain text, no input\n  -d  delay between updates, in seconds\n  -n  number of iterations before ending\n\nWhile running: q quits, space refreshes.',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ b: { short: 'b', long: 'batch' }, n: { short: 'n', long: 'iterations', value: true }, d: { short: 'd', long: 'delay', value: true } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const iterations = a.opts.n === undefined ? Infinity : Number(a.opts.n);
    const delay = a.opts.d === undefined ? 3 : Number(a.opts.d);
    if (!Number.isInteger(iterations) && iterations !== Infinity) {
      await ctx.err(`top: bad iterations argument '${a.opts.n}'\n`);
      return 1;
    }
    if (!(delay >= 0)) {
      await ctx.err(`top: bad delay interval '${a.opts.d}'\n`);
      return 1;
    }
    const out = ctx.proc.fds.get(1);
    const tty: Tty | null = out instanceof TtyFile ? out.tty : null;
    if (a.opts.b || !tty) {
      if (!a.opts.b && !tty) {
        await ctx.err('top: failed tty get\n');
        return 1;
      }
      for (let i = 0; i < iterations; i++) {
        if (i > 0) await ctx.sleep(delay * 1000);
        await ctx.out(frame(ctx).join('\n') + '\n\n');
      }
      return 0;
    }
    return interactive(ctx, tty, iterations, delay);
  },
};

/** The full-screen loop; the terminal's modes come back in `finally`, even when top is killed. */
async function interactive(ctx: Ctx, tty: Tty, iterations: number, delay: number): Promise<number> {
  const saved = { ...tty.termios };
  const wake = new WaitQueue();
  let quit = false;
  let redraw = false;
  ctx.proc.handlers.set(SIG.SIGINT, () => {
    quit = true;
  });
  ctx.proc.handlers.set(SIG.SIGWINCH, () => {
    redraw = true;
  });
  tty.setMode({ icanon: false, echo: false });
  try {
    for (let i = 0; i < iterations && !quit; i++) {
      const lines = frame(ctx).slice(0, tty.rows).map((l) => l.slice(0, tty.cols));
      await ctx.out('\x1b[H\x1b[2J' + lines.join('\n'));
      // Sleep until the delay passes, a key arrives or a signal comes.
      let due = false;
      const cancel = ctx.kernel.clock.setTimer(delay * 1000, () => {
        due = true;
        wake.wake();
      });
      try {
        while (!due && !quit && !redraw && i + 1 < iterations) {
          if (!tty.inputEmpty) {
            const key = new TextDecoder().decode((await ctx.read(0)) ?? new Uint8Array([0x71]));
            if (/[qQ]/.test(key)) quit = true;
            else if (key.includes(' ') || key.includes('\x0c')) break;
            continue;
          }
          ctx.proc.assertAlive();
          await waitAny([wake, tty.inputChanged, ctx.proc.signals]);
          await ctx.checkpoint();
        }
      } finally {
        cancel();
      }
      redraw = false;
    }
  } finally {
    tty.setMode(saved);
    ctx.proc.handlers.delete(SIG.SIGINT);
    ctx.proc.handlers.delete(SIG.SIGWINCH);
  }
  await ctx.out('\n');
  return 0;
}
