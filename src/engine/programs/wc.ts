import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';

/** wc [-clmwL] [FILE]...: counts, aligned as GNU wc aligns them. */
export const wc: ProgramSpec = {
  name: 'wc',
  summary: 'print newline, word, and byte counts for each file',
  usage: 'wc [OPTION]... [FILE]...',
  description: 'Print newline, word, and byte counts for each FILE, and a total line if\nmore than one FILE is specified.  A word is a non-zero-length sequence of\nprintable characters delimited by white space.\n\nWith no FILE, or when FILE is -, read standard input.\n\n  -c, --bytes            print the byte counts\n  -m, --chars            print the character counts\n  -l, --lines            print the newline counts\n  -L, --max-line-length  print the maximum display width\n  -w, --words            print the word counts',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ c: { short: 'c', long: 'bytes' }, m: { short: 'm', long: 'chars' }, l: { short: 'l', long: 'lines' }, w: { short: 'w', long: 'words' }, L: { short: 'L', long: 'max-line-length' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const o = a.opts;
    const any = o.c || o.m || o.l || o.w || o.L;
    const cols = [!!(o.l || !any), !!(o.w || !any), !!o.m, !!(o.c || !any), !!o.L];
    const files = a.operands.length ? a.operands : ['-'];
    const rows: { counts: number[]; name: string }[] = [];
    const total = [0, 0, 0, 0, 0];
    let status = 0;
    // GNU sizes the columns from the inputs' sizes: regular files add their size, anything else
    // (a pipe, a terminal, a directory) asks for at least 7 columns.
    let regularTotal = 0;
    let minWidth = 1;
    for (const name of files) {
      const shown = a.operands.length ? name : '';
      let file;
      try {
        file = ctx.openRead(name);
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.error(`${name}: ${e.message}`);
        status = 1;
        continue;
      }
      try {
        if (file.kind === 'file') {
          try {
            regularTotal += ctx.fs.stat(ctx.proc, name === '-' ? file.name : name).size;
          } catch {
            // A redirected standard input whose path is gone counts as empty.
          }
        } else minWidth = 7;
        if (file.kind === 'dir') {
          await ctx.error(`${name}: Is a directory`);
          status = 1;
          rows.push({ counts: [0, 0, 0, 0, 0], name: shown });
          continue;
        }
        let lines = 0;
        let words = 0;
        let chars = 0;
        let bytes = 0;
        let longest = 0;
        let col = 0;
        let inWord = false;
        const dec = new TextDecoder();
        const count = (text: string) => {
          for (const ch of text) {
            chars++;
            if (ch === '\n') {
              lines++;
              longest = Math.max(longest, col);
              col = 0;
            } else if (ch === '\t') col += 8 - (col % 8);
            else if (ch !== '\r' && ch !== '\f') col++;
            const space = ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v';
            if (space) inWord = false;
            else if (!inWord) {
              inWord = true;
              words++;
            }
          }
        };
        for (;;) {
          const c = await file.read(ctx.proc, 65536);
          await ctx.checkpoint();
          if (c === null) break;
          bytes += c.length;
          count(dec.decode(c, { stream: true }));
        }
        count(dec.decode());
        longest = Math.max(longest, col);
        const all = [lines, words, chars, bytes, longest];
        all.forEach((v, i) => (total[i] = i === 4 ? Math.max(total[i], v) : total[i] + v));
        rows.push({ counts: all, name: shown });
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.error(`${name}: ${e.message}`);
        status = 1;
      } finally {
        file.close();
      }
    }
    const pick = (c: number[]) => c.filter((_, i) => cols[i]);
    const nCols = cols.filter(Boolean).length;
    let width = Math.max(minWidth, String(regularTotal).length);
    // One count of one input needs no padding.
    if (nCols === 1 && files.length === 1) width = 1;
    if (files.length > 1) rows.push({ counts: total, name: 'total' });
    let out = '';
    for (const r of rows) out += pick(r.counts).map((v) => String(v).padStart(width)).join(' ') + (r.name ? ` ${r.name}` : '') + '\n';
    await ctx.out(out);
    return status;
  },
};
