import type { Ctx, ProgramSpec } from './context';
import type { Process } from '../kernel/process';
import { SIG } from '../kernel/signals';

const USAGE = `\`stress' imposes certain types of compute stress on your system

Usage: stress [OPTION [ARG]] ...
 -?, --help         show this help statement
     --version      show version statement
 -v, --verbose      be verbose
 -q, --quiet        be quiet
 -n, --dry-run      show what would have been done
 -t, --timeout N    timeout after N seconds
     --backoff N    wait factor of N microseconds before work starts
 -c, --cpu N        spawn N workers spinning on sqrt()
 -i, --io N         spawn N workers spinning on sync()
 -m, --vm N         spawn N workers spinning on malloc()/free()
     --vm-bytes B   malloc B bytes per vm worker (default is 256MB)
     --vm-stride B  touch a byte every B bytes (default is 4096)
     --vm-hang N    sleep N secs before free (default none, 0 is inf)
     --vm-keep      redirty memory instead of freeing and reallocating
 -d, --hdd N        spawn N workers spinning on write()/unlink()
     --hdd-bytes B  write B bytes per hdd worker (default is 1GB)

Example: stress --cpu 8 --io 4 --vm 2 --vm-bytes 128M --timeout 10s

Note: Numbers may be suffixed with s,m,h,d,y (time) or B,K,M,G (size).
`;

/** `10s`, `2m`, `1h` → seconds; `128M`, `1G` → bytes. */
function suffixed(v: string, kind: 'time' | 'size'): number | null {
  const m = /^(\d+)([a-zA-Z]?)$/.exec(v);
  if (!m) return null;
  const mult = kind === 'time' ? { '': 1, s: 1, m: 60, h: 3600, d: 86400, y: 31536000 }[m[2]] : { '': 1, b: 1, B: 1, k: 1024, K: 1024, m: 1048576, M: 1048576, g: 1073741824, G: 1073741824 }[m[2]];
  return mult === undefined ? null : Number(m[1]) * mult;
}

/**
 * stress 1.0.4: forks cpu, io, vm and hdd workers and waits for them; with --timeout it stops them
 * and reports success; a worker killed by a signal fails the run, as stress reports it.
 * @sim partial: vm workers allocate once and keep their memory (no free/realloc cycle), and io/hdd
 * workers sleep instead of syncing and writing.
 */
export const stress: ProgramSpec = {
  name: 'stress',
  summary: 'tool to impose load on and stress test systems',
  usage: 'stress [OPTION [ARG]] ...',
  onHost: false,
  async run(ctx: Ctx) {
    const n = { cpu: 0, io: 0, vm: 0, hdd: 0 };
    let timeout = 0;
    let vmBytes = 268435456;
    let quiet = false;
    const args = ctx.args;
    const me = ctx.proc.ownPid;
    if (!args.length || args.includes('--help') || args.includes('-?')) {
      await ctx.out(USAGE);
      return args.length ? 0 : 1;
    }
    if (args.includes('--version')) {
      await ctx.out('stress 1.0.4\n');
      return 0;
    }
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const val = () => args[++i] ?? '';
      const hogs = { '-c': 'cpu', '--cpu': 'cpu', '-i': 'io', '--io': 'io', '-m': 'vm', '--vm': 'vm', '-d': 'hdd', '--hdd': 'hdd' } as const;
      if (a in hogs) {
        const v = val();
        if (!/^\d+$/.test(v)) {
          await ctx.err(`stress: FAIL: [${me}] (244) invalid number: ${v}\n`);
          return 1;
        }
        n[hogs[a as keyof typeof hogs]] = Number(v);
      }
      else if (a === '--vm-bytes') {
        const b = suffixed(val(), 'size');
        if (b === null) {
          await ctx.err(`stress: FAIL: [${me}] (${386}) invalid number: ${args[i]}\n`);
          return 1;
        }
        vmBytes = b;
      } else if (a === '-t' || a === '--timeout') {
        const t = suffixed(val(), 'time');
        if (t === null) {
          await ctx.err(`stress: FAIL: [${me}] (${374}) invalid number: ${args[i]}\n`);
          return 1;
        }
        timeout = t;
      } else if (a === '-v' || a === '--verbose') continue;
      else if (a === '-q' || a === '--quiet') quiet = true;
      else if (['--vm-stride', '--vm-hang', '--hdd-bytes', '--backoff'].includes(a)) val();
      else if (a === '--vm-keep' || a === '-n' || a === '--dry-run') continue;
      else {
        await ctx.err(`stress: FAIL: [${me}] (244) unrecognized option: ${a}\n`);
        return 1;
      }
    }
    const info = async (msg: string) => {
      if (!quiet) await ctx.out(`stress: info: [${me}] ${msg}\n`);
    };
    await info(`dispatching hogs: ${n.cpu} cpu, ${n.io} io, ${n.vm} vm, ${n.hdd} hdd`);
    const start = ctx.kernel.clock.now();
    const workers: Process[] = [];
    const spin = async (p: Process) => {
      for (;;) await p.checkpoint();
    };
    const idle = async (p: Process) => {
      for (;;) await p.sleep(1000);
    };
    for (let i = 0; i < n.cpu; i++) workers.push(ctx.spawn({ argv: ['stress', ...args], entry: async (p) => spin(p) }));
    for (let i = 0; i < n.io + n.hdd; i++) workers.push(ctx.spawn({ argv: ['stress', ...args], entry: async (p) => idle(p) }));
    // vm workers allocate and touch --vm-bytes (charged a MiB at a time), then keep spinning.
    const vm = async (p: Process) => {
      for (let done = 0; done < vmBytes; done += 2 ** 20) {
        ctx.kernel.charge(p, Math.min(2 ** 20, vmBytes - done));
        await p.checkpoint();
      }
      return spin(p);
    };
    for (let i = 0; i < n.vm; i++) workers.push(ctx.spawn({ argv: ['stress', ...args], entry: async (p) => vm(p) }));
    let timedOut = false;
    const cancel = timeout ? ctx.kernel.clock.setTimer(timeout * 1000, () => {
      timedOut = true;
      for (const w of workers) ctx.kernel.signal(ctx.proc, w, SIG.SIGKILL);
    }) : () => {};
    let failed = false;
    try {
      for (const w of workers) {
        const r = await ctx.wait(w);
        if (!timedOut && r?.kind === 'exited' && r.status.signal !== undefined) {
          failed = true;
          await ctx.err(`stress: FAIL: [${me}] (415) <-- worker ${w.pidIn(ctx.proc.ns.pid)} got signal ${r.status.signal}\nstress: WARN: [${me}] (417) now reaping child worker processes\n`);
          for (const o of workers) if (!o.ended) ctx.kernel.signal(ctx.proc, o, SIG.SIGKILL);
        }
      }
    } finally {
      cancel();
    }
    const secs = Math.round((ctx.kernel.clock.now() - start) / 1000);
    if (failed) {
      await ctx.err(`stress: FAIL: [${me}] (451) failed run completed in ${secs}s\n`);
      return 1;
    }
    await info(`successful run completed in ${secs}s`);
    return 0;
  },
};
