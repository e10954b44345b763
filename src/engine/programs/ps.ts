import type { Ctx, ProgramSpec } from './context';
import { CLK_TCK } from '../vfs/procfs';
import { cpuTime, memTotalKb, readProcs, ttyName, uptimeSeconds, type ProcInfo } from './lib/procinfo';
import { userName } from './lib/users';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * ps: reads /proc, so it shows the processes of the caller's PID namespace with that namespace's
 * numbers. BSD syntax (`ps aux`), UNIX syntax (`ps -ef`, `-e`, `-p`, `-o`), and the default
 * (this terminal's processes).
 */
export const ps: ProgramSpec = {
  name: 'ps',
  summary: 'report a snapshot of the current processes',
  usage: 'ps [options]',
  description: 'Examples:\n  ps          processes on this terminal\n  ps aux      every process, BSD style, with user, CPU, memory, state and start time\n  ps -ef      every process, UNIX style, with parent PIDs\n  ps -p PID   one process\n  ps -o pid,ppid,user,stat,comm,args   chosen columns',
  async run(ctx: Ctx) {
    const args = ctx.args;
    let bsd = '';
    const unix = new Set<string>();
    let pids: number[] | null = null;
    let columns: string[] | null = null;
    let forest = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--forest') forest = true;
      else if (a === '-p' || a === '--pid') pids = (args[++i] ?? '').split(',').map(Number);
      else if (a === '-o' || a === '--format') columns = (args[++i] ?? '').split(',');
      else if (a.startsWith('-o') && a.length > 2) columns = a.slice(2).split(',');
      else if (a === '--help') {
        await ctx.out(`Usage: ps [options]\n\n${ps.description}\n`);
        return 0;
      } else if (a.startsWith('-')) for (const f of a.slice(1)) unix.add(f);
      else if (/^\d+$/.test(a)) pids = [...(pids ?? []), Number(a)];
      else bsd += a;
    }
    for (const f of unix) {
      if (!'efAaxlp'.includes(f)) {
        await ctx.err(`error: unsupported SysV option\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
        return 1;
      }
    }
    const procs = readProcs(ctx);
    const me = procs.find((p) => p.pid === ctx.proc.ownPid);
    const all = unix.has('e') || unix.has('A') || (bsd.includes('a') && bsd.includes('x'));
    let shown: ProcInfo[];
    if (pids) shown = procs.filter((p) => pids!.includes(p.pid));
    else if (all) shown = procs;
    else if (bsd.includes('x')) shown = procs.filter((p) => p.uid === ctx.proc.cred.uid);
    else if (bsd.includes('a')) shown = procs.filter((p) => p.ttyNr !== 0);
    else shown = procs.filter((p) => p.uid === ctx.proc.cred.uid && p.ttyNr === (me?.ttyNr ?? -1) && p.ttyNr !== 0);
    if (forest) shown = treeOrder(shown);
    const up = uptimeSeconds(ctx);
    const boot = ctx.kernel.clock.now() - up * 1000;
    const total = memTotalKb(ctx);
    const startOf = (p: ProcInfo) => {
      const d = new Date(boot + (p.startTicks / CLK_TCK) * 1000);
      return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
    };
    const statOf = (p: ProcInfo) => p.state + (p.sid === p.pid ? 's' : '') + (p.tpgid > 0 && p.tpgid === p.pgrp ? '+' : '');
    const cmdOf = (p: ProcInfo) => (p.state === 'Z' ? `[${p.comm}] <defunct>` : p.args.length ? p.args.join(' ') : `[${p.comm}]`);
    const pcpu = (p: ProcInfo) => {
      const life = up - p.startTicks / CLK_TCK;
      return life > 0 ? Math.min(100, ((p.cpuTicks / CLK_TCK) / life) * 100) : 0;
    };
    const indent = forest ? depths(shown) : new Map<number, number>();
    const withForest = (p: ProcInfo, text: string) => (forest && indent.get(p.pid) ? `${' '.repeat(indent.get(p.pid)! * 4 - 4)} \\_ ${text}` : text);

    let out = '';
    if (columns) {
      const defs: Record<string, [string, 'l' | 'r', (p: ProcInfo) => string]> = {
        pid: ['PID', 'r', (p) => String(p.pid)], ppid: ['PPID', 'r', (p) => String(p.ppid)], pgid: ['PGID', 'r', (p) => String(p.pgrp)],
        sid: ['SID', 'r', (p) => String(p.sid)], user: ['USER', 'l', (p) => userName(ctx, p.uid)], uid: ['UID', 'r', (p) => String(p.uid)],
        stat: ['STAT', 'l', statOf], state: ['S', 'l', (p) => p.state], comm: ['COMMAND', 'l', (p) => withForest(p, p.comm)],
        args: ['COMMAND', 'l', (p) => withForest(p, cmdOf(p))], cmd: ['CMD', 'l', (p) => withForest(p, cmdOf(p))], command: ['COMMAND', 'l', (p) => withForest(p, cmdOf(p))],
        tty: ['TT', 'l', (p) => ttyName(p.ttyNr)], time: ['TIME', 'r', (p) => cpuTime(p.cpuTicks, true)], rss: ['RSS', 'r', (p) => String(p.rssKb)],
        vsz: ['VSZ', 'r', (p) => String(p.vszKb)], '%cpu': ['%CPU', 'r', (p) => pcpu(p).toFixed(1)], '%mem': ['%MEM', 'r', (p) => ((p.rssKb / total) * 100).toFixed(1)],
        etime: ['ELAPSED', 'r', (p) => elapsed(up - p.startTicks / CLK_TCK)], start: ['STARTED', 'r', startOf], ni: ['NI', 'r', () => '0'], pri: ['PRI', 'r', () => '19'],
      };
      const cols = columns.map((c) => {
        const [name, header] = c.split('=');
        const d = defs[name.toLowerCase()];
        return d ? { header: header ?? d[0], align: d[1], get: d[2] } : null;
      });
      const bad = columns.find((_, i) => !cols[i]);
      if (bad !== undefined) {
        await ctx.err(`error: unknown user-defined format specifier "${bad}"\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
        return 1;
      }
      const rows = shown.map((p) => cols.map((c) => c!.get(p)));
      const widths = cols.map((c, i) => Math.max(c!.header.length, ...rows.map((r) => r[i].length), c!.align === 'r' ? 5 : 0));
      const fmt = (vals: string[]) => vals.map((v, i) => (i === vals.length - 1 && cols[i]!.align === 'l' ? v : cols[i]!.align === 'r' ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(' ');
      out += fmt(cols.map((c) => c!.header)) + '\n';
      for (const r of rows) out += fmt(r) + '\n';
    } else if (bsd.includes('u')) {
      out += 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
      for (const p of shown) {
        out += `${userName(ctx, p.uid).slice(0, 8).padEnd(8)} ${String(p.pid).padStart(7)} ${pcpu(p).toFixed(1).padStart(4)} ${((p.rssKb / total) * 100).toFixed(1).padStart(4)} ${String(p.vszKb).padStart(6)} ${String(p.rssKb).padStart(5)} ${ttyName(p.ttyNr).padEnd(8)} ${statOf(p).padEnd(4)} ${startOf(p)} ${cpuTime(p.cpuTicks, false).padStart(6)} ${withForest(p, cmdOf(p))}\n`;
      }
    } else if (unix.has('f')) {
      out += 'UID          PID    PPID  C STIME TTY          TIME CMD\n';
      for (const p of shown) {
        out += `${userName(ctx, p.uid).slice(0, 8).padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${startOf(p)} ${ttyName(p.ttyNr).padEnd(8)} ${cpuTime(p.cpuTicks, true)} ${withForest(p, cmdOf(p))}\n`;
      }
    } else if (bsd) {
      out += '    PID TTY      STAT   TIME COMMAND\n';
      for (const p of shown) out += `${String(p.pid).padStart(7)} ${ttyName(p.ttyNr).padEnd(8)} ${statOf(p).padEnd(6)} ${cpuTime(p.cpuTicks, false).padStart(4)} ${withForest(p, cmdOf(p))}\n`;
    } else {
      out += '    PID TTY          TIME CMD\n';
      for (const p of shown) out += `${String(p.pid).padStart(7)} ${ttyName(p.ttyNr).padEnd(8)} ${cpuTime(p.cpuTicks, true)} ${withForest(p, p.comm)}\n`;
    }
    await ctx.out(out);
    return pids && shown.length === 0 ? 1 : 0;
  },
};

function elapsed(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const base = `${two(m)}:${two(s % 60)}`;
  if (d) return `${d}-${two(h)}:${base}`;
  return h ? `${two(h)}:${base}` : base;
}

function treeOrder(procs: ProcInfo[]): ProcInfo[] {
  const byParent = new Map<number, ProcInfo[]>();
  const pids = new Set(procs.map((p) => p.pid));
  for (const p of procs) {
    const parent = pids.has(p.ppid) ? p.ppid : 0;
    byParent.set(parent, [...(byParent.get(parent) ?? []), p]);
  }
  const out: ProcInfo[] = [];
  const walk = (pid: number) => {
    for (const c of byParent.get(pid) ?? []) {
      out.push(c);
      walk(c.pid);
    }
  };
  walk(0);
  return out;
}

function depths(procs: ProcInfo[]): Map<number, number> {
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const out = new Map<number, number>();
  for (const p of procs) {
    let d = 0;
    for (let q = byPid.get(p.ppid); q; q = byPid.get(q.ppid)) d++;
    out.set(p.pid, d);
  }
  return out;
}
