import type { Ctx, ProgramSpec } from './context';
import { CLK_TCK } from '../vfs/procfs';
import { memTotalKb, readProcs, selfPid, ttyName, uptimeSeconds, type ProcInfo } from './lib/procinfo';
import { groupName, readPasswd, userName } from './lib/users';

const two = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Debian's pid_max is 4194304, so procps 4 makes PID columns 7 wide. */
const PIDW = 7;

/** What a column needs to know besides the process. */
interface Env {
  now: number;
  boot: number;
  up: number;
  memKb: number;
  /** `ps -f` shows full command lines where `comm` would show the name. */
  full: boolean;
  user: (uid: number) => string;
  group: (gid: number) => string;
}

/** One output column: procps' format_array entry (header, width, alignment, printer). */
interface Column {
  header: string;
  width: number;
  align: 'l' | 'r';
  get: (p: ProcInfo, e: Env) => string;
}

const elapsedOf = (p: ProcInfo, e: Env) => Math.max(0, e.up - p.startTicks / CLK_TCK);
const startMs = (p: ProcInfo, e: Env) => e.boot + (p.startTicks / CLK_TCK) * 1000;
const isZombie = (p: ProcInfo) => p.state === 'Z';

/** args/cmd/command: the command line; `[comm]` when there is none; zombies are `<defunct>`. */
function argsOf(p: ProcInfo): string {
  if (isZombie(p)) return `[${p.comm}] <defunct>`;
  return p.args.length ? p.args.join(' ') : `[${p.comm}]`;
}

/** comm/ucmd: the executable's name (the full command line under -f). */
function commOf(p: ProcInfo, e: Env): string {
  if (e.full) return argsOf(p);
  return isZombie(p) ? `${p.comm} <defunct>` : p.comm;
}

/** pr_stime: `HH:MM` today, `MonDD` this year, else the year. */
function stime(p: ProcInfo, e: Env): string {
  const d = new Date(startMs(p, e));
  const n = new Date(e.now);
  if (d.getUTCFullYear() !== n.getUTCFullYear()) return String(d.getUTCFullYear());
  if (d.toISOString().slice(0, 10) !== n.toISOString().slice(0, 10)) return `${MONTHS[d.getUTCMonth()]}${two(d.getUTCDate())}`;
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** pr_start: `HH:MM:SS` within a day, else `  Mon DD`. */
function started(p: ProcInfo, e: Env): string {
  const t = startMs(p, e);
  const d = new Date(t);
  if (t + 86400000 > e.now) return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `  ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())}`;
}

/** pr_etime: `[[dd-]hh:]mm:ss`. */
function etime(seconds: number): string {
  const t = Math.floor(seconds);
  const ss = t % 60;
  const mm = Math.floor(t / 60) % 60;
  const hh = Math.floor(t / 3600) % 24;
  const dd = Math.floor(t / 86400);
  return `${dd ? `${dd}-` : ''}${dd || hh ? `${two(hh)}:` : ''}${two(mm)}:${two(ss)}`;
}

/** pr_time: `[dd-]hh:mm:ss` of CPU time. */
function cputime(ticks: number): string {
  const t = Math.floor(ticks / CLK_TCK);
  const dd = Math.floor(t / 86400);
  return `${dd ? `${dd}-` : ''}${two(Math.floor(t / 3600) % 24)}:${two(Math.floor(t / 60) % 60)}:${two(t % 60)}`;
}

/** %CPU in per-mill of the process's lifetime, as `##.#`. */
function pcpu(p: ProcInfo, e: Env): string {
  const jiffies = elapsedOf(p, e) * CLK_TCK;
  const v = jiffies ? Math.floor((p.cpuTicks * 1000) / jiffies) : 0;
  return v > 999 ? String(Math.floor(v / 10)) : `${Math.floor(v / 10)}.${v % 10}`;
}

/** A user (or group) name cut to `width` with procps' `+` marker. */
function fitName(name: string, width: number): string {
  return name.length > width ? name.slice(0, width - 1) + '+' : name;
}

const stat = (p: ProcInfo) => p.state + (p.sid === p.pid ? 's' : '') + (p.tpgid > 0 && p.pgrp === p.tpgid ? '+' : '');

/** The format specifiers ps knows (a subset of procps' table, with its widths and headers). */
const COLUMNS: Record<string, Column> = {
  '%cpu': { header: '%CPU', width: 4, align: 'r', get: pcpu },
  pcpu: { header: '%CPU', width: 4, align: 'r', get: pcpu },
  '%mem': { header: '%MEM', width: 4, align: 'r', get: (p, e) => { const v = Math.min(999, Math.floor((p.rssKb * 1000) / e.memKb)); return `${Math.floor(v / 10)}.${v % 10}`; } },
  args: { header: 'COMMAND', width: 27, align: 'l', get: argsOf },
  command: { header: 'COMMAND', width: 27, align: 'l', get: argsOf },
  cmd: { header: 'CMD', width: 27, align: 'l', get: argsOf },
  comm: { header: 'COMMAND', width: 15, align: 'l', get: commOf },
  ucmd: { header: 'CMD', width: 15, align: 'l', get: commOf },
  ucomm: { header: 'COMMAND', width: 15, align: 'l', get: commOf },
  bsdtime: { header: 'TIME', width: 6, align: 'r', get: (p) => { const s = Math.floor(p.cpuTicks / CLK_TCK); return `${String(Math.floor(s / 60)).padStart(3)}:${two(s % 60)}`; } },
  c: { header: 'C', width: 2, align: 'r', get: (p, e) => { const j = elapsedOf(p, e) * CLK_TCK; return String(Math.min(99, j ? Math.floor((p.cpuTicks * 100) / j) : 0)).padStart(2); } },
  etime: { header: 'ELAPSED', width: 11, align: 'r', get: (p, e) => etime(elapsedOf(p, e)) },
  etimes: { header: 'ELAPSED', width: 7, align: 'r', get: (p, e) => String(Math.floor(elapsedOf(p, e))) },
  pid: { header: 'PID', width: PIDW, align: 'r', get: (p) => String(p.pid) },
  ppid: { header: 'PPID', width: PIDW, align: 'r', get: (p) => String(p.ppid) },
  pgid: { header: 'PGID', width: PIDW, align: 'r', get: (p) => String(p.pgrp) },
  pgrp: { header: 'PGRP', width: PIDW, align: 'r', get: (p) => String(p.pgrp) },
  sid: { header: 'SID', width: PIDW, align: 'r', get: (p) => String(p.sid) },
  sess: { header: 'SESS', width: PIDW, align: 'r', get: (p) => String(p.sid) },
  tpgid: { header: 'TPGID', width: PIDW, align: 'r', get: (p) => String(p.tpgid) },
  stat: { header: 'STAT', width: 4, align: 'l', get: stat },
  state: { header: 'S', width: 1, align: 'l', get: (p) => p.state },
  s: { header: 'S', width: 1, align: 'l', get: (p) => p.state },
  start: { header: 'STARTED', width: 8, align: 'r', get: started },
  start_time: { header: 'START', width: 5, align: 'r', get: stime },
  stime: { header: 'STIME', width: 5, align: 'r', get: stime },
  time: { header: 'TIME', width: 8, align: 'r', get: (p) => cputime(p.cpuTicks) },
  cputime: { header: 'TIME', width: 8, align: 'r', get: (p) => cputime(p.cpuTicks) },
  tname: { header: 'TTY', width: 8, align: 'l', get: (p) => ttyName(p.ttyNr) },
  tty: { header: 'TT', width: 8, align: 'l', get: (p) => ttyName(p.ttyNr) },
  tt: { header: 'TT', width: 8, align: 'l', get: (p) => ttyName(p.ttyNr) },
  uid: { header: 'UID', width: 5, align: 'r', get: (p) => String(p.uid) },
  euid: { header: 'EUID', width: 5, align: 'r', get: (p) => String(p.uid) },
  user: { header: 'USER', width: 8, align: 'l', get: (p, e) => fitName(e.user(p.uid), 8) },
  euser: { header: 'EUSER', width: 8, align: 'l', get: (p, e) => fitName(e.user(p.uid), 8) },
  ruser: { header: 'RUSER', width: 8, align: 'l', get: (p, e) => fitName(e.user(p.uid), 8) },
  uname: { header: 'USER', width: 8, align: 'l', get: (p, e) => fitName(e.user(p.uid), 8) },
  gid: { header: 'GID', width: 5, align: 'r', get: (p) => String(p.gid) },
  group: { header: 'GROUP', width: 8, align: 'l', get: (p, e) => fitName(e.group(p.gid), 8) },
  vsz: { header: 'VSZ', width: 6, align: 'r', get: (p) => String(p.vszKb) },
  vsize: { header: 'VSZ', width: 6, align: 'r', get: (p) => String(p.vszKb) },
  rss: { header: 'RSS', width: 5, align: 'r', get: (p) => String(p.rssKb) },
  rssize: { header: 'RSS', width: 5, align: 'r', get: (p) => String(p.rssKb) },
  ni: { header: 'NI', width: 3, align: 'r', get: () => '0' },
  nice: { header: 'NI', width: 3, align: 'r', get: () => '0' },
  pri: { header: 'PRI', width: 3, align: 'r', get: () => '19' },
  nlwp: { header: 'NLWP', width: 4, align: 'r', get: () => '1' },
};

/** A chosen column: its definition and the header it prints. */
type Chosen = { col: Column; header: string };

const USAGE_TAIL = "\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n";

/**
 * ps: reads /proc through the caller's mount namespace, so it shows the processes of the PID
 * namespace that /proc belongs to, with that namespace's numbers (DESIGN.md rule 3). BSD syntax
 * (`ps aux`, `ps ax`, `ps u`), UNIX syntax (`-e`, `-A`, `-f`, `-p`, `-u`, `-o`) and the default
 * (the caller's user on the caller's terminal).
 * @sim partial: no threads, no sorting options, no `--forest`; priorities and nice values are fixed.
 */
export const ps: ProgramSpec = {
  name: 'ps',
  summary: 'report a snapshot of the current processes',
  usage: 'ps [options]',
  description: 'ps displays information about a selection of the active processes.\n\nExamples:\n  ps          processes of this user on this terminal\n  ps aux      every process, BSD style, with user, CPU, memory, state and start time\n  ps -ef      every process, UNIX style, with parent PIDs\n  ps -p PID   one process\n  ps -o pid,ppid,user,stat,comm,args   chosen columns',
  async run(ctx: Ctx) {
    const args = ctx.args;
    let bsd = '';
    const unix = new Set<string>();
    const pids: number[] = [];
    const users: string[] = [];
    const formats: string[] = [];
    let bsdPids = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const value = (flag: string): string | undefined => (a.length > flag.length ? a.slice(flag.length).replace(/^=/, '') : args[++i]);
      if (a === '--help') {
        await ctx.out(`\nUsage:\n ps [options]\n\n${ps.description}\n\nFor more details see ps(1).\n`);
        return 0;
      } else if (a === '-p' || a.startsWith('--pid') || (a.startsWith('-p') && /^-p\d/.test(a))) {
        const v = value(a.startsWith('--') ? '--pid' : '-p');
        if (v === undefined || !/^\d+([ ,]\d+)*$/.test(v)) {
          await ctx.err(`error: ${v === undefined ? 'list of process IDs must follow -p' : 'process ID list syntax error'}\n${USAGE_TAIL}`);
          return 1;
        }
        pids.push(...v.split(/[ ,]/).map(Number));
      } else if (a === '-u' || a === '-U' || a.startsWith('--user')) {
        const v = value(a.startsWith('--') ? '--user' : a);
        if (v === undefined) {
          await ctx.err(`error: list of users must follow ${a}\n${USAGE_TAIL}`);
          return 1;
        }
        users.push(...v.split(','));
      } else if (a === '-o' || a === '--format' || a.startsWith('--format=') || (a.startsWith('-o') && a.length > 2)) {
        const v = a.startsWith('--format=') ? a.slice(9) : a.length > 2 && !a.startsWith('--') ? a.slice(2) : args[++i];
        if (v === undefined) {
          await ctx.err(`error: improper format list\n${USAGE_TAIL}`);
          return 1;
        }
        formats.push(v);
      } else if (a.startsWith('--')) {
        await ctx.err(`error: unknown gnu long option\n${USAGE_TAIL}`);
        return 1;
      } else if (a.startsWith('-')) {
        for (const f of a.slice(1)) {
          if (!'efAaxlj'.includes(f)) {
            await ctx.err(`error: unsupported SysV option\n${USAGE_TAIL}`);
            return 1;
          }
          unix.add(f);
        }
      } else if (/^\d+(,\d+)*$/.test(a)) {
        pids.push(...a.split(',').map(Number));
        bsdPids = true;
      } else {
        for (const f of a) {
          if (f === 'p') bsdPids = true;
          else if (!'auxfwlcehjrST'.includes(f)) {
            await ctx.err(`error: unsupported option (BSD syntax)\n${USAGE_TAIL}`);
            return 1;
          }
        }
        bsd += a;
      }
    }
    void bsdPids;

    // Column choice: -o, then BSD u, then UNIX -f, then BSD, then the default.
    let chosen: Chosen[];
    if (formats.length) {
      chosen = [];
      for (const spec of formats) {
        const parsed = parseFormat(spec);
        if (typeof parsed === 'string') {
          await ctx.err(`error: unknown user-defined format specifier "${parsed}"\n${USAGE_TAIL}`);
          return 1;
        }
        chosen.push(...parsed);
      }
    } else {
      const names = bsd.includes('u')
        ? ['user', 'pid', '%cpu', '%mem', 'vsz', 'rss', 'tname', 'stat', 'start_time', 'bsdtime', 'args']
        : unix.has('f')
          ? ['user', 'pid', 'ppid', 'c', 'stime', 'tname', 'time', 'cmd']
          : bsd
            ? ['pid', 'tname', 'stat', 'bsdtime', 'args']
            : ['pid', 'tname', 'time', 'ucmd'];
      // -f labels its user column UID, as procps' "f" format does.
      chosen = names.map((n) => ({ col: COLUMNS[n], header: unix.has('f') && n === 'user' ? 'UID' : COLUMNS[n].header }));
    }

    // Selection, as procps' select.c decides it.
    const procs = readProcs(ctx);
    const me = procs.find((p) => p.pid === selfPid(ctx));
    const euid = ctx.proc.cred.uid;
    const passwd = readPasswd(ctx);
    const uidsOf = (list: string[]) => list.map((u) => (/^\d+$/.test(u) ? Number(u) : passwd.find((x) => x.name === u)?.uid ?? -1));
    const wantUids = uidsOf(users);
    const bsdA = bsd.includes('a');
    const bsdX = bsd.includes('x');
    let shown: ProcInfo[];
    if (unix.has('e') || unix.has('A') || (bsdA && bsdX)) shown = procs;
    else if (pids.length || users.length) shown = procs.filter((p) => pids.includes(p.pid) || wantUids.includes(p.uid));
    else if (bsdA) shown = procs.filter((p) => p.ttyNr !== 0);
    else if (bsdX) shown = procs.filter((p) => p.uid === euid);
    else if (unix.has('a')) shown = procs.filter((p) => p.ttyNr !== 0 && p.sid !== p.pid);
    else shown = procs.filter((p) => p.uid === euid && p.ttyNr === (me?.ttyNr ?? 0));

    const up = uptimeSeconds(ctx);
    const now = ctx.kernel.clock.now();
    const env: Env = {
      now,
      boot: now - up * 1000,
      up,
      memKb: memTotalKb(ctx),
      full: unix.has('f'),
      user: (uid) => userName(ctx, uid),
      group: (gid) => groupName(ctx, gid),
    };
    const lines: string[] = [];
    if (chosen.some((c) => c.header !== '')) lines.push(formatRow(chosen, chosen.map((c) => c.header)));
    for (const p of shown) lines.push(formatRow(chosen, chosen.map((c) => c.col.get(p, env))));
    // On a terminal ps cuts lines at its width; into a pipe or file they are unlimited.
    const width = ctx.isatty(1) ? ctx.proc.tty?.cols ?? 80 : Infinity;
    await ctx.out(lines.map((l) => (l.length > width ? l.slice(0, width) : l) + '\n').join(''));
    return shown.length === 0 ? 1 : 0;
  },
};

/** Parses `pid,ppid,comm=NAME` (a header after `=` runs to the end); returns the bad name on error. */
function parseFormat(spec: string): Chosen[] | string {
  const out: Chosen[] = [];
  let rest = spec;
  while (rest.length) {
    const m = /^[\s,]*([^\s,=]+)(=?)/.exec(rest);
    if (!m) break;
    const col = COLUMNS[m[1].toLowerCase()];
    if (!col) return m[1];
    if (m[2]) {
      out.push({ col, header: rest.slice(m[0].length) });
      break;
    }
    out.push({ col, header: col.header });
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** One line: every column padded to its width, the last left-aligned one unpadded. */
function formatRow(cols: Chosen[], vals: string[]): string {
  return vals
    .map((v, i) => {
      const { col } = cols[i];
      const last = i === vals.length - 1;
      const width = Math.max(col.width, cols[i].header.length);
      if (col.align === 'r') return v.padStart(width);
      if (last) return v;
      const fitted = v.length > col.width && col.width >= 15 ? v.slice(0, col.width) : v;
      return fitted.padEnd(width);
    })
    .join(' ');
}
