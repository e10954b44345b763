import type { Kernel } from '../kernel/kernel';
import type { Process } from '../kernel/process';
import type { PidNamespace } from '../kernel/pidns';
import type { OpenFile } from '../kernel/file';
import type { Caller } from './backend';
import { SyntheticFs, type SynthNode } from './synthetic';

/** Clock ticks per second (sysconf(_SC_CLK_TCK)), the unit of /proc/PID/stat times. */
export const CLK_TCK = 100;

const STATE_NAMES: Record<string, string> = { R: 'R (running)', S: 'S (sleeping)', T: 'T (stopped)', Z: 'Z (zombie)' };

/** The tty number /proc/PID/stat shows: major 136 (pts) and the pts index. */
function ttyNr(proc: Process): number {
  if (!proc.tty) return 0;
  const m = /\/dev\/pts\/(\d+)/.exec(proc.tty.name);
  return m ? (136 << 8) | Number(m[1]) : (4 << 8) | 1;
}

/**
 * procfs: process information generated from the kernel's process table, as one PID namespace
 * sees it. `ps`, `top` and `pstree` read it, so a container's /proc shows the container's own
 * numbering because it is a procfs of the container's namespace.
 */
export class ProcFs extends SyntheticFs {
  readonly fsType = 'proc';

  constructor(private readonly kernel: Kernel, readonly pidNs: PidNamespace, private readonly memTotalKb = 8 * 1024 * 1024) {
    super(() => kernel.clock.now());
  }

  private visible(): number[] {
    return [...this.pidNs.byPid.entries()].filter(([, p]) => !p.ended || p.parent).map(([pid]) => pid).sort((a, b) => a - b);
  }

  private pidOf(p: Process): number {
    return p.pidIn(this.pidNs) ?? 0;
  }

  private self(caller: Caller): number | undefined {
    return caller.proc ? caller.proc.pidIn(this.pidNs) : undefined;
  }

  override openMagic(p: string, caller: Caller): OpenFile | undefined {
    const m = /^\/(\d+|self)\/fd\/(\d+)$/.exec(p);
    if (!m) return undefined;
    const pid = m[1] === 'self' ? this.self(caller) : Number(m[1]);
    const proc = pid === undefined ? undefined : this.pidNs.byPid.get(pid);
    return proc?.fds.get(Number(m[2]))?.retain();
  }

  protected node(p: string, caller: Caller): SynthNode | undefined {
    const parts = p.split('/').filter(Boolean);
    if (parts.length === 0) {
      return { type: 'dir', entries: () => [...this.visible().map(String), ...Object.keys(this.globals()), 'self', 'thread-self'].sort() };
    }
    const [head, ...rest] = parts;
    if (head === 'self' || head === 'thread-self') {
      if (rest.length > 0) return undefined;
      const me = this.self(caller);
      return me === undefined ? undefined : { type: 'symlink', target: () => (head === 'self' ? String(me) : `${me}/task/${me}`) };
    }
    if (/^\d+$/.test(head)) {
      const proc = this.pidNs.byPid.get(Number(head));
      if (!proc) return undefined;
      return this.procNode(proc, rest);
    }
    if (rest.length > 0) return undefined;
    const g = this.globals()[head];
    return g;
  }

  private globals(): Record<string, SynthNode> {
    const k = this.kernel;
    const uptime = (k.clock.now() - k.bootTime) / 1000;
    const file = (read: () => string): SynthNode => ({ type: 'file', read });
    return {
      uptime: file(() => `${uptime.toFixed(2)} ${(uptime * 1.9).toFixed(2)}\n`),
      loadavg: file(() => `0.08 0.03 0.01 1/${this.visible().length} ${this.visible().at(-1) ?? 1}\n`),
      version: file(() => 'Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)\n'),
      meminfo: file(() => this.meminfo()),
      cpuinfo: file(() => [0, 1].map((n) => `processor\t: ${n}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\ncpu MHz\t\t: 2200.000\ncache size\t: 56320 KB\ncpu cores\t: 2\n`).join('\n')),
      filesystems: file(() => 'nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\tcgroup2\nnodev\tdevpts\nnodev\toverlay\n\text4\n'),
      mounts: { type: 'symlink', target: () => 'self/mounts' },
      stat: file(() => `cpu  0 0 0 0 0 0 0 0 0 0\nbtime ${Math.floor(k.bootTime / 1000)}\nprocesses ${k.procs.size}\nprocs_running 1\n`),
    };
  }

  private meminfo(): string {
    let usedKb = 0;
    for (const p of this.kernel.procs.values()) usedKb += p.ended ? 0 : p.rssKb;
    const total = this.memTotalKb;
    const buffers = 2048 * 16;
    const cached = 512 * 1024;
    const free = Math.max(0, total - usedKb - buffers - cached - 300 * 1024);
    const rows: [string, number][] = [
      ['MemTotal', total], ['MemFree', free], ['MemAvailable', free + cached + buffers], ['Buffers', buffers],
      ['Cached', cached], ['SwapCached', 0], ['Active', usedKb + cached / 2], ['Inactive', cached / 2],
      ['SwapTotal', 0], ['SwapFree', 0], ['Shmem', 1024], ['Slab', 120 * 1024], ['SReclaimable', 80 * 1024],
    ];
    return rows.map(([k, v]) => `${(k + ':').padEnd(16)}${String(Math.round(v)).padStart(8)} kB\n`).join('');
  }

  private procNode(proc: Process, rest: string[]): SynthNode | undefined {
    const k = this.kernel;
    const file = (read: () => string, mode = 0o444): SynthNode => ({ type: 'file', read, mode, uid: proc.cred.uid, gid: proc.cred.gid });
    const link = (target: () => string): SynthNode => ({ type: 'symlink', target, uid: proc.cred.uid, gid: proc.cred.gid });
    const nsList = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'uts', 'user'] as const;
    const inum = (kind: (typeof nsList)[number]): number => (kind === 'mnt' ? proc.ns.mnt.inum : proc.ns[kind].inum);
    if (rest.length === 0) {
      return { type: 'dir', entries: () => ['cgroup', 'cmdline', 'comm', 'cwd', 'environ', 'exe', 'fd', 'mountinfo', 'mounts', 'ns', 'root', 'stat', 'status'], uid: proc.cred.uid, gid: proc.cred.gid };
    }
    const [what, sub, ...more] = rest;
    if (more.length > 0) return undefined;
    if (what === 'fd') {
      if (sub === undefined) return { type: 'dir', entries: () => [...proc.fds.keys()].sort((a, b) => a - b).map(String), mode: 0o500, uid: proc.cred.uid, gid: proc.cred.gid };
      const f = proc.fds.get(Number(sub));
      return f ? link(() => f.name) : undefined;
    }
    if (what === 'ns') {
      if (sub === undefined) return { type: 'dir', entries: () => [...nsList], mode: 0o511, uid: proc.cred.uid, gid: proc.cred.gid };
      if (!(nsList as readonly string[]).includes(sub)) return undefined;
      return link(() => `${sub}:[${inum(sub as (typeof nsList)[number])}]`);
    }
    if (sub !== undefined) return undefined;
    switch (what) {
      case 'cgroup':
        // cgroup v2's one line; inside a container (its own cgroup namespace) the path is `/`.
        return file(() => `0::${this.pidNs.level > 0 ? '/' : proc.cgroup.path}\n`);
      case 'cmdline':
        return file(() => (proc.ended ? '' : proc.argv.join('\0') + '\0'));
      case 'comm':
        return file(() => proc.comm + '\n', 0o644);
      case 'environ':
        return file(() => Object.entries(proc.env).map(([a, b]) => `${a}=${b}\0`).join(''), 0o400);
      case 'cwd':
        return link(() => proc.cwd);
      case 'root':
        return link(() => '/');
      case 'exe':
        return link(() => proc.exe);
      case 'mounts':
        return file(() => mountLines(proc, false));
      case 'mountinfo':
        return file(() => mountLines(proc, true));
      case 'status':
        return file(() => this.status(proc));
      case 'stat': {
        return file(() => {
          const parent = proc.parent ? this.pidOf(proc.parent) : 0;
          const pg = this.pidNs.byPid.get(proc.pgid) ? proc.pgid : proc.pgid;
          const start = Math.floor(((proc.startTime - k.bootTime) / 1000) * CLK_TCK);
          const ticks = Math.floor((proc.cpuMs / 1000) * CLK_TCK);
          const tpgid = proc.tty ? proc.tty.fgPgrp || -1 : -1;
          const fields = [
            this.pidOf(proc), `(${proc.comm})`, proc.state, parent, this.nsNum(pg), this.nsNum(proc.sid), ttyNr(proc), tpgid > 0 ? this.nsNum(tpgid) : -1,
            4194560, 0, 0, 0, 0, ticks, 0, 0, 0, 20, 0, 1, 0, start, proc.vszKb * 1024, Math.floor(proc.rssKb / 4),
          ];
          return fields.join(' ') + '\n';
        });
      }
      default:
        return undefined;
    }
  }

  /** A host PID (of a group or session leader) as numbered in this namespace. */
  private nsNum(hostPid: number): number {
    const p = this.kernel.procs.get(hostPid);
    return p?.pidIn(this.pidNs) ?? 0;
  }

  private status(proc: Process): string {
    const ids = (a: number) => `${a}\t${a}\t${a}\t${a}`;
    const lineage = proc.ns.pid.lineage();
    const fromHere = lineage.indexOf(this.pidNs);
    const nsPids = proc.nsPids.slice(Math.max(0, fromHere)).join('\t');
    return [
      `Name:\t${proc.comm}`,
      `Umask:\t${proc.umask.toString(8).padStart(4, '0')}`,
      `State:\t${STATE_NAMES[proc.state]}`,
      `Tgid:\t${this.pidOf(proc)}`,
      `Ngid:\t0`,
      `Pid:\t${this.pidOf(proc)}`,
      `PPid:\t${proc.parent ? this.pidOf(proc.parent) : 0}`,
      `TracerPid:\t0`,
      `Uid:\t${ids(proc.cred.uid)}`,
      `Gid:\t${ids(proc.cred.gid)}`,
      `FDSize:\t64`,
      `Groups:\t${proc.cred.groups.join(' ')} `,
      `NStgid:\t${nsPids}`,
      `NSpid:\t${nsPids}`,
      `NSpgid:\t${this.nsNum(proc.pgid)}`,
      `NSsid:\t${this.nsNum(proc.sid)}`,
      `VmPeak:\t${String(proc.vszKb).padStart(8)} kB`,
      `VmSize:\t${String(proc.vszKb).padStart(8)} kB`,
      `VmRSS:\t${String(proc.rssKb).padStart(8)} kB`,
      `Threads:\t1`,
      `SigQ:\t0/31304`,
      `SigPnd:\t0000000000000000`,
      `SigBlk:\t0000000000000000`,
      `SigIgn:\t${maskHex([...proc.ignored])}`,
      `SigCgt:\t${maskHex([...proc.handlers.keys()])}`,
      `voluntary_ctxt_switches:\t1`,
      `nonvoluntary_ctxt_switches:\t0`,
    ].join('\n') + '\n';
  }
}

function maskHex(sigs: number[]): string {
  let m = 0n;
  for (const s of sigs) m |= 1n << BigInt(s - 1);
  return m.toString(16).padStart(16, '0');
}

/** /proc/PID/mounts (fstab format) or mountinfo lines for the process's mount namespace. */
function mountLines(proc: Process, info: boolean): string {
  const mounts = proc.ns.mnt.mounts.filter((m) => !m.internal);
  return mounts
    .map((m) => {
      const opts = m.options.join(',');
      if (!info) return `${m.source} ${m.path} ${m.backend.fsType} ${opts} 0 0\n`;
      const parent = mounts.filter((x) => x !== m && (x.path === '/' || m.path.startsWith(x.path + '/'))).at(-1) ?? m;
      return `${m.id} ${parent.id} 0:${m.id} / ${m.path} ${opts} shared:1 - ${m.backend.fsType} ${m.source} ${opts}\n`;
    })
    .join('');
}
