import type { Host, Terminal } from '../host/host';

/** Removes colour and other CSI escape sequences, and carriage returns. */
export function plain(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
}

/**
 * Drives a terminal like a person at a keyboard: types, waits for the prompt to come back, and
 * returns what the screen showed in between (without colours).
 */
export class TerminalDriver {
  readonly term: Terminal;
  private out = '';
  constructor(host: Host, opts: { cols?: number; rows?: number } = {}) {
    this.term = host.openTerminal({ cols: opts.cols ?? 200, rows: opts.rows ?? 50 });
    this.term.onOutput((t) => (this.out += t));
  }
  /** Everything shown so far, without colours. */
  get screen(): string {
    return plain(this.out);
  }
  /** Waits until the screen after `from` ends with a prompt. */
  async prompt(from = 0, timeoutMs = 5000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const s = this.screen.slice(from);
      if (/\$ $/.test(s)) return s;
      if (Date.now() - start > timeoutMs) throw new Error(`no prompt; screen: ${JSON.stringify(s)}`);
      await new Promise<void>((r) => setTimeout(() => r(), 2));
    }
  }
  /** Types `keys` and returns what appeared up to the next prompt. */
  async type(keys: string, opts: { waitMs?: number } = {}): Promise<string> {
    const from = this.screen.length;
    this.term.write(keys);
    if (opts.waitMs) {
      await new Promise<void>((r) => setTimeout(() => r(), opts.waitMs));
      return this.screen.slice(from);
    }
    return this.prompt(from);
  }
}
