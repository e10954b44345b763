/**
 * The interactive line editor, as GNU readline behaves in emacs mode on an xterm: editing keys,
 * history, kill and yank, incremental search, tab completion, and correct redraws for lines that
 * wrap. The terminal is in raw mode while it runs; the editor does its own echo.
 *
 * The screen model: the cursor's place is worked out from the prompt's visible width and the
 * widths of the characters before it, so every move is a relative CSI sequence. Typing at the end
 * of the line writes just the characters, so a capture of the terminal reads like what was typed.
 *
 * @sim partial: no undo, no vi mode, no inputrc, no --More-- paging of long completion lists.
 */

/** Where the editor reads keys and writes the screen. */
export interface EditorIO {
  /** The next chunk of raw keystrokes; null at end of input. */
  read(): Promise<string | null>;
  /** Writes to the terminal, as is (the editor writes its own `\r\n`). */
  write(text: string): Promise<void>;
  /** The terminal's width in columns. */
  columns(): number;
  /**
   * Gives back keystrokes read past the end of the line, so that the command about to run (say
   * `cat`) reads them, as it would from a terminal that readline read one byte at a time. Without
   * it the editor keeps them for its next readLine.
   */
  unread?(text: string): void;
}

/** What completion offers for the word before the cursor. */
export interface Completion {
  /** Where the word being completed starts in the line (a UTF-16 index into the line). */
  start: number;
  /** Full replacement words, quoted as they are to be inserted; directories end with `/`. */
  candidates: string[];
  /**
   * Appended after a sole candidate that does not end in `/`: `' '` when absent. A completer
   * that works inside an open quote passes the closing quote and a space (`'" '`).
   */
  suffix?: string;
  /**
   * How each candidate is shown when they are listed (parallel to `candidates`). When absent the
   * part after the last `/` is shown, keeping a directory's trailing `/`, as readline shows files.
   */
  display?: string[];
}

/** How a line ended: Enter, ^D on an empty line (or end of input), or ^C. */
export type ReadResult = { kind: 'line'; text: string } | { kind: 'eof' } | { kind: 'interrupt' };

/** Options for one readLine call. */
export interface ReadOptions {
  /** Earlier lines, oldest first; the editor reads it and never changes it. */
  history: string[];
  /** Completion for Tab; without it Tab inserts a tab. */
  complete?: (line: string, cursor: number) => Completion | Promise<Completion>;
}

/** readline's completion-query-items: this many candidates or more ask before listing. */
const QUERY_ITEMS = 100;

/** Escape sequences and readline's \x01…\x02 markers take no room on screen. */
const INVISIBLE = /\x01[^\x02]*\x02|\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|[\x00-\x1f\x7f]/g;

/** How many columns a character takes on an xterm: 0 for combining marks, 2 for wide ones. */
export function charWidth(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return 0;
  if (c === 0x200b || c === 0x200d || /^\p{M}/u.test(ch)) return 0;
  if (
    (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) || (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd)
  ) return 2;
  return 1;
}

/** The width of a string on screen, one character (with its combining marks) at a time. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** The width a prompt takes on screen: colour codes and readline's \x01 \x02 markers take none. */
export function visibleWidth(text: string): number {
  return textWidth(text.replace(INVISIBLE, ''));
}

/** The longest common prefix of some strings, never splitting a surrogate pair. */
export function commonPrefix(items: string[]): string {
  if (items.length === 0) return '';
  let p = items[0];
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  if (/[\ud800-\udbff]$/.test(p)) p = p.slice(0, -1);
  return p;
}

/**
 * Lays out words in columns filled top to bottom, as readline's rl_display_match_list does: each
 * column as wide as the longest word (a directory's `/` not counted) plus two, as many as fit.
 */
export function columnize(words: string[], width: number): string {
  if (words.length === 0) return '';
  const max = Math.max(...words.map((w) => textWidth(w.replace(/\/$/, '')))) + 2;
  let perRow = Math.floor(width / max);
  // A row that exactly fills the width would wrap on its own; readline leaves one column out.
  if (perRow !== 1 && perRow * max === width) perRow--;
  if (perRow < 1) perRow = 1;
  const rows = Math.ceil(words.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < perRow; c++) {
      const i = c * rows + r;
      if (i >= words.length) break;
      out += words[i];
      if (c + 1 < perRow) out += ' '.repeat(Math.max(1, max - textWidth(words[i])));
    }
    out += '\r\n';
  }
  return out;
}

/** The listing name of a candidate: the part after the last `/`, keeping a directory's `/`. */
function displayName(candidate: string): string {
  const dir = candidate.endsWith('/');
  const base = dir ? candidate.slice(0, -1) : candidate;
  const name = base.slice(base.lastIndexOf('/') + 1);
  return name === '' ? candidate : name + (dir ? '/' : '');
}

/** Splits typed text into the editor's units: characters with any combining marks that follow. */
function toChars(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    if (out.length > 0 && charWidth(ch) === 0 && ch >= ' ') out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

const WORD = /[\p{L}\p{N}_]/u;
const BELL = '\x07';

/** A place on screen, relative to the first row of the prompt's last line. */
interface Pos {
  row: number;
  col: number;
}

/** The start of the prompt's last line. */
const ORIGIN: Pos = { row: 0, col: 0 };

/** The keys that stand for one editing command, in every form an xterm sends them. */
const KEYS: Record<string, string> = {
  '\r': 'accept', '\n': 'accept',
  '\x03': 'interrupt',
  '\x04': 'delete-or-eof',
  '\x7f': 'backward-delete', '\b': 'backward-delete',
  '\x1b[3~': 'delete',
  '\x01': 'home', '\x1b[H': 'home', '\x1bOH': 'home', '\x1b[1~': 'home', '\x1b[7~': 'home',
  '\x05': 'end', '\x1b[F': 'end', '\x1bOF': 'end', '\x1b[4~': 'end', '\x1b[8~': 'end',
  '\x02': 'left', '\x1b[D': 'left', '\x1bOD': 'left',
  '\x06': 'right', '\x1b[C': 'right', '\x1bOC': 'right',
  '\x1bb': 'word-left', '\x1b[1;5D': 'word-left', '\x1b[1;3D': 'word-left',
  '\x1bf': 'word-right', '\x1b[1;5C': 'word-right', '\x1b[1;3C': 'word-right',
  '\x0b': 'kill-line', '\x15': 'kill-start', '\x17': 'kill-word-back',
  '\x1bd': 'kill-word', '\x1b\x7f': 'kill-word-back-alnum', '\x1b\b': 'kill-word-back-alnum',
  '\x19': 'yank', '\x14': 'transpose', '\x1b.': 'yank-last-arg', '\x1b_': 'yank-last-arg',
  '\x0c': 'clear-screen',
  '\x10': 'up', '\x1b[A': 'up', '\x1bOA': 'up',
  '\x0e': 'down', '\x1b[B': 'down', '\x1bOB': 'down',
  '\x1b<': 'history-first', '\x1b>': 'history-last',
  '\x12': 'search', '\x07': 'abort', '\t': 'complete',
};

/** A line editor over one terminal; keys typed ahead of a line are kept for the next one. */
export class LineEditor {
  /** Keystrokes read but not yet used: the rest of a paste, or the next lines typed ahead. */
  private pending = '';
  private eof = false;
  /** The kill buffer: what ^K, ^U and ^W took last, for ^Y. */
  private killed = '';

  constructor(private readonly io: EditorIO) {}

  /** Shows `prompt` (already expanded, colours allowed) and edits a line until Enter, ^D on an empty line or ^C. */
  async readLine(prompt: string, opts: ReadOptions): Promise<ReadResult> {
    try {
      return await new Session(this, this.io, prompt, opts).run();
    } finally {
      if (this.pending && this.io.unread) {
        this.io.unread(this.pending);
        this.pending = '';
      }
    }
  }

  /** @internal The kill buffer, shared by every line as readline's kill ring is. */
  get killBuffer(): string {
    return this.killed;
  }
  set killBuffer(text: string) {
    this.killed = text;
  }

  /** @internal Drops what was typed ahead: ^C flushes it, as the terminal would. */
  flushInput(): void {
    this.pending = '';
  }

  /** @internal The next key: one character, or one whole escape sequence; null at end of input. */
  async nextKey(): Promise<string | null> {
    for (;;) {
      const p = this.pending;
      if (p.length > 0) {
        if (p[0] !== '\x1b') {
          const ch = String.fromCodePoint(p.codePointAt(0)!);
          this.pending = p.slice(ch.length);
          return ch;
        }
        // CSI (parameters, intermediates, final byte), SS3 (one byte), or Meta: ESC and one key.
        const m = /^\x1b(?:\[[0-?]*[ -/]*[@-~]|O[\s\S]|[^[O])/u.exec(p);
        if (m) {
          this.pending = p.slice(m[0].length);
          return m[0];
        }
        if (!this.eof) {
          // An escape sequence split across reads, or ESC pressed alone (a Meta prefix that
          // waits for the next key, as readline's emacs keymap does): read on.
          await this.more();
          continue;
        }
        this.pending = p.slice(1);
        return '\x1b';
      }
      if (this.eof) return null;
      await this.more();
    }
  }

  /** @internal Takes the run of plain characters already waiting, so a paste is drawn in one write. */
  takePrintable(): string {
    const m = /^[^\x00-\x1f\x7f]+/.exec(this.pending);
    if (!m) return '';
    this.pending = this.pending.slice(m[0].length);
    return m[0];
  }

  private async more(): Promise<void> {
    const chunk = await this.io.read();
    if (chunk === null) this.eof = true;
    else this.pending += chunk;
  }
}

/** One readLine call: the line being edited and the screen it is drawn on. */
class Session {
  private buf: string[] = [];
  private cur = 0;
  /** The prompt's last line as drawn, and the lines above it (redrawn only by ^L and listings). */
  private shown: string;
  private readonly head: string;
  private pw: number;
  /** Where in the history the line being shown comes from; history.length is the new line. */
  private hist: number;
  /** Edits made to lines recalled from history, and the new line, kept while walking (readline's undo lists). */
  private readonly edits = new Map<number, string[]>();
  private lastCommand = '';
  /** Tab changed the line: a second Tab completes again instead of listing (readline's completion_changed_buffer). */
  private tabChanged = false;
  private lastArg = { n: 0, at: 0, len: 0 };

  constructor(
    private readonly ed: LineEditor,
    private readonly io: EditorIO,
    private readonly prompt: string,
    private readonly opts: ReadOptions,
  ) {
    const nl = prompt.lastIndexOf('\n');
    this.head = prompt.slice(0, nl + 1);
    this.shown = prompt.slice(nl + 1);
    this.pw = visibleWidth(this.shown);
    this.hist = opts.history.length;
  }

  async run(): Promise<ReadResult> {
    await this.io.write(this.prompt + (this.pw > 0 && this.pw % this.cols() === 0 ? ' \r' : ''));
    let lastKey = '';
    for (;;) {
      let key = await this.ed.nextKey();
      if (key === null) {
        // End of input on a non-empty line accepts it, as readline treats EOF as newline there.
        if (this.buf.length === 0) return { kind: 'eof' };
        await this.finish();
        return { kind: 'line', text: this.text() };
      }
      let command = KEYS[key];
      if (command === 'search') {
        const after = await this.search();
        if (typeof after !== 'string') return after;
        if (after === '') continue;
        key = after;
        command = KEYS[key];
      }
      if (command === 'delete-or-eof' && this.buf.length === 0 && lastKey !== '\x04') return { kind: 'eof' };
      lastKey = key;
      const result = await this.dispatch(key, command);
      this.lastCommand = command ?? 'self-insert';
      if (result) return result;
    }
  }

  private async dispatch(key: string, command: string | undefined): Promise<ReadResult | undefined> {
    const len = this.buf.length;
    switch (command) {
      case 'accept':
        await this.finish();
        return { kind: 'line', text: this.text() };
      case 'interrupt':
        await this.io.write(this.moveTo(this.pos(this.cur), this.pos(len)) + '^C\r\n');
        this.ed.flushInput();
        return { kind: 'interrupt' };
      case 'delete-or-eof':
      case 'delete':
        if (this.cur === len) await this.ding();
        else await this.splice(this.cur, this.cur + 1, []);
        break;
      case 'backward-delete':
        if (this.cur === 0) await this.ding();
        else await this.splice(this.cur - 1, this.cur, []);
        break;
      case 'home':
        await this.moveCursor(0);
        break;
      case 'end':
        await this.moveCursor(len);
        break;
      case 'left':
        if (this.cur === 0) await this.ding();
        else await this.moveCursor(this.cur - 1);
        break;
      case 'right':
        if (this.cur === len) await this.ding();
        else await this.moveCursor(this.cur + 1);
        break;
      case 'word-left':
        await this.moveCursor(this.wordLeft(this.cur));
        break;
      case 'word-right':
        await this.moveCursor(this.wordRight(this.cur));
        break;
      case 'kill-line':
        await this.kill(this.cur, len, true);
        break;
      case 'kill-start':
        if (this.cur === 0) await this.ding();
        else await this.kill(0, this.cur, false);
        break;
      case 'kill-word-back': {
        // unix-word-rubout: back over blanks, then over everything that is not a blank.
        let i = this.cur;
        while (i > 0 && /\s/.test(this.buf[i - 1])) i--;
        while (i > 0 && !/\s/.test(this.buf[i - 1])) i--;
        if (this.cur === 0) await this.ding();
        else await this.kill(i, this.cur, false);
        break;
      }
      case 'kill-word-back-alnum':
        await this.kill(this.wordLeft(this.cur), this.cur, false);
        break;
      case 'kill-word':
        await this.kill(this.cur, this.wordRight(this.cur), true);
        break;
      case 'yank':
        if (!this.ed.killBuffer) await this.ding();
        else await this.insert(this.ed.killBuffer);
        break;
      case 'yank-last-arg':
        await this.yankLastArg();
        break;
      case 'transpose': {
        // At the end of the line ^T swaps the two characters before the cursor.
        if (this.cur === 0 || len < 2) {
          await this.ding();
          break;
        }
        const at = this.cur === len ? this.cur - 1 : this.cur;
        await this.splice(at - 1, at + 1, [this.buf[at], this.buf[at - 1]], at + 1);
        break;
      }
      case 'clear-screen':
        // The screen is cleared and the cursor is home, where the prompt is drawn again whole.
        await this.io.write('\x1b[H\x1b[2J' + this.head + this.drawLine(this.buf, this.cur, ORIGIN));
        break;
      case 'up':
        if (this.hist === 0) await this.ding();
        else await this.recall(this.hist - 1);
        break;
      case 'down':
        if (this.hist < this.opts.history.length) await this.recall(this.hist + 1);
        break;
      case 'history-first':
        if (this.hist > 0) await this.recall(0);
        break;
      case 'history-last':
        if (this.hist < this.opts.history.length) await this.recall(this.opts.history.length);
        break;
      case 'abort':
        await this.ding();
        break;
      case 'complete':
        if (this.opts.complete) await this.complete(this.opts.complete);
        else await this.insert('\t');
        break;
      default:
        // Unknown escape sequences and unbound control keys do nothing, as in readline.
        if (key.startsWith('\x1b') || key < ' ' || key === '\x7f') break;
        await this.insert(key + this.ed.takePrintable());
    }
    return undefined;
  }

  // ---- the screen ----

  private cols(): number {
    return Math.max(2, this.io.columns() || 80);
  }

  private text(): string {
    return this.buf.join('');
  }

  /** Where the cursor is when it stands before `buf[i]`, with `chars` drawn after the prompt. */
  private pos(i: number, chars = this.buf, pw = this.pw): Pos {
    const cols = this.cols();
    let row = Math.floor(pw / cols);
    let col = pw % cols;
    for (let k = 0; k < i && k < chars.length; k++) {
      const w = textWidth(chars[k]);
      if (w === 0) continue;
      // A wide character that does not fit in the last column goes to the next row whole.
      if (col + w > cols) {
        row++;
        col = 0;
      }
      col += w;
      if (col >= cols) {
        row++;
        col = 0;
      }
    }
    return { row, col };
  }

  /**
   * The moves from one place to another: a few \b to go left within a row (as readline does),
   * otherwise \r and CSI moves (up, down, right), which stay right however the line wrapped.
   */
  private moveTo(a: Pos, b: Pos): string {
    let s = '';
    if (a.row === b.row) {
      if (b.col === a.col) return '';
      if (b.col > a.col) return `\x1b[${b.col - a.col}C`;
      if (b.col > 0 && a.col - b.col <= 4) return '\b'.repeat(a.col - b.col);
    } else s = b.row < a.row ? `\x1b[${a.row - b.row}A` : `\x1b[${b.row - a.row}B`;
    s += '\r';
    if (b.col > 0) s += `\x1b[${b.col}C`;
    return s;
  }

  /**
   * After writing text that ends exactly at the right margin an xterm holds the cursor in the
   * last column until the next character; a space and \r put it at the start of the next row,
   * where the model says it is (readline does the same).
   */
  private wrapFix(end: Pos): string {
    return end.col === 0 && end.row > 0 ? ' \r' : '';
  }

  /** The prompt's last line, the line, a clear to the end of the screen, and the cursor put back. */
  private drawLine(chars: string[], cursor: number, from: Pos): string {
    const end = this.pos(chars.length, chars);
    return this.moveTo(from, ORIGIN) + this.shown + chars.join('') + this.wrapFix(end) + '\x1b[J' + this.moveTo(end, this.pos(cursor, chars));
  }

  /** Replaces the whole line, redrawing from the prompt (history, search). */
  private async setLine(chars: string[], cursor = chars.length): Promise<void> {
    const from = this.pos(this.cur);
    this.buf = chars;
    this.cur = cursor;
    await this.io.write(this.drawLine(chars, cursor, from));
  }

  /**
   * Replaces buf[from, to) with `chars` and leaves the cursor at `cursor`: only the tail from
   * `from` is rewritten, so typing at the end of the line writes just what was typed.
   */
  private async splice(from: number, to: number, chars: string[], cursor = from + chars.length): Promise<void> {
    const here = this.pos(this.cur);
    const start = this.pos(from);
    const oldEnd = this.pos(this.buf.length);
    this.buf.splice(from, to - from, ...chars);
    const end = this.pos(this.buf.length);
    const tail = this.buf.slice(from).join('');
    let s = this.moveTo(here, start) + tail;
    if (tail) s += this.wrapFix(end);
    if (end.row < oldEnd.row || (end.row === oldEnd.row && end.col < oldEnd.col)) s += end.row === oldEnd.row ? '\x1b[K' : '\x1b[J';
    s += this.moveTo(end, this.pos(cursor));
    this.cur = cursor;
    await this.io.write(s);
  }

  private async insert(text: string): Promise<void> {
    const chars = toChars(text);
    if (chars.length > 0) await this.splice(this.cur, this.cur, chars);
  }

  private async moveCursor(to: number): Promise<void> {
    const s = this.moveTo(this.pos(this.cur), this.pos(to));
    this.cur = to;
    if (s) await this.io.write(s);
  }

  /** Kills text into the kill buffer; kills in a row add up, as readline's do. */
  private async kill(from: number, to: number, forward: boolean): Promise<void> {
    if (to <= from) return;
    const text = this.buf.slice(from, to).join('');
    const again = this.lastCommand.startsWith('kill');
    this.ed.killBuffer = again ? (forward ? this.ed.killBuffer + text : text + this.ed.killBuffer) : text;
    await this.splice(from, to, []);
  }

  private async ding(): Promise<void> {
    await this.io.write(BELL);
  }

  private async finish(): Promise<void> {
    await this.io.write(this.moveTo(this.pos(this.cur), this.pos(this.buf.length)) + '\r\n');
  }

  private wordLeft(i: number): number {
    while (i > 0 && !WORD.test(this.buf[i - 1])) i--;
    while (i > 0 && WORD.test(this.buf[i - 1])) i--;
    return i;
  }

  private wordRight(i: number): number {
    while (i < this.buf.length && !WORD.test(this.buf[i])) i++;
    while (i < this.buf.length && WORD.test(this.buf[i])) i++;
    return i;
  }

  // ---- history ----

  /** Shows history entry `n` (history.length: the line being typed), keeping edits to the one left. */
  private async recall(n: number): Promise<void> {
    const history = this.opts.history;
    if (n === this.hist) return;
    if (this.hist === history.length || this.text() !== history[this.hist]) this.edits.set(this.hist, this.buf);
    else this.edits.delete(this.hist);
    this.hist = n;
    await this.setLine([...(this.edits.get(n) ?? toChars(history[n] ?? ''))]);
  }

  /** M-. inserts the last word of the previous command; again, of the one before. */
  private async yankLastArg(): Promise<void> {
    const history = this.opts.history;
    const again = this.lastCommand === 'yank-last-arg';
    const n = again ? this.lastArg.n - 1 : history.length - 1;
    if (n < 0) {
      await this.ding();
      return;
    }
    const word = toChars(history[n].trim().split(/\s+/).pop() ?? '');
    const at = again ? this.lastArg.at : this.cur;
    await this.splice(at, again ? at + this.lastArg.len : at, word);
    this.lastArg = { n, at, len: word.length };
  }

  /**
   * ^R: reverse incremental search. Returns the key that ended the search (to be run as usual,
   * '' when it is used up) or the line's result when ^C ended it.
   */
  private async search(): Promise<string | ReadResult> {
    const history = this.opts.history;
    const original = { buf: this.buf, cur: this.cur, hist: this.hist };
    let query = '';
    let failed = false;
    const lineAt = (n: number) => (n === original.hist ? original.buf.join('') : history[n]);
    /** Finds the query in entry `start` or an older one; the line found is shown with the cursor on the match. */
    const find = (start: number): boolean => {
      for (let n = Math.min(start, history.length); n >= 0; n--) {
        const line = lineAt(n);
        const i = line === undefined ? -1 : line.lastIndexOf(query);
        if (i >= 0) {
          this.hist = n;
          this.buf = toChars(line);
          this.cur = toChars(line.slice(0, i)).length;
          return true;
        }
      }
      return false;
    };
    /** Redraws with `prompt` in place of the prompt; `from` is where the cursor was drawn. */
    const draw = async (from: Pos, prompt: string) => {
      this.shown = prompt;
      this.pw = visibleWidth(prompt);
      await this.io.write(this.drawLine(this.buf, this.cur, from));
    };
    const realPrompt = this.prompt.slice(this.prompt.lastIndexOf('\n') + 1);
    await draw(this.pos(this.cur), "(reverse-i-search)`': ");
    for (;;) {
      const key = await this.ed.nextKey();
      const from = this.pos(this.cur);
      if (key === '\x03') return (await this.dispatch(key, 'interrupt'))!;
      if (key === '\x07') {
        // ^G gives up the search and puts the original line back.
        this.buf = original.buf;
        this.cur = original.cur;
        this.hist = original.hist;
        await draw(from, realPrompt);
        return '';
      }
      if (key === '\x12') {
        if (query !== '' && !find(this.hist - 1)) {
          failed = true;
          await this.ding();
        }
      } else if (key === '\x7f' || key === '\b') {
        query = [...query].slice(0, -1).join('');
        failed = query !== '' && !find(original.hist);
        if (query === '') {
          this.buf = original.buf;
          this.cur = original.cur;
          this.hist = original.hist;
        }
      } else if (key !== null && key >= ' ' && !key.startsWith('\x1b')) {
        query += key + this.ed.takePrintable();
        failed = !find(this.hist);
        if (failed) await this.ding();
      } else {
        // Any other key ends the search and then does its usual work on the line found.
        await draw(from, realPrompt);
        return key === null || key === '\x1b' ? '' : key;
      }
      await draw(from, `(${failed ? 'failed ' : ''}reverse-i-search)\`${query}': `);
    }
  }

  // ---- completion ----

  private async complete(completer: NonNullable<ReadOptions['complete']>): Promise<void> {
    const line = this.text();
    // The completer speaks UTF-16 indices into the line; the editor counts characters.
    const cursorIndex = this.buf.slice(0, this.cur).join('').length;
    const c = await completer(line, cursorIndex);
    const before = line;
    const secondTab = this.lastCommand === 'complete' && !this.tabChanged;
    const startChars = this.charIndex(c.start);
    const word = line.slice(c.start, cursorIndex);
    const candidates = [...new Set(c.candidates)];
    if (candidates.length === 0) {
      await this.ding();
    } else if (secondTab && candidates.length > 1) {
      await this.list(candidates, c.display);
    } else if (candidates.length === 1) {
      const only = candidates[0];
      await this.replaceWord(startChars, word, only);
      const suffix = only.endsWith('/') ? '' : (c.suffix ?? ' ');
      // Step over a blank already there instead of doubling it.
      if (suffix === ' ' && this.buf[this.cur] === ' ') await this.moveCursor(this.cur + 1);
      else if (suffix) await this.insert(suffix);
    } else {
      // Several: insert what they share, and ring to say there is more to choose.
      const prefix = commonPrefix(candidates);
      if (prefix.length > 0 && prefix !== word) await this.replaceWord(startChars, word, prefix);
      await this.ding();
    }
    this.tabChanged = this.text() !== before;
  }

  /** The index in the line's characters of a UTF-16 index into its text. */
  private charIndex(utf16: number): number {
    let n = 0;
    let i = 0;
    while (i < this.buf.length && n + this.buf[i].length <= utf16) n += this.buf[i++].length;
    return i;
  }

  /** Replaces the word being completed, writing only what it adds when it extends what was typed. */
  private async replaceWord(start: number, word: string, text: string): Promise<void> {
    if (text.startsWith(word)) await this.insert(text.slice(word.length));
    else await this.splice(start, this.cur, toChars(text));
  }

  /** Lists candidates below the line (asking first when there are many), then redraws prompt and line. */
  private async list(candidates: string[], display?: string[]): Promise<void> {
    const names = display && display.length === candidates.length ? display : candidates.map(displayName);
    let s = this.moveTo(this.pos(this.cur), this.pos(this.buf.length)) + '\r\n';
    if (names.length >= QUERY_ITEMS) {
      await this.io.write(s + `Display all ${names.length} possibilities? (y or n)`);
      s = '\r\n';
      for (;;) {
        const key = await this.ed.nextKey();
        if (key === 'y' || key === 'Y' || key === ' ') break;
        if (key === null || key === 'n' || key === 'N' || key === '\x7f' || key === '\x07' || key === '\x03') {
          await this.io.write('\r\n' + this.head + this.drawLine(this.buf, this.cur, ORIGIN));
          return;
        }
        await this.ding();
      }
    }
    s += columnize(names, this.cols());
    await this.io.write(s + this.head + this.drawLine(this.buf, this.cur, ORIGIN));
  }
}
