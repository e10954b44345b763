import type { Ctx, ProgramSpec } from '../context';
import type { TtyFile } from '../../tty/tty';
import { isSysError } from '../../kernel/errors';

const dec = new TextDecoder();

/** The editor's state: the buffer as lines, the cursor, the mode and the message line. */
interface Editor {
  path: string | null;
  lines: string[];
  row: number;
  col: number;
  top: number;
  mode: 'normal' | 'insert' | 'command';
  command: string;
  message: string;
  modified: boolean;
  pending: string;
  done: boolean;
}

function bufferBytes(lines: string[]): number {
  return lines.reduce((n, l) => n + new TextEncoder().encode(l).length + 1, 0);
}

/**
 * vim (also vi): a modal editor on the terminal — normal mode (h j k l and the arrows, 0 $ gg G,
 * x, dd, i a A I o O), insert mode (typing, Backspace, Enter, Esc) and the command line (:w,
 * :q, :q!, :wq, :x, ZZ), with vim's messages (`"f" 3L, 42B written`, E37, E32, E492).
 * @sim partial: no undo, no counts, no search, no visual mode, no syntax highlighting.
 */
export const vim: ProgramSpec = {
  name: 'vim',
  summary: 'Vi IMproved, a programmer\'s text editor',
  usage: 'vim [file]',
  aliases: ['vi'],
  onHost: false,
  async run(ctx: Ctx) {
    const file = ctx.args.find((a) => !a.startsWith('-') && !a.startsWith('+')) ?? null;
    if (ctx.args.includes('--version')) {
      await ctx.out('VIM - Vi IMproved 9.0 (2022 Jun 28, compiled May 04 2023 10:24:44)\nIncluded patches: 1-1378, 1499\nHuge version without GUI.\n');
      return 0;
    }
    const out = ctx.proc.fds.get(1);
    const tty = out?.isTTY ? (out as TtyFile).tty : null;
    if (!ctx.isatty(1)) await ctx.err('Vim: Warning: Output is not to a terminal\n');
    if (!ctx.isatty(0)) await ctx.err('Vim: Warning: Input is not from a terminal\n');
    const ed: Editor = { path: file, lines: [''], row: 0, col: 0, top: 0, mode: 'normal', command: '', message: '', modified: false, pending: '', done: false };
    if (file) {
      try {
        const text = ctx.fs.readText(ctx.proc, file);
        ed.lines = text.replace(/\n$/, '').split('\n');
        ed.message = `"${file}" ${ed.lines.length}L, ${new TextEncoder().encode(text).length}B`;
      } catch (e) {
        if (!isSysError(e)) throw e;
        if (isSysError(e, 'ENOENT')) ed.message = `"${file}" [New]`;
        else if (isSysError(e, 'EISDIR')) ed.message = `"${file}" is a directory`;
        else ed.message = `"${file}" [Permission Denied]`;
      }
    }
    const saved = tty ? { ...tty.termios } : null;
    tty?.setMode({ icanon: false, echo: false, isig: false });
    try {
      await ctx.out('\x1b[?1049h');
      await draw(ctx, ed, tty?.rows ?? 24, tty?.cols ?? 80);
      while (!ed.done) {
        const chunk = await ctx.read(0, 4096);
        if (chunk === null) break;
        const keys = splitKeys(dec.decode(chunk));
        for (const k of keys) {
          key(ctx, ed, k);
          if (ed.done) break;
        }
        if (!ed.done) await draw(ctx, ed, tty?.rows ?? 24, tty?.cols ?? 80);
      }
    } finally {
      if (tty && saved) tty.setMode(saved);
      await ctx.out('\x1b[?1049l');
    }
    return 0;
  },
};

/** Splits input into keys: escape sequences (arrows) stay whole. */
function splitKeys(s: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const m = /^\x1b\[[0-9;]*[A-Za-z~]/.exec(s.slice(i));
    if (m) {
      keys.push(m[0]);
      i += m[0].length - 1;
    } else keys.push(s[i]);
  }
  return keys;
}

function clamp(ed: Editor): void {
  ed.row = Math.max(0, Math.min(ed.row, ed.lines.length - 1));
  const max = Math.max(0, ed.lines[ed.row].length - (ed.mode === 'insert' ? 0 : 1));
  ed.col = Math.max(0, Math.min(ed.col, max));
}

function write(ctx: Ctx, ed: Editor, target: string | null): boolean {
  const path = target || ed.path;
  if (!path) {
    ed.message = 'E32: No file name';
    return false;
  }
  const text = ed.lines.join('\n') + '\n';
  const existed = ctx.fs.exists(ctx.proc, path);
  try {
    ctx.fs.writeFile(ctx.proc, path, text);
  } catch (e) {
    if (!isSysError(e)) throw e;
    ed.message = `"${path}" E212: Can't open file for writing`;
    return false;
  }
  if (!ed.path) ed.path = path;
  ed.modified = false;
  ed.message = `"${path}" ${existed ? '' : '[New] '}${ed.lines.length}L, ${bufferBytes(ed.lines)}B written`;
  return true;
}

function exCommand(ctx: Ctx, ed: Editor, cmd: string): void {
  const [name, ...rest] = cmd.trim().split(/\s+/);
  const arg = rest.join(' ') || null;
  if (name === '') return;
  if (name === 'w') write(ctx, ed, arg);
  else if (name === 'q') {
    if (ed.modified) ed.message = 'E37: No write since last change (add ! to override)';
    else ed.done = true;
  } else if (name === 'q!') ed.done = true;
  else if (name === 'wq' || name === 'x' || name === 'wq!') {
    if (name === 'x' && !ed.modified) ed.done = true;
    else if (write(ctx, ed, arg)) ed.done = true;
  } else if (/^\d+$/.test(name)) {
    ed.row = Number(name) - 1;
    clamp(ed);
  } else ed.message = `E492: Not an editor command: ${cmd.trim()}`;
}

function key(ctx: Ctx, ed: Editor, k: string): void {
  const line = () => ed.lines[ed.row];
  if (ed.mode === 'command') {
    if (k === '\r' || k === '\n') {
      ed.mode = 'normal';
      exCommand(ctx, ed, ed.command);
    } else if (k === '\x1b') ed.mode = 'normal';
    else if (k === '\x7f' || k === '\b') {
      if (!ed.command) ed.mode = 'normal';
      ed.command = ed.command.slice(0, -1);
    } else if (k >= ' ') ed.command += k;
    return;
  }
  if (ed.mode === 'insert') {
    if (k === '\x1b') {
      ed.mode = 'normal';
      ed.message = '';
      ed.col--;
    } else if (k === '\r' || k === '\n') {
      const l = line();
      ed.lines.splice(ed.row, 1, l.slice(0, ed.col), l.slice(ed.col));
      ed.row++;
      ed.col = 0;
      ed.modified = true;
    } else if (k === '\x7f' || k === '\b') {
      if (ed.col > 0) {
        ed.lines[ed.row] = line().slice(0, ed.col - 1) + line().slice(ed.col);
        ed.col--;
        ed.modified = true;
      } else if (ed.row > 0) {
        const prev = ed.lines[ed.row - 1];
        ed.lines.splice(ed.row - 1, 2, prev + line());
        ed.row--;
        ed.col = prev.length;
        ed.modified = true;
      }
    } else if (k.startsWith('\x1b[')) arrow(ed, k);
    else if (k >= ' ' || k === '\t') {
      ed.lines[ed.row] = line().slice(0, ed.col) + k + line().slice(ed.col);
      ed.col += k.length;
      ed.modified = true;
    }
    clamp(ed);
    return;
  }
  // normal mode
  const two = ed.pending + k;
  ed.pending = '';
  ed.message = ed.message && k !== ':' ? ed.message : ed.message;
  if (two === 'dd') {
    ed.lines.splice(ed.row, 1);
    if (!ed.lines.length) ed.lines = [''];
    ed.modified = true;
  } else if (two === 'gg') ed.row = 0;
  else if (two === 'ZZ') {
    if (!ed.modified || write(ctx, ed, null)) ed.done = true;
  } else if (two === 'ZQ') ed.done = true;
  else if (k === 'd' || k === 'g' || k === 'Z') ed.pending = k;
  else if (k === ':') {
    ed.mode = 'command';
    ed.command = '';
    ed.message = '';
  } else if (k === 'i') ed.mode = 'insert';
  else if (k === 'a') {
    ed.mode = 'insert';
    ed.col = Math.min(ed.col + 1, line().length);
  } else if (k === 'A') {
    ed.mode = 'insert';
    ed.col = line().length;
  } else if (k === 'I') {
    ed.mode = 'insert';
    ed.col = 0;
  } else if (k === 'o' || k === 'O') {
    ed.row += k === 'o' ? 1 : 0;
    ed.lines.splice(ed.row, 0, '');
    ed.col = 0;
    ed.mode = 'insert';
    ed.modified = true;
  } else if (k === 'x') {
    if (line().length) {
      ed.lines[ed.row] = line().slice(0, ed.col) + line().slice(ed.col + 1);
      ed.modified = true;
    }
  } else if (k === 'h') ed.col--;
  else if (k === 'l' || k === ' ') ed.col++;
  else if (k === 'j') ed.row++;
  else if (k === 'k') ed.row--;
  else if (k === '0') ed.col = 0;
  else if (k === '$') ed.col = line().length;
  else if (k === 'G') ed.row = ed.lines.length - 1;
  else if (k.startsWith('\x1b[')) arrow(ed, k);
  if (ed.mode === 'insert') ed.message = '-- INSERT --';
  clamp(ed);
}

function arrow(ed: Editor, k: string): void {
  const c = k.at(-1);
  if (c === 'A') ed.row--;
  else if (c === 'B') ed.row++;
  else if (c === 'C') ed.col++;
  else if (c === 'D') ed.col--;
}

async function draw(ctx: Ctx, ed: Editor, rows: number, cols: number): Promise<void> {
  const height = rows - 1;
  if (ed.row < ed.top) ed.top = ed.row;
  if (ed.row >= ed.top + height) ed.top = ed.row - height + 1;
  let out = '\x1b[H\x1b[2J';
  for (let i = 0; i < height; i++) {
    const l = ed.lines[ed.top + i];
    out += (l === undefined ? '\x1b[94m~\x1b[0m' : l.slice(0, cols)) + '\r\n';
  }
  const status = ed.mode === 'command' ? `:${ed.command}` : ed.mode === 'insert' ? '\x1b[1m-- INSERT --\x1b[0m' : ed.message;
  const pos = `${ed.row + 1},${ed.col + 1}`;
  out += ed.mode === 'command' ? status : `${status}${' '.repeat(Math.max(1, cols - 18 - (ed.mode === 'insert' ? 12 : ed.message.length)))}${pos}`;
  if (ed.mode !== 'command') out += `\x1b[${ed.row - ed.top + 1};${ed.col + 1}H`;
  await ctx.out(out);
}
