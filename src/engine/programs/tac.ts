import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';

/** tac [FILE]...: each file's lines in reverse order (it must read a file whole first). */
export const tac: ProgramSpec = {
  name: 'tac',
  summary: 'concatenate and print files in reverse',
  usage: 'tac [OPTION]... [FILE]...',
  description: 'Write each FILE to standard output, last line first.\n\nWith no FILE, or when FILE is -, read standard input.\n\n  -s, --separator=STRING   use STRING as the separator instead of newline',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ s: { short: 's', long: 'separator', value: true }, b: { short: 'b', long: 'before' }, r: { short: 'r', long: 'regex' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const sep = typeof a.opts.s === 'string' ? a.opts.s : '\n';
    let status = 0;
    for (const name of a.operands.length ? a.operands : ['-']) {
      let file;
      try {
        file = ctx.openRead(name);
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.error(`failed to open '${name}' for reading: ${e.message}`);
        status = 1;
        continue;
      }
      let text: string;
      try {
        if (file.kind === 'dir') {
          await ctx.error(`${name}: read error: Is a directory`);
          status = 1;
          continue;
        }
        text = new TextDecoder().decode(await ctx.readAllFrom(file));
      } finally {
        file.close();
      }
      // Each record keeps its separator; a final record without one is printed bare.
      const parts = text.split(sep);
      const records: string[] = parts.slice(0, -1).map((p) => p + sep);
      if (parts[parts.length - 1] !== '') records.push(parts[parts.length - 1]);
      await ctx.out(records.reverse().join(''));
    }
    return status;
  },
};
