import type { AndOr, Command, List, Pipeline, Redir, Simple, Word, Part } from './ast';
import { parse, ParseError } from './parser';
import { ArithError, evaluateArith } from './arith';
import { braceExpand, splitFields, trimPattern, replacePattern, type Frag } from './expand';
import { hasGlob, matchPattern, unescapePattern } from './pattern';
import { Ctx, type ProgramSpec } from '../programs/context';
import type { Process } from '../kernel/process';
import { ProcessGone } from '../kernel/process';
import { Pipe } from '../kernel/pipe';
import { BufferFile, type OpenFile } from '../kernel/file';
import { isSysError, SysError } from '../kernel/errors';
import { SIG, signalDescription } from '../kernel/signals';
import { BUILTINS } from './builtins';
import { evalDoubleBracket } from './dtest';
import { basename, components } from '../vfs/path';

/** `exit`: unwinds to the top of the shell with a status. */
export class ShellExit extends Error {
  constructor(readonly code: number) {
    super('exit');
  }
}
/** ^C while the shell itself runs: abandons the command line. */
export class Interrupt extends Error {
  constructor() {
    super('interrupt');
  }
}
/** An expansion or redirection error: the command is not run (fatal in non-interactive shells). */
export class ShellError extends Error {
  constructor(message: string, readonly status = 1, readonly fatal = true) {
    super(message);
  }
}
class LoopControl extends Error {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {
    super(kind);
  }
}
class ReturnSignal extends Error {
  constructor(readonly code: number) {
    super('return');
  }
}

/** A shell variable. */
export interface Var {
  value: string;
  exported: boolean;
  readonly?: boolean;
}

/** A job: a pipeline started in the background or stopped with ^Z. */
export interface Job {
  id: number;
  pgid: number;
  procs: Process[];
  text: string;
  state: 'Running' | 'Stopped' | 'Done';
  /** How the last process ended, once it has. */
  status?: { code?: number; signal?: number };
  notified: boolean;
}

/**
 * The maximum depth of nested function calls.
 * @sim partial: bash's FUNCNEST is unlimited by default and runaway recursion ends in a crash;
 * here it stops at 1000 with bash's FUNCNEST message, so the page survives.
 */
export const FUNCNEST = 1000;

/** A function's local variables, saved to be restored when it returns. */
type Frame = Map<string, Var | undefined>;

/**
 * The shell interpreter: variables, functions, aliases, jobs and the execution of the syntax tree.
 * Every external command, pipeline element and subshell is a real process of the kernel.
 */
export class Shell {
  vars = new Map<string, Var>();
  funcs = new Map<string, Command>();
  aliases = new Map<string, string>();
  positional: string[] = [];
  arg0: string;
  status = 0;
  lastBg = 0;
  opts = { errexit: false, nounset: false, xtrace: false, pipefail: false, noglob: false, noclobber: false };
  interactive = false;
  jobs: Job[] = [];
  traps = new Map<string, string>();
  history: string[] = [];
  frames: Frame[] = [];
  loopDepth = 0;
  currentLine = 0;
  /** What error messages start with: `bash` or a script's path. */
  errName: string;
  /** `$$`: the PID of the top-level shell, also in subshells. */
  rootPid: number;
  interrupted = false;
  /** True while waiting at the prompt: ^C then abandons the line being typed. */
  atPrompt = false;
  /** How deep `source` calls are nested (`return` is allowed inside). */
  sourcing = 0;
  /** Non-zero while running the condition of if/while/&&/||, where `set -e` does not apply. */
  private condDepth = 0;
  private nextJobId = 1;

  constructor(readonly ctx: Ctx, readonly name: 'bash' | 'sh') {
    this.arg0 = name;
    this.errName = name;
    this.rootPid = ctx.proc.ownPid;
    for (const [k, v] of Object.entries(ctx.env)) this.vars.set(k, { value: v, exported: true });
    // The prompt each shell starts with: bash's `\s-\v\$ `, busybox ash's `\w \$ ` (alpine's
    // `/ # `), dash's `\$ `.
    const ps1 = name === 'bash' ? '\\s-\\v\\$ ' : ctx.proc.exe.endsWith('busybox') ? '\\w \\$ ' : '\\$ ';
    const defaults: Record<string, string> = { IFS: ' \t\n', PS1: ps1, PS2: '> ', PS4: '+ ', OPTIND: '1', HISTSIZE: '1000' };
    for (const [k, v] of Object.entries(defaults)) if (!this.vars.has(k)) this.vars.set(k, { value: v, exported: false });
    this.vars.set('BASH_VERSION', { value: '5.2.15(1)-release', exported: false });
    this.vars.set('PPID', { value: String(ctx.proc.ppid), exported: false });
    this.vars.set('UID', { value: String(ctx.proc.cred.uid), exported: false, readonly: true });
    this.vars.set('EUID', { value: String(ctx.proc.cred.uid), exported: false, readonly: true });
    this.vars.set('HOSTNAME', { value: ctx.proc.ns.uts.hostname, exported: false });
    this.vars.set('SHELL', this.vars.get('SHELL') ?? { value: '/bin/bash', exported: true });
    this.vars.set('PWD', { value: ctx.proc.cwd, exported: true });
  }

  get proc(): Process {
    return this.ctx.proc;
  }

  // ---------------------------------------------------------------- variables

  /** A variable's value (special parameters included), or undefined when unset. */
  getVar(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.rootPid);
      case '!':
        return this.lastBg ? String(this.lastBg) : undefined;
      case '#':
        return String(this.positional.length);
      case '0':
        return this.arg0;
      case '-':
        return (this.opts.errexit ? 'e' : '') + 'h' + (this.interactive ? 'i' : '') + (this.interactive ? 'mBH' : 'B') + (this.opts.nounset ? 'u' : '') + (this.opts.xtrace ? 'x' : '') + (this.interactive ? 's' : 'c');
      case '@':
      case '*':
        return this.positional.join(name === '*' ? (this.getVar('IFS') ?? ' ').slice(0, 1) : ' ');
      case 'RANDOM':
        return String(this.ctx.kernel.random.int(32768));
      case 'LINENO':
        return String(this.currentLine);
      case 'SECONDS':
        return String(Math.floor((this.ctx.kernel.clock.now() - this.proc.startTime) / 1000));
      case 'PWD':
        return this.vars.get('PWD')?.value ?? this.proc.cwd;
    }
    if (/^\d+$/.test(name)) return this.positional[Number(name) - 1];
    return this.vars.get(name)?.value;
  }

  /** Sets a variable (respecting readonly). */
  setVar(name: string, value: string, exported?: boolean): void {
    const v = this.vars.get(name);
    if (v?.readonly) throw new ShellError(`${name}: readonly variable`, 1, false);
    this.vars.set(name, { value, exported: exported ?? v?.exported ?? false, readonly: v?.readonly });
    if (name === 'PWD') this.proc.env.PWD = value;
  }

  /** The environment passed to child processes: exported variables. */
  environment(extra: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of this.vars) if (v.exported) env[k] = v.value;
    return { ...env, ...extra };
  }

  // ---------------------------------------------------------------- output

  /** Writes to a descriptor of the shell, ignoring a closed one. */
  async write(fd: number, text: string): Promise<void> {
    try {
      await this.ctx.write(fd, text);
    } catch (e) {
      if (!isSysError(e)) throw e;
    }
  }

  /** Prints `bash: message` (with the line number when not interactive) on stderr. */
  async error(message: string): Promise<void> {
    const where = this.interactive ? `${this.errName}: ` : `${this.errName}: line ${this.currentLine}: `;
    await this.write(2, where + message + '\n');
  }

  // ---------------------------------------------------------------- running

  /** Parses and runs source text; syntax errors are reported with status 2. */
  async runSource(src: string): Promise<number> {
    let list: List;
    try {
      list = parse(src);
    } catch (e) {
      if (e instanceof ParseError) {
        this.currentLine = e.line;
        await this.error(e.message);
        this.status = 2;
        return 2;
      }
      throw e;
    }
    return this.runList(list);
  }

  /** Runs a command list. */
  async runList(list: List): Promise<number> {
    for (const item of list.items) {
      await this.checkpoint();
      if (item.background) {
        try {
          await this.runBackground(item.andor);
        } catch (e) {
          // A fork that fails (EAGAIN) fails only this command; the list goes on, as in bash.
          if (!(e instanceof ShellError) || e.fatal) throw e;
          await this.error(e.message);
          this.status = e.status;
        }
      } else await this.runAndOr(item.andor);
    }
    return this.status;
  }

  /** A scheduling point that also notices ^C. */
  async checkpoint(): Promise<void> {
    await this.proc.checkpoint();
    if (this.interrupted) {
      this.interrupted = false;
      if (this.interactive) await this.write(2, '\n');
      throw new Interrupt();
    }
  }

  private async runAndOr(ao: AndOr): Promise<number> {
    const cond = ao.rest.length > 0;
    if (cond) this.condDepth++;
    let status: number;
    try {
      status = await this.runPipelineCaught(ao.first);
      for (let i = 0; i < ao.rest.length; i++) {
        const { op, pipeline } = ao.rest[i];
        if ((op === '&&') !== (status === 0)) continue;
        if (i === ao.rest.length - 1) this.condDepth--;
        status = await this.runPipelineCaught(pipeline);
        if (i === ao.rest.length - 1) this.condDepth++;
      }
    } finally {
      if (cond) this.condDepth--;
    }
    this.status = status;
    if (this.opts.errexit && status !== 0 && this.condDepth === 0 && !ao.first.negate) throw new ShellExit(status);
    return status;
  }

  /** Runs a pipeline; a non-fatal error (a failed builtin's expansion) only fails this command. */
  private async runPipelineCaught(p: Pipeline): Promise<number> {
    try {
      return await this.runPipeline(p);
    } catch (e) {
      if (e instanceof ShellError && (!e.fatal || this.interactive)) {
        await this.error(e.message);
        return (this.status = e.status);
      }
      throw e;
    }
  }

  private async runPipeline(p: Pipeline): Promise<number> {
    if (p.timed) {
      const clock = this.ctx.kernel.clock;
      const t0 = clock.now();
      const status = await this.runPipeline({ ...p, timed: false });
      const secs = (clock.now() - t0) / 1000;
      const fmt = (s: number) => `${Math.floor(s / 60)}m${(s % 60).toFixed(3)}s`;
      // @sim partial: user and system CPU time are not accounted yet; real time is the clock's.
      await this.write(2, `\nreal\t${fmt(secs)}\nuser\t${fmt(0)}\nsys\t${fmt(0)}\n`);
      return status;
    }
    let status: number;
    if (p.cmds.length === 1) {
      status = await this.runCommand(p.cmds[0]);
    } else {
      const procs = this.startPipeline(p.cmds, this.interactive ? 'new' : undefined);
      status = await this.waitForeground(procs, p.text);
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  /** Starts every command of a pipeline as its own process, connected by pipes. */
  private startPipeline(cmds: Command[], pgid: 'new' | number | undefined): Process[] {
    const procs: Process[] = [];
    let prevRead: OpenFile | null = null;
    let group = pgid;
    try {
      cmds.forEach((cmd, i) => {
        const last = i === cmds.length - 1;
        const [r, w] = last ? [null, null] : Pipe.create();
        const fds = new Map(this.proc.fds);
        if (prevRead) fds.set(0, prevRead);
        if (w) fds.set(1, w);
        const child = this.fork((sub) => sub.runCommandAsProcess(cmd), fds, group);
        if (group === 'new') group = child.pid;
        procs.push(child);
        prevRead?.close();
        w?.close();
        prevRead = r;
      });
    } catch (e) {
      (prevRead as OpenFile | null)?.close();
      throw e;
    }
    return procs;
  }

  /** Creates a subshell process running `fn` on a copy of this shell. */
  fork(fn: (sub: Shell) => Promise<number>, fds?: Map<number, OpenFile>, pgid?: 'new' | number): Process {
    try {
      return this.ctx.spawn({
        argv: [...this.proc.argv],
        comm: this.proc.comm,
        entry: async (p) => {
          const sub = this.clone(p);
          try {
            return await sub.runTop(() => fn(sub));
          } finally {
            await sub.runExitTrap();
          }
        },
        fds,
        pgid,
        env: this.proc.env,
      });
    } catch (e) {
      if (isSysError(e, 'EAGAIN')) throw new ShellError('fork: Resource temporarily unavailable', 254, false);
      throw e;
    }
  }

  /** Runs `fn`, turning exit, return and errors into a status (the top of a subshell). */
  async runTop(fn: () => Promise<number>): Promise<number> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ShellExit) return e.code;
      if (e instanceof ReturnSignal) return e.code;
      if (e instanceof LoopControl) return this.status;
      if (e instanceof ShellError) {
        await this.error(e.message);
        return e.status;
      }
      if (e instanceof Interrupt) return 130;
      throw e;
    }
  }

  private clone(p: Process): Shell {
    const s = new Shell(new Ctx(p, this.ctx.spec), this.name);
    s.vars = new Map([...this.vars].map(([k, v]) => [k, { ...v }]));
    s.funcs = new Map(this.funcs);
    s.aliases = new Map(this.aliases);
    s.positional = [...this.positional];
    s.arg0 = this.arg0;
    s.status = this.status;
    s.lastBg = this.lastBg;
    s.opts = { ...this.opts };
    s.errName = this.errName;
    s.rootPid = this.rootPid;
    s.currentLine = this.currentLine;
    s.frames = this.frames.map((f) => new Map(f));
    s.interactive = false;
    // Traps are reset in subshells, except ignored signals (which the kernel copies).
    return s;
  }

  /** In a pipeline element or `&` subshell: a simple external command replaces the subshell (exec). */
  async runCommandAsProcess(cmd: Command): Promise<number> {
    return this.runCommand(cmd, true);
  }

  private async runBackground(ao: AndOr): Promise<void> {
    const single = ao.rest.length === 0 && !ao.first.negate;
    let procs: Process[];
    if (single && ao.first.cmds.length > 1) {
      procs = this.startPipeline(ao.first.cmds, this.interactive ? 'new' : undefined);
    } else {
      const fds = new Map(this.proc.fds);
      if (!this.interactive) {
        // Background commands of a non-interactive shell read /dev/null, as POSIX says.
        fds.set(0, new BufferFile(new Uint8Array(0), '/dev/null'));
      }
      procs = [this.fork((sub) => (single ? sub.runCommandAsProcess(ao.first.cmds[0]) : sub.runAndOr(ao)), fds, this.interactive ? 'new' : undefined)];
      if (!this.interactive) fds.get(0)?.close();
    }
    const last = procs[procs.length - 1];
    this.lastBg = last.pidIn(this.proc.ns.pid) ?? last.pid;
    const job: Job = { id: this.nextJobId++, pgid: procs[0].pgid, procs, text: ao.text, state: 'Running', notified: true };
    this.jobs.push(job);
    if (this.interactive) await this.write(2, `[${job.id}] ${this.lastBg}\n`);
    this.status = 0;
  }

  /**
   * Waits for a foreground pipeline. With job control the pipeline gets the terminal (its process
   * group becomes the foreground group) and gives it back when done or stopped.
   */
  async waitForeground(procs: Process[], text: string): Promise<number> {
    const tty = this.interactive ? this.proc.tty : null;
    const pgid = procs[0].pgid;
    if (tty && pgid !== this.proc.pgid) tty.fgPgrp = pgid;
    let statusOfLast = 0;
    let stopped: number | null = null;
    let lastSignal = 0;
    try {
      for (const p of procs) {
        for (;;) {
          const pid = p.pidIn(this.proc.ns.pid) ?? p.pid;
          let r;
          try {
            r = await this.ctx.kernel.waitpid(this.proc, pid, { untraced: this.interactive });
          } catch (e) {
            if (isSysError(e, 'ECHILD')) break;
            throw e;
          }
          if (!r) continue;
          if (r.kind === 'stopped') {
            stopped = r.signal;
            break;
          }
          if (r.kind === 'exited') {
            const st = r.status;
            const code = st.signal !== undefined ? 128 + st.signal : st.code;
            if (p === procs[procs.length - 1]) {
              statusOfLast = code;
              lastSignal = st.signal ?? 0;
            }
            if (this.opts.pipefail && code !== 0) statusOfLast = statusOfLast || code;
            break;
          }
        }
        if (stopped !== null) break;
      }
    } finally {
      if (tty) tty.fgPgrp = this.proc.pgid;
    }
    if (stopped !== null) {
      const job: Job = { id: this.nextJobId++, pgid, procs, text, state: 'Stopped', notified: true };
      this.jobs.push(job);
      await this.write(2, `\n${this.jobLine(job, true)}\n`);
      return 128 + stopped;
    }
    if (lastSignal && this.interactive) {
      if (lastSignal === SIG.SIGINT) {
        await this.write(2, '\n');
        throw new Interrupt();
      }
      if (lastSignal !== SIG.SIGPIPE) await this.write(2, `${signalDescription(lastSignal)}${lastSignal === SIG.SIGQUIT || lastSignal === SIG.SIGSEGV ? ' (core dumped)' : ''}\n`);
    }
    return statusOfLast;
  }

  /** `[1]+  Running                 sleep 100 &`, as bash's jobs prints it. */
  jobLine(job: Job, current: boolean): string {
    const mark = current ? '+' : this.jobs.length > 1 && job === this.jobs[this.jobs.length - 2] ? '-' : ' ';
    let state: string = job.state;
    if (job.state === 'Done' && job.status) {
      if (job.status.signal !== undefined) state = signalDescription(job.status.signal);
      else if (job.status.code) state = `Exit ${job.status.code}`;
    }
    if (job.state === 'Stopped') {
      const sig = job.procs.find((p) => p.stopped)?.stopSignal;
      if (sig === SIG.SIGSTOP) state = 'Stopped (signal)';
      else if (sig === SIG.SIGTTIN) state = 'Stopped (tty input)';
      else if (sig === SIG.SIGTTOU) state = 'Stopped (tty output)';
    }
    return `[${job.id}]${mark}  ${state.padEnd(24)}${job.text}${job.state === 'Running' ? ' &' : ''}`;
  }

  /** Collects finished or stopped background jobs (without blocking). */
  async reapJobs(): Promise<void> {
    for (const job of this.jobs) {
      for (const p of job.procs) {
        const pid = p.pidIn(this.proc.ns.pid) ?? p.pid;
        try {
          const r = await this.ctx.kernel.waitpid(this.proc, pid, { nohang: true, untraced: true, continued: true });
          if (!r) continue;
          if (r.kind === 'stopped' && job.state !== 'Stopped') {
            job.state = 'Stopped';
            job.notified = false;
          } else if (r.kind === 'continued') job.state = 'Running';
          else if (r.kind === 'exited' && p === job.procs[job.procs.length - 1]) job.status = r.status;
        } catch (e) {
          if (!isSysError(e, 'ECHILD')) throw e;
        }
      }
      if (job.state !== 'Done' && job.procs.every((p) => p.ended)) {
        job.state = 'Done';
        job.notified = false;
      }
    }
  }

  /** Prints "[1]+  Done  …" for jobs that changed, as bash does before a prompt. */
  async notifyJobs(): Promise<void> {
    await this.reapJobs();
    const cur = this.currentJob();
    for (const job of [...this.jobs]) {
      if (!job.notified) {
        job.notified = true;
        if (this.interactive) await this.write(2, this.jobLine(job, job === cur) + '\n');
      }
    }
    this.jobs = this.jobs.filter((j) => j.state !== 'Done');
    if (this.jobs.length === 0) this.nextJobId = 1;
  }

  /** The job `%+` refers to. */
  currentJob(): Job | undefined {
    const stopped = this.jobs.filter((j) => j.state === 'Stopped');
    return stopped.at(-1) ?? this.jobs.at(-1);
  }

  /** Finds a job from `%N`, `%+`, `%-`, `%name` or a PID. */
  findJob(spec: string | undefined): Job | undefined {
    if (spec === undefined || spec === '%' || spec === '%%' || spec === '%+') return this.currentJob();
    if (spec === '%-') return this.jobs.at(-2);
    if (/^%\d+$/.test(spec)) return this.jobs.find((j) => j.id === Number(spec.slice(1)));
    if (spec.startsWith('%')) return this.jobs.find((j) => j.text.startsWith(spec.slice(1)));
    return this.jobs.find((j) => j.procs.some((p) => (p.pidIn(this.proc.ns.pid) ?? p.pid) === Number(spec)));
  }

  // ---------------------------------------------------------------- commands

  /** Runs one command; `asProcess` lets a simple external command replace the current process. */
  async runCommand(cmd: Command, asProcess = false): Promise<number> {
    await this.checkpoint();
    switch (cmd.t) {
      case 'simple':
        return this.runSimple(cmd, asProcess);
      case 'group':
        return this.withRedirs(cmd.redirs, () => this.runList(cmd.body));
      case 'subshell': {
        if (asProcess) return this.withRedirs(cmd.redirs, () => this.runList(cmd.body));
        return this.withRedirs(cmd.redirs, async () => {
          const child = this.fork((sub) => sub.runList(cmd.body));
          return this.waitForeground([child], '( … )');
        });
      }
      case 'if':
        return this.withRedirs(cmd.redirs, async () => {
          for (const c of cmd.clauses) {
            if ((await this.condition(c.cond)) === 0) return this.runList(c.body);
          }
          if (cmd.otherwise) return this.runList(cmd.otherwise);
          this.status = 0;
          return 0;
        });
      case 'while':
        return this.withRedirs(cmd.redirs, () => this.runWhile(cmd));
      case 'for':
        return this.withRedirs(cmd.redirs, () => this.runFor(cmd));
      case 'cfor':
        return this.withRedirs(cmd.redirs, () => this.runCFor(cmd));
      case 'case':
        return this.withRedirs(cmd.redirs, () => this.runCase(cmd));
      case 'func':
        this.funcs.set(cmd.name, cmd.body);
        this.status = 0;
        return 0;
      case 'arith': {
        this.currentLine = cmd.line;
        const v = await this.arith(cmd.expr);
        this.status = v !== 0n ? 0 : 1;
        return this.status;
      }
      case 'dtest': {
        this.currentLine = cmd.line;
        this.status = await evalDoubleBracket(this, cmd.words);
        return this.status;
      }
    }
  }

  private async condition(list: List): Promise<number> {
    this.condDepth++;
    try {
      return await this.runList(list);
    } finally {
      this.condDepth--;
    }
  }

  private async loopBody(body: List): Promise<'break' | 'continue' | null> {
    try {
      await this.runList(body);
      return null;
    } catch (e) {
      if (e instanceof LoopControl) {
        if (e.levels > 1) {
          e.levels--;
          throw e;
        }
        return e.kind;
      }
      throw e;
    }
  }

  /**
   * The loop shared by while, until, for and for ((…)): `next` decides whether another round
   * runs, `after` runs between rounds; break and continue work through loopBody.
   */
  private async loop(next: () => Promise<boolean>, body: List, after?: () => Promise<void>): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (let first = true; ; first = false) {
        if (!first && after) await after();
        await this.checkpoint();
        if (!(await next())) break;
        const ctl = await this.loopBody(body);
        status = this.status;
        if (ctl === 'break') break;
      }
    } finally {
      this.loopDepth--;
    }
    this.status = status;
    return status;
  }

  private runWhile(cmd: Extract<Command, { t: 'while' }>): Promise<number> {
    return this.loop(async () => ((await this.condition(cmd.cond)) === 0) !== cmd.until, cmd.body);
  }

  private async runFor(cmd: Extract<Command, { t: 'for' }>): Promise<number> {
    const items = cmd.words ? await this.expandWords(cmd.words) : [...this.positional];
    let i = 0;
    return this.loop(async () => {
      if (i >= items.length) return false;
      this.setVar(cmd.name, items[i++]);
      return true;
    }, cmd.body);
  }

  private async runCFor(cmd: Extract<Command, { t: 'cfor' }>): Promise<number> {
    if (cmd.init.parts.length) await this.arith(cmd.init);
    return this.loop(
      async () => !cmd.cond.parts.length || (await this.arith(cmd.cond)) !== 0n,
      cmd.body,
      async () => {
        if (cmd.step.parts.length) await this.arith(cmd.step);
      },
    );
  }

  private async runCase(cmd: Extract<Command, { t: 'case' }>): Promise<number> {
    const word = await this.expandString(cmd.word);
    this.status = 0;
    let fall = false;
    for (const item of cmd.items) {
      let hit = fall;
      if (!hit) {
        for (const p of item.patterns) {
          if (matchPattern(await this.expandPatternWord(p), word)) {
            hit = true;
            break;
          }
        }
      }
      if (!hit) continue;
      await this.runList(item.body);
      if (item.term === ';;') return this.status;
      fall = item.term === ';&';
    }
    return this.status;
  }

  /** Evaluates arithmetic in a word. */
  async arith(expr: Word): Promise<bigint> {
    const text = await this.expandString(expr);
    try {
      return evaluateArith(text, { get: (n) => this.getVar(n), set: (n, v) => this.setVar(n, v) });
    } catch (e) {
      if (e instanceof ArithError) throw new ShellError(e.message);
      throw e;
    }
  }

  private async runSimple(cmd: Simple, asProcess: boolean): Promise<number> {
    this.currentLine = cmd.line;
    let words = cmd.words;
    // Alias expansion of the first word (interactive shells).
    // @sim partial: aliases expand when the command runs, not while the line is read, and only
    // in the first word.
    if (this.interactive && words.length && words[0].parts.length === 1 && words[0].parts[0].t === 'lit') {
      const a = this.aliases.get(words[0].parts[0].v);
      if (a !== undefined) {
        const parsed = parse(a).items[0]?.andor.first.cmds[0];
        if (parsed?.t === 'simple') words = [...parsed.words, ...words.slice(1)];
      }
    }
    const argv = await this.expandWords(words);
    const assigns: [string, string][] = [];
    for (const a of cmd.assigns) {
      let v = await this.expandString(a.value, true);
      if (a.append) v = (this.getVar(a.name) ?? '') + v;
      assigns.push([a.name, v]);
    }
    if (this.opts.xtrace) {
      const ps4 = this.getVar('PS4') ?? '+ ';
      const shown = [...assigns.map(([k, v]) => `${k}=${quoteForTrace(v)}`), ...argv.map(quoteForTrace)];
      if (shown.length) await this.write(2, `${ps4}${shown.join(' ')}\n`);
    }
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.setVar(k, v);
      // Redirections alone still happen (`> file` creates it).
      const st = await this.withRedirs(cmd.redirs, async () => 0);
      this.status = st === 0 ? (this.lastCmdSubstStatus ?? 0) : st;
      this.lastCmdSubstStatus = undefined;
      return this.status;
    }
    this.lastCmdSubstStatus = undefined;
    const name = argv[0];
    const fn = this.funcs.get(name);
    if (fn) {
      return this.withRedirs(cmd.redirs, () => this.callFunction(name, fn, argv.slice(1), assigns));
    }
    const builtin = BUILTINS[name];
    if (name === 'exec' && argv.length === 1) {
      // `exec > file` makes its redirections permanent for the shell.
      const st = await this.withRedirs(cmd.redirs, async () => 0, true);
      return (this.status = st);
    }
    if (builtin) {
      const saved = assigns.map(([k]) => [k, this.vars.get(k)] as const);
      for (const [k, v] of assigns) this.setVar(k, v);
      try {
        const st = await this.withRedirs(cmd.redirs, () => builtin(this, argv.slice(1)));
        this.status = st;
        return st;
      } finally {
        if (!['export', 'readonly', 'declare', 'local', 'set', 'source', '.', 'eval'].includes(name)) {
          for (const [k, v] of saved) {
            if (v) this.vars.set(k, v);
            else this.vars.delete(k);
          }
        }
      }
    }
    return this.withRedirs(cmd.redirs, () => this.runExternal(argv, Object.fromEntries(assigns), asProcess));
  }

  private lastCmdSubstStatus: number | undefined;

  /** Calls a shell function with positional parameters. */
  async callFunction(name: string, body: Command, args: string[], assigns: [string, string][] = []): Promise<number> {
    if (this.frames.length >= FUNCNEST) throw new ShellError(`${name}: maximum function nesting level exceeded (${FUNCNEST})`, 1, false);
    const savedPos = this.positional;
    const savedArg = this.arg0;
    this.positional = args;
    const frame: Frame = new Map();
    this.frames.push(frame);
    for (const [k, v] of assigns) {
      frame.set(k, this.vars.get(k));
      this.setVar(k, v, true);
    }
    try {
      return (this.status = await this.runCommand(body));
    } catch (e) {
      if (e instanceof ReturnSignal) return (this.status = e.code);
      throw e;
    } finally {
      this.positional = savedPos;
      this.arg0 = savedArg;
      this.frames.pop();
      for (const [k, v] of frame) {
        if (v) this.vars.set(k, v);
        else this.vars.delete(k);
      }
    }
  }

  /** `return`, `break` and `continue` for the builtins. */
  doReturn(code: number): never {
    throw new ReturnSignal(code);
  }
  loopControl(kind: 'break' | 'continue', levels: number): never {
    throw new LoopControl(kind, Math.min(levels, this.loopDepth));
  }

  /** Finds a command on $PATH; returns the path, or an error status and message. */
  lookup(name: string): { path: string } | { status: number; message: string } {
    const fs = this.ctx.fs;
    if (name.includes('/')) {
      try {
        const st = fs.stat(this.proc, name);
        if (st.type === 'dir') return { status: 126, message: `${name}: Is a directory` };
        if (!fs.access(this.proc, name, 1)) return { status: 126, message: `${name}: Permission denied` };
        return { path: name };
      } catch (e) {
        if (isSysError(e)) return { status: e.code === 'ENOENT' ? 127 : 126, message: `${name}: ${e.message}` };
        throw e;
      }
    }
    let denied: string | null = null;
    for (const dir of (this.getVar('PATH') ?? '').split(':')) {
      const p = `${dir || '.'}/${name}`;
      try {
        const st = fs.stat(this.proc, p);
        if (st.type !== 'file') continue;
        if (fs.access(this.proc, p, 1)) return { path: p };
        denied ??= p;
      } catch {
        // not in this directory
      }
    }
    if (denied) return { status: 126, message: `${denied}: Permission denied` };
    return { status: 127, message: `${name}: command not found` };
  }

  private async runExternal(argv: string[], assigns: Record<string, string>, asProcess: boolean): Promise<number> {
    const found = this.lookup(argv[0]);
    if ('message' in found) {
      await this.error(found.message);
      return (this.status = found.status);
    }
    const env = this.environment(assigns);
    if (asProcess) {
      return this.execInPlace(found.path, argv, env);
    }
    let child: Process;
    try {
      child = this.ctx.spawn({ argv, path: found.path, env, pgid: this.interactive ? 'new' : undefined });
    } catch (e) {
      return this.execFailure(found.path, argv, e, env);
    }
    return (this.status = await this.waitForeground([child], argv.join(' ')));
  }

  /** What bash does when exec fails: ENOEXEC runs the file as a shell script. */
  private async execFailure(path: string, argv: string[], e: unknown, env: Record<string, string>): Promise<number> {
    if (isSysError(e, 'ENOEXEC')) {
      const child = this.ctx.spawn({
        argv: ['bash', path, ...argv.slice(1)],
        path: '/bin/bash',
        env,
        pgid: this.interactive ? 'new' : undefined,
      });
      return (this.status = await this.waitForeground([child], argv.join(' ')));
    }
    if (isSysError(e, 'EAGAIN')) {
      await this.error('fork: Resource temporarily unavailable');
      return (this.status = 254);
    }
    if (isSysError(e)) {
      await this.error(`${argv[0]}: ${e.message}`);
      return (this.status = e.code === 'ENOENT' ? 127 : 126);
    }
    throw e;
  }

  /** exec(2): the current process becomes the program. */
  async execInPlace(path: string, argv: string[], env: Record<string, string>): Promise<number> {
    const kernel = this.ctx.kernel;
    let exe;
    try {
      exe = kernel.resolveExec(this.proc, path, argv);
    } catch (e) {
      if (isSysError(e, 'ENOEXEC')) {
        exe = kernel.resolveExec(this.proc, '/bin/bash', ['bash', path, ...argv.slice(1)]);
      } else {
        if (isSysError(e)) {
          await this.error(`${argv[0]}: ${e.message}`);
          return e.code === 'ENOENT' ? 127 : 126;
        }
        throw e;
      }
    }
    const p = this.proc;
    p.argv = exe.argv;
    p.exe = exe.exe;
    p.comm = basename(exe.exe).slice(0, 15);
    p.env = env;
    p.handlers.clear();
    return exe.entry(p);
  }

  // ---------------------------------------------------------------- redirections

  /** Applies redirections to the shell's own descriptors around `fn`, restoring them after. */
  async withRedirs(redirs: Redir[], fn: () => Promise<number>, permanent = false): Promise<number> {
    if (redirs.length === 0) return fn();
    const saved = new Map<number, OpenFile | undefined>();
    const save = (fd: number) => {
      if (!saved.has(fd)) saved.set(fd, this.proc.fds.get(fd)?.retain());
    };
    try {
      for (const r of redirs) {
        const ok = await this.applyRedir(r, save);
        if (!ok) return (this.status = 1);
      }
      return await fn();
    } finally {
      for (const [fd, f] of saved) {
        if (permanent) f?.close();
        else if (f) this.proc.setFd(fd, f);
        else this.proc.closeFd(fd);
      }
    }
  }

  private async applyRedir(r: Redir, save: (fd: number) => void): Promise<boolean> {
    const fs = this.ctx.fs;
    const defaultFd = r.op.startsWith('<') && r.op !== '<>' ? 0 : r.op === '<>' ? 0 : 1;
    const fd = r.fd ?? defaultFd;
    if (r.op === '<<' || r.op === '<<-' || r.op === '<<<') {
      const text = r.op === '<<<' ? (await this.expandString(r.target)) + '\n' : r.heredoc!.quoted ? (r.heredoc!.body.parts[0] as { v: string }).v : await this.expandString(r.heredoc!.body);
      save(fd);
      this.proc.setFd(fd, new BufferFile(new TextEncoder().encode(text), 'pipe:[heredoc]'));
      return true;
    }
    const fields = await this.expandWords([r.target]);
    const rawTarget = r.target.parts.map((p) => (p.t === 'lit' || p.t === 'sq' ? p.v : '$…')).join('');
    if (fields.length !== 1) {
      await this.error(`${rawTarget}: ambiguous redirect`);
      return false;
    }
    const target = fields[0];
    if (r.op === '>&' || r.op === '<&') {
      if (target === '-') {
        save(fd);
        this.proc.closeFd(fd);
        return true;
      }
      if (/^\d+$/.test(target)) {
        const src = this.proc.fds.get(Number(target));
        if (!src) {
          await this.error(`${target}: Bad file descriptor`);
          return false;
        }
        save(fd);
        this.proc.setFd(fd, src.retain());
        return true;
      }
      if (r.op === '<&') {
        await this.error(`${target}: ambiguous redirect`);
        return false;
      }
    }
    let file: OpenFile;
    try {
      if (r.op === '<') file = fs.open(this.proc, target, { read: true });
      else if (r.op === '<>') file = fs.open(this.proc, target, { read: true, write: true, create: true });
      else {
        const append = r.op === '>>' || r.op === '&>>';
        file = fs.open(this.proc, target, { write: true, create: true, truncate: !append, append });
        if (file.kind === 'dir') throw new SysError('EISDIR');
      }
    } catch (e) {
      if (isSysError(e)) {
        await this.error(`${target}: ${e.message}`);
        return false;
      }
      throw e;
    }
    if (r.op === '&>' || r.op === '&>>' || (r.op === '>&' && r.fd === undefined)) {
      save(1);
      save(2);
      this.proc.setFd(1, file);
      this.proc.setFd(2, file.retain());
      return true;
    }
    save(fd);
    this.proc.setFd(fd, file);
    return true;
  }

  // ---------------------------------------------------------------- expansion

  /** Expands words into fields: brace, tilde, parameter, command and arithmetic expansion, splitting, globbing. */
  async expandWords(words: Word[]): Promise<string[]> {
    const out: string[] = [];
    for (const w of words) {
      for (const bw of braceExpand(w)) {
        const frags = await this.expandParts(this.tilde(bw.parts), false);
        const fields = splitFields(frags, this.getVar('IFS') ?? ' \t\n');
        for (const f of fields) {
          if (!this.opts.noglob && hasGlob(f.pat)) {
            const matches = this.glob(f.pat);
            if (matches.length) {
              out.push(...matches);
              continue;
            }
          }
          out.push(f.text);
        }
      }
    }
    return out;
  }

  /** Expands a word to one string, without splitting or globbing (assignments, case, here-docs). */
  async expandString(word: Word, assignment = false): Promise<string> {
    const parts = assignment ? this.tilde(word.parts) : word.parts;
    const frags = await this.expandParts(parts, true);
    return frags.map((f) => (f.fieldBreak ? ' ' : f.text)).join('');
  }

  /** Expands a word into a pattern: quoted characters are escaped. */
  async expandPatternWord(word: Word): Promise<string> {
    const frags = await this.expandParts(word.parts, false);
    return frags.map((f) => (f.quoted ? f.text.replace(/[*?[\]\\]/g, '\\$&') : f.text)).join('');
  }

  private tilde(parts: Part[]): Part[] {
    const first = parts[0];
    if (first?.t !== 'lit' || !first.v.startsWith('~')) return parts;
    const m = /^~([A-Za-z0-9_.-]*)(\/|$)/.exec(first.v);
    if (!m) return parts;
    let home: string | undefined;
    if (m[1] === '') home = this.getVar('HOME');
    else {
      try {
        const passwd = this.ctx.fs.readText(this.proc, '/etc/passwd');
        home = passwd.split('\n').map((l) => l.split(':')).find((f) => f[0] === m[1])?.[5];
      } catch {
        home = undefined;
      }
    }
    if (home === undefined) return parts;
    return [{ t: 'sq', v: home }, { t: 'lit', v: first.v.slice(1 + m[1].length) }, ...parts.slice(1)];
  }

  private async expandParts(parts: Part[], inDq: boolean): Promise<Frag[]> {
    const out: Frag[] = [];
    for (const p of parts) {
      switch (p.t) {
        case 'lit':
          out.push({ text: p.v, quoted: inDq, split: false });
          break;
        case 'sq':
          out.push({ text: p.v, quoted: true, split: false });
          break;
        case 'dq': {
          // "$@" with no positional parameters expands to no field at all.
          if (p.parts.length === 1 && p.parts[0].t === 'param' && p.parts[0].name === '@' && !p.parts[0].op && this.positional.length === 0) break;
          const inner = await this.expandParts(p.parts, true);
          if (inner.length === 0) out.push({ text: '', quoted: true, split: false });
          out.push(...inner);
          break;
        }
        case 'param':
          out.push(...(await this.expandParam(p, inDq)));
          break;
        case 'cmd': {
          const text = await this.commandSubstitution(p.list);
          out.push({ text, quoted: inDq, split: !inDq });
          break;
        }
        case 'arith': {
          const v = await this.arith(p.expr);
          out.push({ text: v.toString(), quoted: inDq, split: !inDq });
          break;
        }
      }
    }
    return out;
  }

  private async expandParam(p: Extract<Part, { t: 'param' }>, inDq: boolean): Promise<Frag[]> {
    const frag = (text: string): Frag[] => [{ text, quoted: inDq, split: !inDq }];
    if (p.op === 'bad') {
      const src = (p.arg?.parts[0] as { v: string } | undefined)?.v ?? '${}';
      throw new ShellError(`${src}: bad substitution`);
    }
    if ((p.name === '@' || p.name === '*') && !p.op && !p.length) {
      if (p.name === '@' && inDq) {
        const out: Frag[] = [];
        this.positional.forEach((a, i) => {
          if (i > 0) out.push({ text: '', quoted: true, split: false, fieldBreak: true });
          out.push({ text: a, quoted: true, split: false });
        });
        return out;
      }
      if (!inDq) {
        const out: Frag[] = [];
        this.positional.forEach((a, i) => {
          if (i > 0) out.push({ text: '', quoted: false, split: false, fieldBreak: true });
          out.push({ text: a, quoted: false, split: true });
        });
        return out;
      }
    }
    let value = this.getVar(p.name);
    if (p.length) {
      if (value === undefined && this.opts.nounset) throw new ShellError(`${p.name}: unbound variable`);
      return frag(String([...(value ?? '')].length));
    }
    const op = p.op;
    const unsetOrNull = (colon: boolean) => value === undefined || (colon && value === '');
    switch (op) {
      case undefined:
        break;
      case ':-':
      case '-':
        if (unsetOrNull(op === ':-')) return this.expandParts(p.arg!.parts, inDq);
        break;
      case ':=':
      case '=':
        if (unsetOrNull(op === ':=')) {
          value = await this.expandString(p.arg!);
          this.setVar(p.name, value);
        }
        break;
      case ':?':
      case '?':
        if (unsetOrNull(op === ':?')) {
          const msg = p.arg && p.arg.parts.length ? await this.expandString(p.arg) : value === undefined ? 'parameter not set' : 'parameter null or not set';
          throw new ShellError(`${p.name}: ${msg}`);
        }
        break;
      case ':+':
      case '+':
        if (!unsetOrNull(op === ':+')) return this.expandParts(p.arg!.parts, inDq);
        return [];
      case '#':
      case '##':
      case '%':
      case '%%':
        value = trimPattern(value ?? '', await this.expandPatternWord(p.arg!), op);
        break;
      case '/':
      case '//':
      case '/#':
      case '/%':
        value = replacePattern(value ?? '', await this.expandPatternWord(p.arg!), await this.expandString(p.arg2!), op);
        break;
      case ':': {
        const chars = [...(value ?? '')];
        let off = Number(await this.arith(p.arg!));
        if (off < 0) off = Math.max(0, chars.length + off);
        let len = chars.length - off;
        if (p.arg2) {
          len = Number(await this.arith(p.arg2));
          if (len < 0) len = chars.length - off + len;
          if (len < 0) throw new ShellError(`${len}: substring expression < 0`);
        }
        value = chars.slice(off, off + len).join('');
        break;
      }
      case '^^':
        value = (value ?? '').toUpperCase();
        break;
      case ',,':
        value = (value ?? '').toLowerCase();
        break;
      case '^':
        value = (value ?? '').charAt(0).toUpperCase() + (value ?? '').slice(1);
        break;
      case ',':
        value = (value ?? '').charAt(0).toLowerCase() + (value ?? '').slice(1);
        break;
    }
    if (value === undefined) {
      if (this.opts.nounset && !['@', '*'].includes(p.name)) throw new ShellError(`${p.name}: unbound variable`);
      return inDq ? [] : [];
    }
    return frag(value);
  }

  /** $(…): runs the list in a subshell and takes its output, without trailing newlines. */
  async commandSubstitution(list: List): Promise<string> {
    const [r, w] = Pipe.create();
    const fds = new Map(this.proc.fds);
    fds.set(1, w);
    let child: Process;
    try {
      child = this.fork((sub) => sub.runList(list), fds);
    } finally {
      w.close();
    }
    const dec = new TextDecoder();
    let text = '';
    try {
      for (;;) {
        const c = await r.read(this.proc);
        if (c === null) break;
        text += dec.decode(c, { stream: true });
        if (text.length > 64 * 1024 * 1024) throw new ShellError('command substitution: output too large');
      }
    } finally {
      r.close();
    }
    text += dec.decode();
    const res = await this.ctx.kernel.waitpid(this.proc, child.pidIn(this.proc.ns.pid) ?? child.pid);
    if (res?.kind === 'exited') {
      const st = res.status;
      this.lastCmdSubstStatus = st.signal !== undefined ? 128 + st.signal : st.code;
      this.status = this.lastCmdSubstStatus;
    }
    return text.replace(/\n+$/, '');
  }

  /** Pathname expansion: the sorted matches of a pattern, or none. */
  glob(pat: string): string[] {
    const fs = this.ctx.fs;
    const absolute = pat.startsWith('/');
    const segs = components(pat);
    let bases: string[] = [absolute ? '/' : ''];
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i];
      const last = i === segs.length - 1;
      const next: string[] = [];
      for (const base of bases) {
        const dir = base === '' ? '.' : base;
        if (!hasGlob(seg)) {
          const p = base === '' ? unescapePattern(seg) : base === '/' ? `/${unescapePattern(seg)}` : `${base}/${unescapePattern(seg)}`;
          if (last ? fs.exists(this.proc, p) || safeLstat(this, p) : fs.exists(this.proc, p)) next.push(p);
          continue;
        }
        let names: string[];
        try {
          names = fs.readdir(this.proc, dir);
        } catch {
          continue;
        }
        for (const n of names) {
          if (n.startsWith('.') && !seg.startsWith('.') && !seg.startsWith('\\.')) continue;
          if (!matchPattern(seg, n)) continue;
          const p = base === '' ? n : base === '/' ? `/${n}` : `${base}/${n}`;
          if (!last) {
            try {
              if (fs.stat(this.proc, p).type !== 'dir') continue;
            } catch {
              continue;
            }
          }
          next.push(p);
        }
      }
      bases = next;
      if (bases.length === 0) return [];
    }
    if (pat.endsWith('/')) bases = bases.map((b) => b + '/');
    return bases.sort();
  }

  /**
   * An interactive shell survives ^C (it abandons the current line or loop instead), and ignores
   * SIGTERM, SIGQUIT and the job-control stop signals, as bash does. Handlers, unlike ignored
   * signals, are reset in the programs it starts.
   */
  installInteractiveHandlers(): void {
    const p = this.proc;
    p.handlers.set(SIG.SIGINT, () => {
      if (this.atPrompt) throw new Interrupt();
      this.interrupted = true;
    });
    for (const sig of [SIG.SIGTERM, SIG.SIGQUIT, SIG.SIGTSTP, SIG.SIGTTIN, SIG.SIGTTOU]) if (!p.handlers.has(sig)) p.handlers.set(sig, () => {});
  }

  /** Runs the EXIT trap once. */
  async runExitTrap(): Promise<void> {
    const t = this.traps.get('EXIT');
    if (t === undefined) return;
    this.traps.delete('EXIT');
    try {
      await this.runSource(t);
    } catch (e) {
      if (e instanceof ProcessGone) throw e;
    }
  }
}

function safeLstat(sh: Shell, p: string): boolean {
  try {
    sh.ctx.fs.lstat(sh.proc, p);
    return true;
  } catch {
    return false;
  }
}

function quoteForTrace(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

/** Runs `spec` as the program of a forked shell process. */
export type ShellSpec = ProgramSpec;
