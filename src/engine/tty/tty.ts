import { OpenFile } from '../kernel/file';
import type { Process } from '../kernel/process';
import { WaitQueue } from '../kernel/waitqueue';
import { SIG } from '../kernel/signals';
import type { Kernel } from '../kernel/kernel';

/** The termios(3) flags the simulator models. */
export interface Termios {
  /** Canonical mode: input is edited a line at a time and delivered on Enter. */
  icanon: boolean;
  /** Echo typed characters back to the screen. */
  echo: boolean;
  /** ^C, ^Z and ^\ send SIGINT, SIGTSTP and SIGQUIT to the foreground process group. */
  isig: boolean;
  /** Carriage return on input becomes newline. */
  icrnl: boolean;
  /** Newline on output becomes CR LF. */
  onlcr: boolean;
}

/** Output beyond this many pending characters makes writers wait until the screen catches up. */
const OUTPUT_HIGH_WATER = 256 * 1024;

const EOF_MARK = Symbol('eof');
type InputItem = string | typeof EOF_MARK;

/**
 * A terminal (a pty pair): the line discipline between what is typed and what programs read. The
 * UI only forwards keystrokes (`input`) and draws what comes out (`onOutput`); echo, line editing
 * in canonical mode, ^C/^Z/^D and raw mode all happen here, as in Linux's n_tty.
 */
export class Tty {
  termios: Termios = { icanon: true, echo: true, isig: true, icrnl: true, onlcr: true };
  cols = 80;
  rows = 24;
  /** The foreground process group (tcgetpgrp); keyboard signals go to it. */
  fgPgrp = 0;
  /** The session this is the controlling terminal of. */
  session = 0;
  /**
   * Scripted: input comes from a script, not a person. Nothing is echoed and shells print no
   * prompts, so the output is what the commands themselves print.
   */
  scripted = false;
  private line = '';
  private ready: InputItem[] = [];
  private inputClosed = false;
  readonly inputChanged = new WaitQueue();
  private readonly outputListeners = new Set<(text: string) => void>();
  private pendingOut = '';
  private flushScheduled = false;
  /** True while the screen asked for a pause (flow control, like ^S or a full pty buffer). */
  private outputPaused = false;
  private readonly drained = new WaitQueue();
  private readonly decoder = new TextDecoder();

  constructor(private readonly kernel: Kernel, readonly name = '/dev/pts/0') {}

  /** Subscribes to what the terminal shows; returns the unsubscribe function. */
  onOutput(listener: (text: string) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  /** Changes terminal modes (tcsetattr). */
  setMode(mode: Partial<Termios>): void {
    const wasCanon = this.termios.icanon;
    this.termios = { ...this.termios, ...mode };
    if (wasCanon && !this.termios.icanon && this.line) {
      this.ready.push(this.line);
      this.line = '';
      this.inputChanged.wake();
    }
  }

  /** Changes the window size and tells the foreground group (SIGWINCH). */
  resize(cols: number, rows: number): void {
    if (cols === this.cols && rows === this.rows) return;
    this.cols = Math.max(2, Math.floor(cols));
    this.rows = Math.max(1, Math.floor(rows));
    if (this.fgPgrp) this.kernel.signalGroup(this.fgPgrp, SIG.SIGWINCH);
  }

  /** No more input will come (the script ended, the window closed): readers get end-of-file. */
  closeInput(): void {
    this.inputClosed = true;
    this.inputChanged.wake();
  }

  /**
   * Sees each keystroke before the line discipline; returning true consumes it (docker's detach
   * keys, ^P^Q, while a container holds the terminal).
   */
  keyHook: ((ch: string) => boolean) | null = null;

  /** Keystrokes from the terminal. */
  input(data: string): void {
    const t = this.termios;
    for (const ch of data) {
      if (this.keyHook?.(ch)) continue;
      let c = ch;
      if (t.icrnl && c === '\r') c = '\n';
      if (t.isig && (c === '\x03' || c === '\x1a' || c === '\x1c')) {
        const sig = c === '\x03' ? SIG.SIGINT : c === '\x1a' ? SIG.SIGTSTP : SIG.SIGQUIT;
        // n_tty flushes the output queue on INTR, QUIT and SUSP (unless NOFLSH): a flood stops at once.
        this.pendingOut = '';
        this.drained.wake();
        if (t.echo) this.emit(c === '\x03' ? '^C' : c === '\x1a' ? '^Z' : '^\\');
        this.line = '';
        if (c !== '\x1a') this.ready = [];
        if (this.fgPgrp) this.kernel.signalGroup(this.fgPgrp, sig);
        continue;
      }
      if (!t.icanon) {
        this.pushReady(c);
        if (t.echo) this.emit(c === '\n' ? '\r\n' : c);
        continue;
      }
      if (c === '\x7f' || c === '\b') {
        if (this.line.length > 0) {
          const chars = [...this.line];
          chars.pop();
          this.line = chars.join('');
          if (t.echo) this.emit('\b \b');
        }
      } else if (c === '\x15') {
        if (t.echo) this.emit('\b \b'.repeat([...this.line].length));
        this.line = '';
      } else if (c === '\x04') {
        if (this.line === '') this.ready.push(EOF_MARK);
        else this.ready.push(this.line);
        this.line = '';
        this.inputChanged.wake();
      } else if (c === '\n') {
        this.ready.push(this.line + '\n');
        this.line = '';
        if (t.echo) this.emit('\r\n');
        this.inputChanged.wake();
      } else {
        this.line += c;
        if (t.echo) this.emit(c < ' ' ? `^${String.fromCharCode(c.charCodeAt(0) + 64)}` : c);
      }
    }
  }

  private pushReady(c: string): void {
    const last = this.ready.length - 1;
    if (last >= 0 && typeof this.ready[last] === 'string') this.ready[last] += c;
    else this.ready.push(c);
    this.inputChanged.wake();
  }

  /** Puts input back at the front of what programs will read next. */
  unread(text: string): void {
    if (!text) return;
    this.ready.unshift(text);
    this.inputChanged.wake();
  }

  /** True when nothing typed is waiting to be read. */
  get inputEmpty(): boolean {
    return this.ready.length === 0 && this.line === '';
  }

  /**
   * read(2) from the terminal. A background process that reads gets SIGTTIN (and stops), as job
   * control requires. In canonical mode a read returns at most one line.
   */
  async read(proc: Process, max = 4096): Promise<Uint8Array | null> {
    for (;;) {
      if (this.fgPgrp && proc.pgid !== this.fgPgrp && proc.tty === this && !proc.ignored.has(SIG.SIGTTIN)) {
        this.kernel.signalGroup(proc.pgid, SIG.SIGTTIN);
        await proc.checkpoint();
        continue;
      }
      if (this.ready.length > 0) break;
      if (this.inputClosed) return null;
      await proc.waitOn(this.inputChanged);
    }
    const head = this.ready[0];
    if (head === EOF_MARK) {
      this.ready.shift();
      return null;
    }
    let text: string;
    if (this.termios.icanon) {
      const nl = head.indexOf('\n');
      text = nl >= 0 ? head.slice(0, nl + 1) : head;
    } else {
      text = head;
    }
    let bytes = new TextEncoder().encode(text);
    if (bytes.length > max) {
      let cut = max;
      while (cut > 0 && (bytes[cut] & 0xc0) === 0x80) cut--;
      text = new TextDecoder().decode(bytes.subarray(0, cut));
      bytes = bytes.subarray(0, cut);
    }
    const rest = head.slice(text.length);
    if (rest) this.ready[0] = rest;
    else this.ready.shift();
    return bytes;
  }

  /** write(2) to the terminal: output processing, then the screen. */
  async write(proc: Process | null, data: Uint8Array | string): Promise<void> {
    let text = typeof data === 'string' ? data : this.decoder.decode(data, { stream: true });
    if (this.termios.onlcr) text = text.replace(/\r?\n/g, '\r\n');
    this.emit(text);
    while (proc && this.pendingOut.length > OUTPUT_HIGH_WATER) await proc.waitOn(this.drained);
  }

  private emit(text: string): void {
    if (!text) return;
    this.pendingOut += text;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => this.flush());
  }

  /**
   * Flow control from the screen: while paused, output waits in the queue and writers block once
   * it is full, as they would on a terminal that sent XOFF.
   */
  setOutputPaused(paused: boolean): void {
    this.outputPaused = paused;
    if (!paused && this.pendingOut) this.flush();
  }

  /** Delivers pending output to the screen now (unless the screen paused it). */
  flush(): void {
    this.flushScheduled = false;
    if (this.outputPaused) return;
    const out = this.pendingOut;
    this.pendingOut = '';
    if (out) for (const l of this.outputListeners) l(out);
    this.drained.wake();
  }
}

/** An open terminal, as a file descriptor sees it (/dev/pts/N, /dev/tty). */
export class TtyFile extends OpenFile {
  readonly kind = 'tty' as const;
  override readonly isTTY = true;
  readonly name: string;
  constructor(readonly tty: Tty) {
    super();
    this.name = tty.name;
  }
  override read(proc: Process, max?: number): Promise<Uint8Array | null> {
    return this.tty.read(proc, max);
  }
  override write(proc: Process, data: Uint8Array): Promise<void> {
    return this.tty.write(proc, data);
  }
}
