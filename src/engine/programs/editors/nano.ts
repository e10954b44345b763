import type { Ctx, ProgramSpec } from '../context';
import type { TtyFile } from '../../tty/tty';
import { isSysError } from '../../kernel/errors';

const dec = new TextDecoder();

/**
 * nano 7.2: a modeless editor — typing inserts, the arrows move, Enter and Backspace edit lines,
 * ^O writes (asking for the file name), ^X exits (asking whether to save a modified buffer), with
 * nano's title bar, status messages and shortcut lines.
 * @sim partial: no search, cut/paste, undo or soft wrapping.
 */
export const nano: ProgramSpec = {
  name: 'nano',
  summary: 'Nano\'s ANOther editor, inspired by Pico',
  usage: 'nano [OPTIONS] [[+LINE[,COLUMN]] FILE]...',
  onHost: false,
  async run(ctx: Ctx) {
    if (ctx.args.includes('--version') || ctx.args.includes('-V')) {
      await ctx.out(' GNU nano, version 7.2\n (C) 2023 the Free Software Foundation and various contributors\n Compiled options: --disable-libmagic --enable-utf8\n');
      return 0;
    }
    const out = ctx.proc.fds.get(1);
    const tty = out?.isTTY ? (out as TtyFile).tty : null;
    if (!tty) {
      await ctx.err('Too many errors from stdin\n');
      return 1;
    }
    let path = ctx.args.find((a) => !a.startsWith('-')) ?? '';
    let lines = [''];
    let status = '';
    if (path) {
      try {
        lines = ctx.fs.readText(ctx.proc, path).replace(/\n$/, '').split('\n');
        status = `[ Read ${lines.length} line${lines.length === 1 ? '' : 's'} ]`;
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = isSysError(e, 'ENOENT') ? '[ New File ]' : `[ Error reading ${path}: ${(e as Error).message} ]`;
      }
    }
    let row = 0;
    let col = 0;
    let modified = false;
    let prompt: { text: string; answer: string; kind: 'save' | 'name' } | null = null;
    let exitAfterSave = false;
    const rows = tty.rows;
    const cols = tty.cols;
    const draw = async () => {
      const title = `  GNU nano 7.2`;
      const name = path || 'New Buffer';
      let s = '\x1b[H\x1b[2J\x1b[7m' + (title + ' '.repeat(Math.max(1, Math.floor((cols - name.length) / 2) - title.length)) + name).padEnd(cols - (modified ? 9 : 0)) + (modified ? 'Modified ' : '') + '\x1b[0m\r\n';
      const height = rows - 4;
      const top = Math.max(0, row - height + 1);
      for (let i = 0; i < height; i++) s += (lines[top + i] ?? '').slice(0, cols) + '\r\n';
      if (prompt) s += `\x1b[7m${(prompt.text + prompt.answer).padEnd(cols)}\x1b[0m\r\n`;
      else s += (status ? ' '.repeat(Math.max(0, Math.floor((cols - status.length) / 2))) + `\x1b[7m${status}\x1b[0m` : '') + '\r\n';
      s += prompt?.kind === 'save' ? '\x1b[7m Y\x1b[0m Yes\r\n\x1b[7m N\x1b[0m No           \x1b[7m^C\x1b[0m Cancel' : '\x1b[7m^G\x1b[0m Help      \x1b[7m^O\x1b[0m Write Out \x1b[7m^W\x1b[0m Where Is  \x1b[7m^K\x1b[0m Cut\r\n\x1b[7m^X\x1b[0m Exit      \x1b[7m^R\x1b[0m Read File \x1b[7m^\\\x1b[0m Replace   \x1b[7m^U\x1b[0m Paste';
      s += `\x1b[${Math.min(row, height - 1) + 2};${col + 1}H`;
      await ctx.out(s);
    };
    const save = (): boolean => {
      try {
        ctx.fs.writeFile(ctx.proc, path, lines.join('\n') + '\n');
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = `[ Error writing ${path}: ${e.message} ]`;
        return false;
      }
      modified = false;
      status = `[ Wrote ${lines.length} line${lines.length === 1 ? '' : 's'} ]`;
      return true;
    };
    const saved = { ...tty.termios };
    tty.setMode({ icanon: false, echo: false, isig: false });
    try {
      await ctx.out('\x1b[?1049h');
      await draw();
      for (;;) {
        const chunk = await ctx.read(0, 4096);
        if (chunk === null) return 0;
        const keys = dec.decode(chunk).match(/\x1b\[[0-9;]*[A-Za-z~]|[\s\S]/g) ?? [];
        for (const k of keys) {
          if (prompt) {
            if (prompt.kind === 'save') {
              if (/^[yY]$/.test(k)) prompt = { text: 'File Name to Write: ', answer: path, kind: 'name' };
              else if (/^[nN]$/.test(k)) return 0;
              else if (k === '\x03') prompt = null;
            } else if (k === '\r') {
              path = prompt.answer;
              prompt = null;
              if (save() && exitAfterSave) return 0;
            } else if (k === '\x03') {
              prompt = null;
              status = '[ Cancelled ]';
            } else if (k === '\x7f') prompt.answer = prompt.answer.slice(0, -1);
            else if (k >= ' ' && k.length === 1) prompt.answer += k;
            continue;
          }
          status = '';
          const line = lines[row];
          if (k === '\x18') {
            if (!modified) return 0;
            prompt = { text: 'Save modified buffer?  ', answer: '', kind: 'save' };
            exitAfterSave = true;
          } else if (k === '\x0f') {
            prompt = { text: 'File Name to Write: ', answer: path, kind: 'name' };
            exitAfterSave = false;
          } else if (k === '\r') {
            lines.splice(row, 1, line.slice(0, col), line.slice(col));
            row++;
            col = 0;
            modified = true;
          } else if (k === '\x7f' || k === '\b') {
            if (col > 0) {
              lines[row] = line.slice(0, col - 1) + line.slice(col);
              col--;
              modified = true;
            } else if (row > 0) {
              col = lines[row - 1].length;
              lines.splice(row - 1, 2, lines[row - 1] + line);
              row--;
              modified = true;
            }
          } else if (k === '\x1b[A') row = Math.max(0, row - 1);
          else if (k === '\x1b[B') row = Math.min(lines.length - 1, row + 1);
          else if (k === '\x1b[C') col++;
          else if (k === '\x1b[D') col = Math.max(0, col - 1);
          else if (k.length === 1 && (k >= ' ' || k === '\t')) {
            lines[row] = line.slice(0, col) + k + line.slice(col);
            col++;
            modified = true;
          }
          col = Math.min(col, lines[row].length);
        }
        await draw();
      }
    } finally {
      tty.setMode(saved);
      await ctx.out('\x1b[?1049l');
    }
  },
};
