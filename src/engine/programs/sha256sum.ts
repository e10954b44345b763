import type { Ctx, ProgramSpec } from './context';
import { Sha256 } from '../storage/digest';
import { isSysError } from '../kernel/errors';

/** sha256sum [-c] [FILE]...: prints `HASH  NAME` per file, or checks a list of them. */
export const sha256sum: ProgramSpec = {
  name: 'sha256sum',
  summary: 'compute and check SHA256 message digest',
  usage: 'sha256sum [OPTION]... [FILE]...',
  description: 'Print or check SHA256 (256-bit) checksums. With no FILE, or when FILE is -, read standard input.\n\n  -c, --check   read checksums from the FILEs and check them',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ c: { short: 'c', long: 'check' }, b: { short: 'b', long: 'binary' }, t: { short: 't', long: 'text' }, quiet: { long: 'quiet' }, status: { long: 'status' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const hashOf = async (name: string): Promise<string | null> => {
      let file;
      try {
        file = ctx.openRead(name);
        if (file.kind === 'dir') {
          file.close();
          await ctx.error(`${name}: Is a directory`);
          return null;
        }
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.error(`${name}: ${e.message}`);
        return null;
      }
      const h = new Sha256();
      try {
        for (;;) {
          const c = await file.read(ctx.proc, 65536);
          if (c === null) break;
          h.update(c);
          await ctx.checkpoint();
        }
      } finally {
        file.close();
      }
      return h.hex();
    };
    let status = 0;
    const files = a.operands.length ? a.operands : ['-'];
    if (!a.opts.c) {
      for (const f of files) {
        const h = await hashOf(f);
        if (h === null) status = 1;
        else await ctx.out(`${h}  ${f}\n`);
      }
      return status;
    }
    let failed = 0;
    for (const list of files) {
      let text: string;
      try {
        text = list === '-' ? await ctx.readText(0) : ctx.fs.readText(ctx.proc, list);
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.error(`${list}: ${e.message}`);
        status = 1;
        continue;
      }
      for (const line of text.split('\n').filter(Boolean)) {
        const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
        if (!m) continue;
        const h = await hashOf(m[2]);
        const good = h !== null && h === m[1].toLowerCase();
        if (!good) failed++;
        if (!a.opts.status && !(good && a.opts.quiet)) await ctx.out(`${m[2]}: ${h === null ? 'FAILED open or read' : good ? 'OK' : 'FAILED'}\n`);
      }
    }
    if (failed) {
      if (!a.opts.status) await ctx.error(`WARNING: ${failed} computed checksum${failed > 1 ? 's' : ''} did NOT match`);
      status = 1;
    }
    return status;
  },
};
