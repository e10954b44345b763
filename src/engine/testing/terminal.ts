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

/**
 * What a terminal shows after `raw` output: carriage returns, newlines, cursor up/down
 * (`ESC[nA`, `ESC[nB`) and line erasure (`ESC[2K`, `ESC[K`) applied; other sequences ignored.
 * Lines keep trailing spaces written to them.
 */
export function renderScreen(raw: string): string {
  const lines: string[] = [''];
  let row = 0;
  let col = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\x1b' && raw[i + 1] === '[') {
      const m = /^\x1b\[([0-9;?]*)([A-Za-z])/.exec(raw.slice(i))!;
      const n = Number(m[1] || 1);
      if (m[2] === 'A') row = Math.max(0, row - n);
      else if (m[2] === 'B') row += n;
      else if (m[2] === 'K') lines[row] = m[1] === '2' ? '' : (lines[row] ?? '').slice(0, col);
      while (lines.length <= row) lines.push('');
      i += m[0].length - 1;
    } else if (ch === '\r') col = 0;
    else if (ch === '\n') {
      row++;
      col = 0;
      while (lines.length <= row) lines.push('');
    } else {
      const l = lines[row].padEnd(col);
      lines[row] = l.slice(0, col) + ch + l.slice(col + 1);
      col++;
    }
  }
  return lines.join('\n');
}
