import { TcpTable } from './tcp';
import { NetNamespace } from './netns';
import { Cgroup } from './cgroup';
import { Process, type Cred, type ExitStatus, type Namespaces } from './process';
import type { OpenFile } from './file';
import { PidNamespace, PlainNamespace, UtsNamespace } from './pidns';
import { SysError } from './errors';
import { SIG, defaultAction } from './signals';
import { EventBus } from './events';
import type { Clock } from './clock';
import type { Random } from './random';
import type { Vfs } from '../vfs/vfs';

/** The code a process runs: returns its exit status. */
export type Entry = (proc: Process) => Promise<number>;

/**
 * A binary format handler (binfmt): given an executable file's bytes, says how to run it: as code
 * of the simulator's own (an "ELF" program), through an interpreter (`#!`), or not at all (null).
 */
export type Binfmt = (file: { path: string; data: Uint8Array }) => { entry: Entry } | { interpreter: string; arg?: string } | null;

/**
 * binfmt_script: a file starting with `#!` runs its interpreter, with the optional single argument
 * the line gives, then the script's path (as Linux splits the line: at the first blank only).
 */
/** The most memory one process may charge before the host's OOM killer ends it (the simulator keeps real buffers). */
export const PROCESS_MEMORY_CEILING = 512 * 2 ** 20;

export const binfmtScript: Binfmt = ({ data }) => {
  if (data[0] !== 0x23 || data[1] !== 0x21) return null;
  const end = data.indexOf(0x0a);
  const line = new TextDecoder().decode(data.subarray(2, end < 0 ? Math.min(data.length, 256) : end)).trim();
  if (!line) return null;
  const m = /^(\S+)(?:[ \t]+(.*))?$/.exec(line)!;
  return m[2] !== undefined ? { interpreter: m[1], arg: m[2].trim() } : { interpreter: m[1] };
};

/** What `resolveExec` found: the code to run and the argv it runs with. */
export interface Executable {
  entry: Entry;
  argv: string[];
  exe: string;
}

/** How to create a process (fork + exec in one, like posix_spawn). */
export interface SpawnOptions {
  /** The parent; null only for the host's init. */
  parent: Process | null;
  argv: string[];
  /** The code to run; otherwise `path` is executed. */
  entry?: Entry;
  /** A file to execute, resolved in the parent's mount namespace. */
  path?: string;
  /** The cgroup to start in; the parent's by default. */
  cgroup?: Cgroup;
  env?: Record<string, string>;
  cwd?: string;
  cred?: Cred;
  /** Descriptors for the child; each is retained. Defaults to a copy of the parent's. */
  fds?: Map<number, OpenFile>;
  /** `'new'` makes the child lead a new process group; a number joins that group. */
  pgid?: number | 'new';
  /** Starts a new session (setsid) with the child as leader. */
  newSession?: boolean;
  /** Namespaces to use instead of the parent's; `newPid` creates a child PID namespace. */
  ns?: Partial<Namespaces> & { newPid?: boolean };
  comm?: string;
}

/** What wait() reports about a child. */
export type WaitResult =
  | { pid: number; proc: Process; kind: 'exited'; status: ExitStatus }
  | { pid: number; proc: Process; kind: 'stopped'; signal: number }
  | { pid: number; proc: Process; kind: 'continued' };

/** How many processes may exist at once before fork fails with EAGAIN. */
export const MAX_PROCESSES = 4096;
/** RLIMIT_NPROC for unprivileged users. */
export const MAX_USER_PROCESSES = 1024;

/**
 * The kernel: the process table, PID namespaces, signals and exec. It owns every process; programs
 * only ask it for things (DESIGN.md rule 3).
 */
export class Kernel {
  readonly events: EventBus;
  readonly hostPidNs = new PidNamespace(null);
  readonly hostUts: UtsNamespace;
  readonly binfmts: Binfmt[] = [];
  /** Every live or zombie process by host PID. */
  readonly procs = new Map<number, Process>();
  /** The host's PID 1. */
  init!: Process;
  /**
   * Listening unix-domain sockets by path: what a server process accepts connections with.
   * @sim partial: a socket is a service object, not a file type; its file in the filesystem
   * carries only the permissions that connect(2) checks.
   */
  readonly sockets = new Map<string, { owner: Process; accept: (client: Process) => unknown }>();
  /** The root of the cgroup v2 hierarchy (/sys/fs/cgroup). */
  readonly rootCgroup = new Cgroup('', null);
  /** Listening TCP sockets, per network namespace. */
  readonly tcp = new TcpTable();
  /**
   * The speed of the simulated Internet link, in bytes per second (registry downloads and
   * uploads take size / rate of clock time); Infinity makes transfers instant.
   */
  linkRate = 50e6;
  readonly bootTime: number;

  constructor(readonly clock: Clock, readonly random: Random, hostname: string, private readonly rootMnt: () => Vfs) {
    this.events = new EventBus(() => clock.now());
    this.hostUts = new UtsNamespace(hostname);
    this.bootTime = clock.now();
  }

  /** The host's initial namespaces. */
  hostNamespaces(): Namespaces {
    if (!this._hostNs) {
      this._hostNs = {
        pid: this.hostPidNs,
        uts: this.hostUts,
        mnt: this.rootMnt(),
        ipc: new PlainNamespace('ipc'),
        net: hostNet(),
        user: new PlainNamespace('user'),
        cgroup: new PlainNamespace('cgroup'),
      };
    }
    return this._hostNs;
  }
  private _hostNs?: Namespaces;

  /**
   * Finds how to run the file at `path` for `proc`: checks it exists, is a regular file and is
   * executable, then asks each binfmt; `#!` lines recurse into their interpreter.
   */
  resolveExec(proc: Process, path: string, argv: string[], depth = 0): Executable {
    if (depth > 4) throw new SysError('ELOOP');
    const vfs = proc.ns.mnt;
    const st = vfs.stat(proc, path);
    if (st.type !== 'file') throw new SysError('EACCES');
    if (!vfs.access(proc, path, 1)) throw new SysError('EACCES');
    const data = vfs.readFile(proc, path);
    const full = vfs.realpath(proc, path);
    for (const fmt of this.binfmts) {
      const r = fmt({ path: full, data });
      if (!r) continue;
      if ('entry' in r) return { entry: r.entry, argv, exe: full };
      const args = r.arg !== undefined ? [r.interpreter, r.arg, path, ...argv.slice(1)] : [r.interpreter, path, ...argv.slice(1)];
      return this.resolveExec(proc, r.interpreter, args, depth + 1);
    }
    throw new SysError('ENOEXEC');
  }

  /**
   * Charges `bytes` of memory to `proc` (a buffer grew, a worker allocated). When that takes a
   * cgroup over its memory.max, the OOM killer of that cgroup kills its process with the most
   * memory (SIGKILL) and counts it in memory.events; a single process over the simulator's
   * per-process ceiling is killed the same way by the host's OOM killer.
   * @sim partial: memory is what programs declare, not measured; nothing is paged or reclaimed.
   */
  charge(proc: Process, bytes: number): void {
    if (proc.ended || bytes <= 0) return;
    proc.rssKb += Math.ceil(bytes / 1024);
    for (const g of proc.cgroup.lineage()) {
      if (g.memoryCurrent() <= g.memoryMax) continue;
      g.events.max++;
      g.events.oom++;
      this.oomKill(g, g.allProcs());
      return;
    }
    if (proc.rssKb * 1024 > PROCESS_MEMORY_CEILING) this.oomKill(this.rootCgroup, [proc]);
  }

  private oomKill(g: Cgroup, candidates: Process[]): void {
    const victim = candidates.filter((p) => !p.ended).sort((a, b) => b.rssKb - a.rssKb)[0];
    if (!victim) return;
    g.events.oom_kill++;
    this.events.emit({ type: 'oom', pid: victim.pid, cgroup: g.path, rssKb: victim.rssKb });
    this.signal(null, victim, SIG.SIGKILL);
  }

  /** Creates a process and starts its program. Throws SysError (ENOENT, EACCES, ENOEXEC, EAGAIN). */
  spawn(opts: SpawnOptions): Process {
    const parent = opts.parent;
    const cred = opts.cred ?? (parent ? { ...parent.cred, groups: [...parent.cred.groups] } : { uid: 0, gid: 0, groups: [0] });
    if (this.procs.size >= MAX_PROCESSES) throw new SysError('EAGAIN');
    if (cred.uid !== 0) {
      let mine = 0;
      for (const p of this.procs.values()) if (p.cred.uid === cred.uid && !p.ended) mine++;
      if (mine >= MAX_USER_PROCESSES) throw new SysError('EAGAIN');
    }
    const base = parent ? parent.ns : this.hostNamespaces();
    const nsOpt = opts.ns ?? {};
    const pidNs = nsOpt.newPid ? new PidNamespace(nsOpt.pid ?? base.pid) : (nsOpt.pid ?? base.pid);
    const ns: Namespaces = { ...base, ...nsOpt, pid: pidNs } as Namespaces;
    delete (ns as { newPid?: boolean }).newPid;

    let entry = opts.entry;
    let argv = opts.argv;
    let exe = '';
    if (!entry) {
      if (!opts.path) throw new SysError('ENOENT');
      const probe = parent ?? this.init;
      const as = new Process(this, 0, ns, { argv, env: {}, cwd: opts.cwd ?? probe.cwd, cred });
      const found = this.resolveExec(as, opts.path, argv);
      entry = found.entry;
      argv = found.argv;
      exe = found.exe;
    }

    const cgroup = opts.cgroup ?? parent?.cgroup ?? this.rootCgroup;
    // pids.max: a fork over any limit up the hierarchy fails with EAGAIN.
    if (cgroup.lineage().some((g) => g.allProcs().length >= g.pidsMax)) {
      for (const g of cgroup.lineage()) if (g.allProcs().length >= g.pidsMax) g.events.max++;
      throw new SysError('EAGAIN');
    }
    const proc = new Process(this, 0, ns, {
      argv,
      env: { ...(opts.env ?? parent?.env ?? {}) },
      cwd: opts.cwd ?? parent?.cwd ?? '/',
      cred,
      // As execve(2) sets it: the last part of the path asked for (a symlink keeps its own name).
      comm: opts.comm ?? opts.path ?? argv[0],
    });
    proc.exe = exe || parent?.exe || '';
    proc.cgroup = cgroup;
    cgroup.procs.add(proc);
    for (const level of pidNs.lineage()) proc.nsPids.push(level.alloc(proc));
    (proc as { pid: number }).pid = proc.nsPids[0];
    this.procs.set(proc.pid, proc);

    proc.parent = parent;
    parent?.children.add(proc);
    proc.sid = parent?.sid ?? proc.pid;
    proc.pgid = parent?.pgid ?? proc.pid;
    proc.tty = parent?.tty ?? null;
    proc.umask = parent?.umask ?? 0o022;
    if (opts.newSession) {
      proc.sid = proc.pid;
      proc.pgid = proc.pid;
      proc.tty = null;
    }
    if (opts.pgid === 'new') proc.pgid = proc.pid;
    else if (typeof opts.pgid === 'number') proc.pgid = opts.pgid;

    const fds = opts.fds ?? parent?.fds ?? new Map();
    for (const [n, f] of fds) proc.fds.set(n, f.retain());
    // execve(2) keeps ignored dispositions and resets handled ones.
    if (parent) for (const sig of parent.ignored) proc.ignored.add(sig);

    this.events.emit({ type: 'process.start', pid: proc.pid, ppid: parent?.pid ?? 0, argv: [...argv], nsPids: [...proc.nsPids] });
    this.run(proc, entry);
    return proc;
  }

  private run(proc: Process, entry: Entry): void {
    Promise.resolve()
      .then(() => {
        proc.assertAlive();
        return entry(proc);
      })
      .then(
        (code) => this.exitProcess(proc, { code: (code ?? 0) & 255 }),
        (err) => {
          if (proc.ended) return;
          const msg = err instanceof Error ? err.message : String(err);
          const text = `${proc.comm}: internal error: ${msg}\n`;
          const errFile = proc.fds.get(2);
          console.error(err);
          this.exitProcess(proc, { code: 70 });
          if (errFile) void errFile.write(this.init ?? proc, new TextEncoder().encode(text)).catch(() => {});
        },
      );
  }

  /** Ends a process: closes its files, hands its children to a reaper, tells its parent. */
  exitProcess(proc: Process, status: ExitStatus): void {
    if (proc.status) return;
    proc.status = status;
    proc.cgroup?.procs.delete(proc);
    proc.state = 'Z';
    for (const f of proc.fds.values()) f.close();
    proc.fds.clear();

    // When a terminal's controlling process (the login shell) ends, its foreground group gets
    // SIGHUP and the terminal is no longer anybody's (_exit(2)).
    const tty = proc.tty;
    if (tty && tty.session === proc.sid && proc.pid === proc.sid) {
      const fg = tty.fgPgrp;
      tty.session = 0;
      tty.fgPgrp = 0;
      if (fg && fg !== proc.pgid) {
        this.signalGroup(fg, SIG.SIGHUP);
        this.signalGroup(fg, SIG.SIGCONT);
      }
    }

    const ns = proc.ns.pid;
    if (ns.init === proc && ns.parent) {
      // pid_namespaces(7): when a namespace's init ends, the kernel kills every process in it.
      for (const p of ns.byPid.values()) if (p !== proc && !p.ended) this.signal(null, p, SIG.SIGKILL);
    }
    const reaper = ns.init && ns.init !== proc && !ns.init.ended ? ns.init : this.init;
    for (const child of proc.children) {
      child.parent = reaper;
      reaper?.children.add(child);
      if (child.ended) this.notifyParent(child);
    }
    proc.children.clear();

    this.events.emit({ type: 'process.exit', pid: proc.pid, code: status.code, signal: status.signal });
    this.notifyParent(proc);
    proc.signals.wake();
  }

  private notifyParent(proc: Process): void {
    const parent = proc.parent;
    if (proc.ended && (!parent || parent.ended || parent.ignored.has(SIG.SIGCHLD) || parent === this.init)) {
      this.reap(proc);
      return;
    }
    if (!parent) return;
    parent.childChanged.wake();
    this.signal(null, parent, SIG.SIGCHLD);
  }

  /** Removes a zombie from the process table and its namespaces. */
  private reap(proc: Process): void {
    proc.parent?.children.delete(proc);
    this.procs.delete(proc.pid);
    const lineage = proc.ns.pid.lineage();
    lineage.forEach((ns, i) => {
      if (ns.byPid.get(proc.nsPids[i]) === proc) ns.byPid.delete(proc.nsPids[i]);
    });
  }

  /**
   * waitpid(2) for `proc`: `sel` is -1 (any child), a PID (in the caller's namespace) or -PGID.
   * Returns null with `nohang` when nothing changed; throws ECHILD when there is nothing to wait for.
   */
  async waitpid(proc: Process, sel: number, opts: { nohang?: boolean; untraced?: boolean; continued?: boolean } = {}): Promise<WaitResult | null> {
    for (;;) {
      const mine = [...proc.children].filter((c) => {
        if (sel === -1) return true;
        if (sel > 0) return c.pidIn(proc.ns.pid) === sel;
        return c.pgid === this.hostPgid(proc, -sel);
      });
      if (mine.length === 0) throw new SysError('ECHILD');
      for (const c of mine) {
        const pid = c.pidIn(proc.ns.pid) ?? c.pid;
        if (c.status) {
          this.reap(c);
          return { pid, proc: c, kind: 'exited', status: c.status };
        }
        if (opts.untraced && c.report === 'stopped') {
          c.report = null;
          return { pid, proc: c, kind: 'stopped', signal: c.stopSignal };
        }
        if (opts.continued && c.report === 'continued') {
          c.report = null;
          return { pid, proc: c, kind: 'continued' };
        }
      }
      if (opts.nohang) return null;
      await proc.waitOn(proc.childChanged);
    }
  }

  /** Converts a process-group ID seen in `proc`'s namespace to the host's. */
  private hostPgid(proc: Process, pgid: number): number {
    return proc.ns.pid.byPid.get(pgid)?.pid ?? -1;
  }

  /**
   * kill(2) from `sender`: `target` is a PID in the sender's namespace, 0 (own group), -1 (every
   * process it may signal) or -PGID. Signal 0 only checks. Throws ESRCH or EPERM.
   */
  kill(sender: Process, target: number, sig: number): void {
    const ns = sender.ns.pid;
    let victims: Process[];
    if (target > 0) {
      const p = ns.byPid.get(target);
      victims = p && !p.ended ? [p] : [];
      if (p && p.ended) victims = [p];
    } else if (target === 0) {
      victims = this.group(ns, sender.pgid);
    } else if (target === -1) {
      victims = [...ns.byPid.values()].filter((p) => p !== sender && p !== ns.init && p.pid !== 1);
    } else {
      victims = this.group(ns, this.hostPgid(sender, -target));
    }
    if (victims.length === 0) throw new SysError('ESRCH');
    const allowed = victims.filter((p) => sender.cred.uid === 0 || p.cred.uid === sender.cred.uid);
    if (allowed.length === 0) throw new SysError('EPERM');
    if (sig === 0) return;
    for (const p of allowed) this.signal(sender, p, sig);
  }

  /** The live members of a process group (host PGID) visible in `ns`. */
  group(ns: PidNamespace, pgid: number): Process[] {
    return [...ns.byPid.values()].filter((p) => p.pgid === pgid && !p.ended);
  }

  /** Sends `sig` to every member of a process group (host PGID); the sender is the kernel. */
  signalGroup(pgid: number, sig: number): void {
    for (const p of this.group(this.hostPidNs, pgid)) this.signal(null, p, sig);
  }

  /**
   * Delivers a signal to one process (no permission check). `sender` null means the kernel itself
   * (a terminal's ^C, the OOM killer). Implements default actions, handlers, ignoring, and the
   * protection of a namespace's init (pid_namespaces(7)).
   */
  signal(sender: Process | null, target: Process, sig: number): void {
    if (target.ended || sig === 0) return;
    const handler = target.handlers.get(sig);
    const isInit = target.ns.pid.init === target;
    const fromOutside = sender === null ? sig === SIG.SIGKILL : sender.ns.pid !== target.ns.pid;
    const forced = (sig === SIG.SIGKILL || sig === SIG.SIGSTOP) && (!isInit || fromOutside);
    let disposition: 'handled' | 'term' | 'stop' | 'cont' | 'ignore';

    if (sig === SIG.SIGCONT) this.cont(target);
    if (forced) {
      disposition = sig === SIG.SIGKILL ? 'term' : 'stop';
    } else if (sig === SIG.SIGKILL || sig === SIG.SIGSTOP) {
      disposition = 'ignore';
    } else if (handler) {
      disposition = 'handled';
    } else if (target.ignored.has(sig) || isInit) {
      disposition = sig === SIG.SIGCONT ? 'cont' : 'ignore';
    } else {
      const a = defaultAction(sig);
      disposition = a === 'core' ? 'term' : a;
    }
    this.events.emit({ type: 'signal', pid: target.pid, signal: sig, disposition });

    if (disposition === 'term') {
      this.exitProcess(target, { signal: sig, core: defaultAction(sig) === 'core' });
    } else if (disposition === 'stop') {
      this.stop(target, sig);
    } else if (disposition === 'handled') {
      target.pending.push(sig);
      target.signals.wake();
    }
  }

  /**
   * The freezer (cgroup.freeze): every process of `g` stops making progress (state T) without a
   * signal — its parent is not told — until thawed.
   */
  freeze(g: Cgroup, frozen: boolean): void {
    g.frozen = frozen;
    for (const p of g.allProcs()) {
      if (frozen && !p.stopped) {
        p.state = 'T';
        p.frozen = true;
      } else if (!frozen && p.frozen) {
        p.frozen = false;
        p.state = 'R';
        p.signals.wake();
      }
    }
  }

  private stop(proc: Process, sig: number): void {
    if (proc.ended || proc.stopped) return;
    proc.state = 'T';
    proc.stopSignal = sig;
    proc.report = 'stopped';
    proc.parent?.childChanged.wake();
    if (proc.parent) this.signal(null, proc.parent, SIG.SIGCHLD);
  }

  private cont(proc: Process): void {
    if (!proc.stopped) return;
    proc.state = 'R';
    proc.report = 'continued';
    proc.signals.wake();
    proc.parent?.childChanged.wake();
  }

  /**
   * connect(2) to a unix socket at `path`: needs write permission on the socket file, and a
   * live process listening on it. Returns what the listener hands out for the connection.
   */
  connect<T>(proc: Process, path: string): T {
    const vfs = proc.ns.mnt;
    const canon = vfs.realpath(proc, path);
    if (!vfs.access(proc, canon, 2)) throw new SysError('EACCES');
    const l = this.sockets.get(canon);
    if (!l || l.owner.ended) throw new SysError('ECONNREFUSED');
    return l.accept(proc) as T;
  }

  /** Looks a process up by its PID in `ns`. */
  find(ns: PidNamespace, pid: number): Process | undefined {
    return ns.byPid.get(pid);
  }
}

/**
 * The host's network namespace: a VM's NIC (10.0.2.15/24 behind 10.0.2.2) and Docker's bridge
 * docker0 (172.17.0.1/16), which has no carrier until a container is attached to it.
 */
function hostNet(): NetNamespace {
  const ns = new NetNamespace();
  ns.addInterface({ name: 'eth0', kind: 'ether', mtu: 1500, mac: '52:54:00:12:34:56', ipv4: { address: '10.0.2.15', prefix: 24 } });
  ns.addInterface({ name: 'docker0', kind: 'bridge', mtu: 1500, mac: '02:42:4d:9c:7a:10', ipv4: { address: '172.17.0.1', prefix: 16 }, carrier: false });
  ns.setGateway('10.0.2.2', 'eth0');
  return ns;
}
