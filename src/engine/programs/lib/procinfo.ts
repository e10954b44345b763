import type { Ctx } from '../context';
import { CLK_TCK } from '../../vfs/procfs';

/** One process as read from /proc/PID/{stat,status,cmdline}. */
export interface ProcInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  sid: number;
  tpgid: number;
  comm: string;
  state: string;
  ttyNr: number;
  uid: number;
  gid: number;
  startTicks: number;
  cpuTicks: number;
  vszKb: number;
  rssKb: number;
  args: string[];
}

/** Reads every process visible in the caller's /proc (its PID namespace's view). */
export function readProcs(ctx: Ctx): ProcInfo[] {
  const out: ProcInfo[] = [];
  let names: string[];
  try {
    names = ctx.fs.readdir(ctx.proc, '/proc');
  } catch {
    return out;
  }
  for (const n of names.filter((x) => /^\d+$/.test(x)).sort((a, b) => Number(a) - Number(b))) {
    try {
      const stat = ctx.fs.readText(ctx.proc, `/proc/${n}/stat`);
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(open + 1, close);
      const f = stat.slice(close + 2).trim().split(' ');
      const status = ctx.fs.readText(ctx.proc, `/proc/${n}/status`);
      const uid = Number(/^Uid:\t(\d+)/m.exec(status)?.[1] ?? 0);
      const gid = Number(/^Gid:\t(\d+)/m.exec(status)?.[1] ?? 0);
      const rss = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const vsz = Number(/^VmSize:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const cmdline = ctx.fs.readText(ctx.proc, `/proc/${n}/cmdline`);
      out.push({
        pid: Number(n), comm, state: f[0], ppid: Number(f[1]), pgrp: Number(f[2]), sid: Number(f[3]), ttyNr: Number(f[4]), tpgid: Number(f[5]),
        uid, gid, cpuTicks: Number(f[11]) + Number(f[12]), startTicks: Number(f[19]), vszKb: vsz, rssKb: rss,
        args: cmdline ? cmdline.replace(/\0$/, '').split('\0') : [],
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** The caller's PID as its /proc numbers it (the target of /proc/self), or undefined. */
export function selfPid(ctx: Ctx): number | undefined {
  try {
    return Number(ctx.fs.readlink(ctx.proc, '/proc/self'));
  } catch {
    return undefined;
  }
}

/** `pts/0` for a tty number, `?` for none. */
export function ttyName(nr: number): string {
  if (!nr) return '?';
  const major = nr >> 8;
  const minor = nr & 0xff;
  return major === 136 ? `pts/${minor}` : major === 4 ? `tty${minor}` : '?';
}

/** Seconds since boot from /proc/uptime. */
export function uptimeSeconds(ctx: Ctx): number {
  try {
    return Number(ctx.fs.readText(ctx.proc, '/proc/uptime').split(' ')[0]);
  } catch {
    return 0;
  }
}

/** The fields of /proc/meminfo, in KiB. */
export function readMeminfo(ctx: Ctx): Record<string, number> {
  const info: Record<string, number> = {};
  for (const line of ctx.fs.readText(ctx.proc, '/proc/meminfo').split('\n')) {
    const m = /^(\w+):\s+(\d+)/.exec(line);
    if (m) info[m[1]] = Number(m[2]);
  }
  return info;
}

/** Total memory in KiB from /proc/meminfo. */
export function memTotalKb(ctx: Ctx): number {
  try {
    return readMeminfo(ctx).MemTotal ?? 1;
  } catch {
    return 1;
  }
}

/** The three load averages from /proc/loadavg, as `0.08, 0.03, 0.01`. */
export function loadAverages(ctx: Ctx): string {
  try {
    return ctx.fs.readText(ctx.proc, '/proc/loadavg').split(' ').slice(0, 3).join(', ');
  } catch {
    return '0.00, 0.00, 0.00';
  }
}

/** `[[dd-]hh:]mm:ss` CPU time. */
export function cpuTime(ticks: number, long: boolean): string {
  const s = Math.floor(ticks / CLK_TCK);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return long ? `${two(hh)}:${two(mm)}:${two(ss)}` : `${Math.floor(s / 60)}:${two(ss)}`;
}
