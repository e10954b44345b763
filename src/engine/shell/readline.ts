/**
 * The interactive line editor, as GNU readline behaves in emacs mode on an xterm: editing keys,
 * history, kill and yank, tab completion, and correct redraws for lines that wrap. The terminal
 * is in raw mode while it runs; the editor does its own echo.
 */

/** Where the editor reads keys and writes the screen. */
export interface EditorIO {
  /** The next chunk of raw keystrokes; null at end of input. */
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
  /** The terminal's width in columns. */
  columns(): number;
  /**
   * Gives back keystrokes read past the end of the line, so that the command about to run (say
   * `cat`) reads them, as it would from a terminal that readline read one byte at a time.
   */
  unread?(text: string): void;
}

/** What completion offers for the word before the cursor. */
export interface Completion {
  /** Where the word being completed starts in the line. */
  start: number;
  /** Full replacement words; directories end with `/`. */
  candidates: string[];
}

/** How a line ended: Enter, ^D on an empty line, or ^C. */
export type ReadResult = { kind: 'line'; text: string } | { kind: 'eof' } | { kind: 'interrupt' };

/** Options for one readLine call. */
export interface ReadOptions {
  history: string[];
  complete?: (line: string, cursor: number) => Completion | Promise<Completion>;
}

/** The width a prompt takes on screen: colour codes and readline's \x01 \x02 markers take none. */
export function visibleWidth(text: string): number {
  return [...text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x01\x02]/g, '')].length;
}

/** The longest common prefix of some strings. */
export function commonPrefix(items: string[]): string {
  if (items.length === 0) return '';
  let p = items[0];
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Lays out words in columns, filled top to bottom, as readline lists completions. */
export function columnize(words: string[], width: number): string {
  const w = Math.max(...words.map((x) => [...x].length)) + 2;
  const perRow = Math.max(1, Math.floor((width + 2) / w));
  const rows = Math.ceil(words.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const i = c * rows + r;
      if (i >= words.length) break;
      const last = (c + 1) * rows + r >= words.length;
      line += last ? words[i] : words[i].padEnd(w);
    }
    out += line.trimEnd() + '\r\n';
  }
  return out;
}

const WORD = /[A-Za-z0-9_]/;

/** A line editor over one terminal; keys typed ahead of a line are kept for the next one. */
export class LineEditor {
  private pending = '';
  private eof = false;
  private kill = '';

  constructor(private readonly io: EditorIO) {}

  /** Shows `prompt` and edits a line until Enter, ^D on an empty line or ^C. */
  async readLine(prompt: string, opts: ReadOptions): Promise<ReadResult> {
    try {
      return await this.edit(prompt, opts);
    } finally {
      if (this.pending && this.io.unread) {
        this.io.unread(this.pending);
        this.pending = '';
      }
    }
  }

  private async edit(prompt: string, opts: ReadOptions): Promise<ReadResult> {
    const io = this.io;
    const history = opts.history;
    let buf: string[] = [];
    let cur = 0;
    let hist = history.length;
    let saved: string[] = [];
    let lastTab = false;
    const pw = visibleWidth(prompt.replace(/^[\s\S]*\n/, ''));
    const cols = () => Math.max(2, io.columns());
    // The screen row (relative to the prompt's row) and column of a position in the line.
    const pos = (i: number) => ({ row: Math.floor((pw + i) / cols()), col: (pw + i) % cols() });

    const moveTo = (from: number, to: number): string => {
      if (from === to) return '';
      const a = pos(from);
      const b = pos(to);
      let s = '';
      if (b.row < a.row) s += `\x1b[${a.row - b.row}A`;
      else if (b.row > a.row) s += `\x1b[${b.row - a.row}B`;
      s += '\r';
      if (b.col > 0) s += `\x1b[${b.col}C`;
      return s;
    };
    /** Redraws from the start of the prompt; `cursorAt` is where the screen cursor is now. */
    const redraw = async (cursorAt = cur) => {
      let s = moveTo(cursorAt, -pw) + prompt.replace(/^[\s\S]*\n/, '') + buf.join('') + '\x1b[J';
      if ((pw + buf.length) % cols() === 0 && buf.length > 0) s += ' \r';
      s += moveTo(buf.length, cur);
      await io.write(s);
    };
    const setLine = async (chars: string[], cursor = chars.length) => {
      const was = cur;
      buf = chars;
      cur = cursor;
      await redraw(was);
    };
    const insert = async (text: string) => {
      const chars = [...text];
      if (cur === buf.length) {
        buf.push(...chars);
        cur = buf.length;
        let s = text;
        if ((pw + buf.length) % cols() === 0) s += ' \r';
        await io.write(s);
        return;
      }
      const was = cur;
      buf.splice(cur, 0, ...chars);
      cur += chars.length;
      await redraw(was);
    };
    const deleteRange = async (from: number, to: number, save: boolean) => {
      if (to <= from) return;
      const was = cur;
      // Erasing backwards at the end of the line, within one screen row, needs no redraw.
      const simple = to === buf.length && cur === to && pos(from).row === pos(cur).row;
      const removed = buf.splice(from, to - from);
      if (save) this.kill = removed.join('');
      cur = from;
      if (simple) {
        await io.write('\b'.repeat(removed.length) + '\x1b[K');
        return;
      }
      await redraw(was);
    };
    /** Replaces the word from `start` to the cursor (completion). */
    const replaceWord = async (start: number, text: string) => {
      const word = buf.slice(start, cur).join('');
      if (text.startsWith(word)) {
        await insert(text.slice(word.length));
        return;
      }
      const was = cur;
      buf = [...buf.slice(0, start), ...text, ...buf.slice(cur)];
      cur = start + [...text].length;
      await redraw(was);
    };
    const wordLeft = (i: number) => {
      while (i > 0 && !WORD.test(buf[i - 1])) i--;
      while (i > 0 && WORD.test(buf[i - 1])) i--;
      return i;
    };
    const wordRight = (i: number) => {
      while (i < buf.length && !WORD.test(buf[i])) i++;
      while (i < buf.length && WORD.test(buf[i])) i++;
      return i;
    };
    const finish = async (): Promise<void> => {
      if (cur !== buf.length) await io.write(moveTo(cur, buf.length));
      await io.write('\r\n');
    };

    await io.write(prompt);
    for (;;) {
      const key = await this.nextKey();
      if (key === null) {
        if (buf.length === 0) return { kind: 'eof' };
        await finish();
        return { kind: 'line', text: buf.join('') };
      }
      const tab = key === '\t';
      switch (key) {
        case '\r':
        case '\n':
          await finish();
          return { kind: 'line', text: buf.join('') };
        case '\x03':
          await io.write(moveTo(cur, buf.length) + '^C\r\n');
          this.pending = '';
          return { kind: 'interrupt' };
        case '\x04':
          if (buf.length === 0) return { kind: 'eof' };
          await deleteRange(cur, cur + 1, false);
          break;
        case '\x7f':
        case '\b':
          if (cur > 0) await deleteRange(cur - 1, cur, false);
          break;
        case '\x1b[3~':
          await deleteRange(cur, cur + 1, false);
          break;
        case '\x01': case '\x1b[H': case '\x1bOH': case '\x1b[1~': case '\x1b[7~':
          if (cur !== 0) {
            await io.write(moveTo(cur, 0));
            cur = 0;
          }
          break;
        case '\x05': case '\x1b[F': case '\x1bOF': case '\x1b[4~': case '\x1b[8~':
          if (cur !== buf.length) {
            await io.write(moveTo(cur, buf.length));
            cur = buf.length;
          }
          break;
        case '\x02': case '\x1b[D': case '\x1bOD':
          if (cur > 0) {
            await io.write(moveTo(cur, cur - 1));
            cur--;
          }
          break;
        case '\x06': case '\x1b[C': case '\x1bOC':
          if (cur < buf.length) {
            await io.write(moveTo(cur, cur + 1));
            cur++;
          }
          break;
        case '\x1bb': case '\x1b[1;5D': case '\x1b[1;3D': {
          const to = wordLeft(cur);
          await io.write(moveTo(cur, to));
          cur = to;
          break;
        }
        case '\x1bf': case '\x1b[1;5C': case '\x1b[1;3C': {
          const to = wordRight(cur);
          await io.write(moveTo(cur, to));
          cur = to;
          break;
        }
        case '\x0b':
          await deleteRange(cur, buf.length, true);
          break;
        case '\x15':
          await deleteRange(0, cur, true);
          break;
        case '\x17': {
          let i = cur;
          while (i > 0 && buf[i - 1] === ' ') i--;
          while (i > 0 && buf[i - 1] !== ' ') i--;
          await deleteRange(i, cur, true);
          break;
        }
        case '\x1bd':
          await deleteRange(cur, wordRight(cur), true);
          break;
        case '\x1b\x7f':
          await deleteRange(wordLeft(cur), cur, true);
          break;
        case '\x19':
          if (this.kill) await insert(this.kill);
          break;
        case '\x0c':
          await io.write('\x1b[H\x1b[2J' + prompt.replace(/^[\s\S]*\n/, ''));
          await io.write(buf.join('') + ((pw + buf.length) % cols() === 0 && buf.length ? ' \r' : '') + moveTo(buf.length, cur));
          break;
        case '\x10': case '\x1b[A': case '\x1bOA':
          if (hist > 0) {
            if (hist === history.length) saved = buf;
            hist--;
            await setLine([...history[hist]]);
          } else await io.write('\x07');
          break;
        case '\x0e': case '\x1b[B': case '\x1bOB':
          if (hist < history.length) {
            hist++;
            await setLine(hist === history.length ? saved : [...history[hist]]);
          } else await io.write('\x07');
          break;
        case '\t': {
          if (!opts.complete) {
            await insert('\t');
            break;
          }
          const text = buf.join('');
          const { start, candidates } = await opts.complete(text, cur);
          const word = text.slice(start, cur);
          if (candidates.length === 0) {
            await io.write('\x07');
            break;
          }
          if (candidates.length === 1) {
            const c = candidates[0];
            await replaceWord(start, c.endsWith('/') ? c : c + ' ');
            break;
          }
          const prefix = commonPrefix(candidates);
          if (prefix.length > word.length) {
            await replaceWord(start, prefix);
            break;
          }
          if (lastTab) {
            const names = candidates.map((c) => c.replace(/\/$/, '').split('/').pop()! + (c.endsWith('/') ? '/' : ''));
            await io.write(moveTo(cur, buf.length) + '\r\n' + columnize(names, cols()));
            await io.write(prompt.replace(/^[\s\S]*\n/, '') + buf.join('') + ((pw + buf.length) % cols() === 0 && buf.length ? ' \r' : '') + moveTo(buf.length, cur));
          } else await io.write('\x07');
          break;
        }
        default:
          if (key.startsWith('\x1b') || (key.length === 1 && key < ' ')) break;
          await insert(key);
      }
      lastTab = tab;
    }
  }

  /** The next key: one character, or one whole escape sequence. */
  private async nextKey(): Promise<string | null> {
    for (;;) {
      if (this.pending.length > 0) {
        const p = this.pending;
        if (p[0] === '\x1b') {
          const m = /^\x1b(\[[0-9;]*[~A-Za-z]|O[A-Za-z]|[^[O])/.exec(p);
          if (m) {
            this.pending = p.slice(m[0].length);
            return m[0];
          }
          if (/^\x1b(\[[0-9;]*|O)?$/.test(p) && !this.eof) {
            // An escape sequence split across chunks: wait for the rest.
            const more = await this.io.read();
            if (more === null) this.eof = true;
            else this.pending += more;
            continue;
          }
          this.pending = p.slice(1);
          return '\x1b';
        }
        const ch = String.fromCodePoint(p.codePointAt(0)!);
        this.pending = p.slice(ch.length);
        return ch;
      }
      if (this.eof) return null;
      const chunk = await this.io.read();
      if (chunk === null) {
        this.eof = true;
        return null;
      }
      this.pending += chunk;
    }
  }
}
