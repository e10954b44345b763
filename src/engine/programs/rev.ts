import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';

/** rev [FILE]...: reverses the characters of each line, streaming (util-linux). */
export const rev: ProgramSpec = {
  name: 'rev',
  summary: 'reverse lines characterwise',
  usage: 'rev [options] [<file> ...]',
  description: 'Reverse lines characterwise.',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ zero: { short: '0', long: 'zero' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    let status = 0;
    for (const name of a.operands.length ? a.operands : ['-']) {
      let file;
      try {
        file = ctx.openRead(name);
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.error(`cannot open ${name}: ${e.message}`);
        status = 1;
        continue;
      }
      try {
        for await (const line of ctx.linesOf(file)) {
          const nl = line.endsWith('\n');
          await ctx.out([...(nl ? line.slice(0, -1) : line)].reverse().join('') + (nl ? '\n' : ''));
        }
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.error(`${name}: ${e.message}`);
        status = 1;
      } finally {
        file.close();
      }
    }
    return status;
  },
};
