import type { Kernel } from './kernel';
import type { OpenFile } from './file';
import type { PidNamespace, UtsNamespace, PlainNamespace } from './pidns';
import type { NetNamespace } from './netns';
import type { Cgroup } from './cgroup';
import type { Vfs } from '../vfs/vfs';
import type { Tty } from '../tty/tty';
import { SysError } from './errors';
import { WaitQueue, waitAny } from './waitqueue';
import { sliceExpired, yieldToHost } from './scheduler';

/** Who a process acts as: user, group and supplementary groups. */
export interface Cred {
  uid: number;
  gid: number;
  groups: number[];
}

/** The namespaces a process lives in (namespaces(7)). The mount namespace is its view of files. */
export interface Namespaces {
  pid: PidNamespace;
  uts: UtsNamespace;
  mnt: Vfs;
  ipc: PlainNamespace;
  net: NetNamespace;
  user: PlainNamespace;
  cgroup: PlainNamespace;
}

/** How a process ended: exited with a code, or killed by a signal. */
export type ExitStatus = { code: number; signal?: undefined } | { signal: number; core?: boolean; code?: undefined };

/** A program's handler for a signal; runs at the process's next checkpoint. */
export type SignalHandler = (sig: number) => void | Promise<void>;

/** Thrown inside a program's task once its process has ended (killed, or exit() called). */
export class ProcessGone extends Error {
  constructor() {
    super('process has ended');
    this.name = 'ProcessGone';
  }
}

/** The single-letter process states ps(1) shows. */
export type ProcState = 'R' | 'S' | 'T' | 'Z';

/**
 * A process. Its program runs as an async task that reaches checkpoints; everything that blocks
 * (pipes, terminals, sleep, wait) sleeps on a wait queue together with the process's own signal
 * queue, so a signal always wakes it.
 */
export class Process {
  /** The PID in each PID namespace the process is visible in, outermost (the host's) first. */
  nsPids: number[] = [];
  parent: Process | null = null;
  readonly children = new Set<Process>();
  pgid = 0;
  sid = 0;
  /** The controlling terminal, if any. */
  tty: Tty | null = null;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** The executable's file name (comm), as /proc/PID/comm shows. */
  comm: string;
  /** The path of the executable, as /proc/PID/exe points. */
  exe = '';
  cred: Cred;
  umask = 0o022;
  readonly fds = new Map<number, OpenFile>();
  state: ProcState = 'R';
  status: ExitStatus | null = null;
  /** A change the parent has not collected with wait() yet. */
  report: 'stopped' | 'continued' | null = null;
  stopSignal = 0;
  readonly handlers = new Map<number, SignalHandler>();
  readonly ignored = new Set<number>();
  readonly pending: number[] = [];
  /** Woken whenever a signal arrives. */
  readonly signals = new WaitQueue();
  /** Woken when a child exits, stops or continues. */
  readonly childChanged = new WaitQueue();
  readonly startTime: number;
  /** Resident memory in KiB, as ps's RSS column shows it; grows with Kernel.charge. */
  rssKb = 1024;
  /** The cgroup the process belongs to (inherited from its parent). */
  cgroup!: Cgroup;
  /** Stopped by the cgroup freezer rather than by a signal. */
  frozen = false;
  /** Virtual memory size in KiB (ps's VSZ). */
  vszKb = 8192;
  /** CPU time used, in ms. */
  cpuMs = 0;
  /** The host's PID. */
  readonly pid: number;

  constructor(
    readonly kernel: Kernel,
    pid: number,
    public ns: Namespaces,
    init: { argv: string[]; env: Record<string, string>; cwd: string; cred: Cred; comm?: string },
  ) {
    this.pid = pid;
    this.argv = init.argv;
    this.env = init.env;
    this.cwd = init.cwd;
    this.cred = init.cred;
    this.comm = (init.comm ?? init.argv[0] ?? '?').split('/').pop()!.slice(0, 15);
    this.startTime = kernel.clock.now();
  }

  /** The process itself, so that a Process can stand wherever a filesystem caller (`Who`) is asked for. */
  get proc(): Process {
    return this;
  }

  /** The PID as seen from inside `ns`, or undefined when the process is not visible there. */
  pidIn(ns: PidNamespace): number | undefined {
    const i = ns.level;
    if (i >= this.nsPids.length) return undefined;
    return this.ns.pid.lineage()[i] === ns ? this.nsPids[i] : undefined;
  }

  /** The PID in the process's own namespace (what getpid() returns). */
  get ownPid(): number {
    return this.nsPids[this.nsPids.length - 1];
  }

  /** getppid(): the parent's PID in this process's namespace; 0 when the parent is outside it. */
  get ppid(): number {
    return this.parent?.pidIn(this.ns.pid) ?? 0;
  }

  /** True once the process has exited or been killed. */
  get ended(): boolean {
    return this.status !== null;
  }

  /** True while the process is stopped (SIGSTOP, SIGTSTP, ^Z). */
  get stopped(): boolean {
    return this.state === 'T';
  }

  /** The file on descriptor `fd`; throws EBADF when none. */
  fd(fd: number): OpenFile {
    const f = this.fds.get(fd);
    if (!f) throw new SysError('EBADF');
    return f;
  }

  /** Puts `file` on descriptor `fd`, closing what was there (dup2 semantics). */
  setFd(fd: number, file: OpenFile): void {
    const old = this.fds.get(fd);
    this.fds.set(fd, file);
    if (old && old !== file) old.close();
  }

  /** Closes descriptor `fd`. */
  closeFd(fd: number): void {
    const f = this.fds.get(fd);
    if (!f) return;
    this.fds.delete(fd);
    f.close();
  }

  /** The lowest free descriptor at or above `min`. */
  freeFd(min = 0): number {
    let n = min;
    while (this.fds.has(n)) n++;
    return n;
  }

  /** Throws ProcessGone if the process has ended. */
  assertAlive(): void {
    if (this.status) throw new ProcessGone();
  }

  /**
   * A scheduling point: ends the task if the process was killed, runs signal handlers, waits while
   * stopped, and lets the host's event loop run when the time slice is used up.
   */
  async checkpoint(): Promise<void> {
    this.assertAlive();
    this.accountCpu();
    if (this.pending.length === 0 && !this.stopped && !sliceExpired() && !this.cgroup?.overQuota(this.kernel.clock.now())) return;
    if (sliceExpired()) {
      await yieldToHost();
      this.assertAlive();
      this.runSince = performance.now();
    }
    // cpu.max: a group that used its quota for this period waits for the next one (throttling).
    const throttle = this.cgroup?.overQuota(this.kernel.clock.now());
    if (throttle) {
      this.cgroup.throttled++;
      await this.sleep(throttle);
    }
    await this.settle();
  }

  /** When the process last started running (null while it sleeps). */
  private runSince: number | null = performance.now();

  /** Adds the time run since the last account to the process's and its cgroup's CPU time. */
  private accountCpu(): void {
    const now = performance.now();
    if (this.runSince !== null) {
      const ms = now - this.runSince;
      this.cpuMs += ms;
      this.cgroup?.useCpu(ms, this.kernel.clock.now());
    }
    this.runSince = now;
  }

  /** Runs pending handlers and sleeps while stopped. */
  private async settle(): Promise<void> {
    for (;;) {
      this.assertAlive();
      if (this.stopped) {
        await this.signals.wait();
        continue;
      }
      const sig = this.pending.shift();
      if (sig === undefined) return;
      const handler = this.handlers.get(sig);
      if (handler) await handler(sig);
    }
  }

  /** Sleeps until `queue` (or a signal) wakes the process; the caller re-checks its condition. */
  async waitOn(queue: WaitQueue): Promise<void> {
    this.assertAlive();
    if (this.pending.length === 0 && !this.stopped) {
      this.accountCpu();
      this.runSince = null;
      this.state = 'S';
      await waitAny([queue, this.signals]);
      if (this.state === 'S') this.state = 'R';
      this.runSince = performance.now();
    }
    await this.settle();
  }

  /** Sleeps for `ms` of the kernel clock's time; handled signals run their handlers meanwhile. */
  async sleep(ms: number): Promise<void> {
    const timer = new WaitQueue();
    let done = false;
    const cancel = this.kernel.clock.setTimer(ms, () => {
      done = true;
      timer.wake();
    });
    try {
      while (!done) await this.waitOn(timer);
    } finally {
      cancel();
    }
  }

  /** Ends the process with `code` (exit(3)) and unwinds its task. */
  exit(code: number): never {
    this.kernel.exitProcess(this, { code: code & 255 });
    throw new ProcessGone();
  }
}
