import { Kernel, binfmtScript } from '../kernel/kernel';
import { CgroupFs } from '../vfs/cgroupfs';
import { RealClock, type Clock } from '../kernel/clock';
import { Random } from '../kernel/random';
import type { Process } from '../kernel/process';
import { Vfs } from '../vfs/vfs';
import { MemfsBackend } from '../vfs/memfs-backend';
import { ProcFs } from '../vfs/procfs';
import { DevFs } from '../vfs/devfs';
import { Tty, TtyFile } from '../tty/tty';
import { WaitQueue } from '../kernel/waitqueue';
import { ProgramRegistry } from '../programs/registry';
import { ALL_PROGRAMS } from '../programs';
import { ACCOUNTS, groupsOf, populateRootFs, ROOT_WHO } from './rootfs';
import type { Listener } from '../kernel/events';

/** How to build a host. */
export interface HostOptions {
  /** Seeds IDs, names and random bytes so that a session replays identically. */
  seed?: number;
  /** The clock; the machine's real clock by default. */
  clock?: Clock;
  hostname?: string;
  /**
   * The simulated Internet link's speed in bytes per second (pulls and pushes take size / rate);
   * Infinity makes them instant. 50 MB/s by default.
   */
  linkRate?: number;
  /** Start the Docker daemon at boot, as the host's init does (default true). */
  dockerd?: boolean;
}

/**
 * A link speed as people write it: `instant`, or bytes per second with an optional decimal
 * unit (`500kB`, `10MB`, `1GB`); null when it is not one.
 */
export function parseLinkRate(text: string): number | null {
  if (text === 'instant') return Infinity;
  const m = /^(\d+(?:\.\d+)?)\s*(B|kB|KB|MB|GB)?$/.exec(text);
  if (!m) return null;
  const rate = Number(m[1]) * { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 }[m[2] ?? 'B']!;
  return rate > 0 ? rate : null;
}

/** How to open a terminal on the host. */
export interface TerminalOptions {
  cols?: number;
  rows?: number;
  /** Input comes from a script: no echo, no prompts (see Tty.scripted). */
  scripted?: boolean;
  /** The account to log in as; `student` by default. */
  user?: string;
}

/** A terminal with a login shell on it, as the UI or the command-line front sees it. */
export interface Terminal {
  readonly tty: Tty;
  /** The login shell. */
  readonly shell: Process;
  /** Keystrokes, as the terminal emulator sends them. */
  write(data: string): void;
  /** What the terminal shows; returns the unsubscribe function. */
  onOutput(listener: (text: string) => void): () => void;
  resize(cols: number, rows: number): void;
  /** Flow control: stop (true) or resume (false) delivering output while the screen catches up. */
  pauseOutput(paused: boolean): void;
  /** Ends the input (like closing the window's input, or the end of a script). */
  closeInput(): void;
  /** Resolves with the login shell's exit status when it ends. */
  readonly exited: Promise<number>;
}

/**
 * The simulated machine: a kernel, a Debian-like root filesystem with /proc and /dev mounted, the
 * installed programs, and terminals with login shells on them.
 */
export class Host {
  readonly kernel: Kernel;
  readonly programs = new ProgramRegistry();
  readonly rootFs: MemfsBackend;
  readonly vfs: Vfs;
  readonly ttys: Tty[] = [];
  readonly hostname: string;

  constructor(opts: HostOptions = {}) {
    const clock = opts.clock ?? new RealClock();
    this.hostname = opts.hostname ?? 'host';
    this.rootFs = new MemfsBackend('ext4', 0xfe01, () => clock.now());
    this.vfs = new Vfs(this.rootFs, '/dev/vda1', ['rw', 'relatime']);
    this.kernel = new Kernel(clock, new Random(opts.seed), this.hostname, () => this.vfs);
    if (opts.linkRate !== undefined) this.kernel.linkRate = opts.linkRate;
    this.programs.register(...ALL_PROGRAMS);
    this.kernel.binfmts.push(this.programs.binfmt, binfmtScript);

    populateRootFs(this.vfs, this.hostname);
    this.installPrograms();
    this.vfs.mount(ROOT_WHO, '/proc', new ProcFs(this.kernel, this.kernel.hostPidNs), 'proc', ['rw', 'nosuid', 'nodev', 'noexec', 'relatime']);
    this.vfs.mount(ROOT_WHO, '/dev', new DevFs(this.kernel, () => this.ttys), 'udev', ['rw', 'nosuid', 'relatime']);
    for (const d of ['/sys/fs', '/sys/fs/cgroup']) if (!this.vfs.exists(ROOT_WHO, d)) this.vfs.mkdir(ROOT_WHO, d, 0o755);
    this.vfs.mount(ROOT_WHO, '/sys/fs/cgroup', new CgroupFs(this.kernel, () => this.kernel.rootCgroup), 'cgroup2', ['rw', 'nosuid', 'nodev', 'noexec', 'relatime', 'nsdelegate', 'memory_recursiveprot']);

    this.kernel.init = this.kernel.spawn({
      parent: null,
      argv: ['/sbin/init'],
      comm: 'systemd',
      cwd: '/',
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
      // init sleeps forever; the kernel reaps the orphans handed to it.
      entry: async (proc) => {
        const never = new WaitQueue();
        for (;;) await proc.waitOn(never);
      },
    });
    // The services systemd starts at boot: the Docker daemon.
    if (opts.dockerd !== false) this.kernel.spawn({
      parent: this.kernel.init,
      argv: ['/usr/bin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'],
      path: '/usr/bin/dockerd',
      cwd: '/',
      fds: new Map(),
      newSession: true,
    });
  }

  /** Writes each program's executable into /usr/bin (or its own directory). */
  private installPrograms(): void {
    for (const spec of this.programs.all()) {
      if (spec.onHost === false) continue;
      const dir = spec.dir ?? '/usr/bin';
      for (const name of [spec.name, ...(spec.aliases ?? [])]) {
        const path = `${dir}/${name}`;
        this.vfs.writeFile(ROOT_WHO, path, this.programs.fileContent(spec.name), { mode: 0o755 });
        this.vfs.chmod(ROOT_WHO, path, 0o755);
      }
    }
  }

  /** Subscribes to every engine event. */
  onEvent(listener: Listener): () => void {
    return this.kernel.events.on(listener);
  }

  /** Opens a terminal and starts a login shell on it. */
  openTerminal(opts: TerminalOptions = {}): Terminal {
    const tty = new Tty(this.kernel, `/dev/pts/${this.ttys.length}`);
    tty.cols = opts.cols ?? 80;
    tty.rows = opts.rows ?? 24;
    tty.scripted = opts.scripted ?? false;
    if (tty.scripted) tty.setMode({ echo: false });
    this.ttys.push(tty);
    const account = ACCOUNTS.find((a) => a.name === (opts.user ?? 'student')) ?? ACCOUNTS[0];
    const file = new TtyFile(tty);
    const fds = new Map([[0, file], [1, file], [2, file]] as const);
    const env: Record<string, string> = {
      HOME: account.home,
      USER: account.name,
      LOGNAME: account.name,
      SHELL: account.shell,
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      PATH: account.uid === 0 ? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' : '/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games',
    };
    const shell = this.kernel.spawn({
      parent: this.kernel.init,
      argv: ['-bash'],
      path: '/bin/bash',
      env,
      cwd: account.home,
      cred: { uid: account.uid, gid: account.gid, groups: groupsOf(account.name, account.gid) },
      fds: new Map(fds),
      newSession: true,
    });
    file.close();
    shell.tty = tty;
    tty.session = shell.sid;
    tty.fgPgrp = shell.pgid;
    const exited = new Promise<number>((resolve) => {
      const off = this.kernel.events.on((e) => {
        if (e.type === 'process.exit' && e.pid === shell.pid) {
          off();
          queueMicrotask(() => {
            tty.flush();
            resolve(e.code ?? 128 + (e.signal ?? 0));
          });
        }
      });
    });
    return {
      tty,
      shell,
      write: (data) => tty.input(data),
      onOutput: (l) => tty.onOutput(l),
      resize: (c, r) => tty.resize(c, r),
      pauseOutput: (p) => tty.setOutputPaused(p),
      closeInput: () => tty.closeInput(),
      exited,
    };
  }
}
