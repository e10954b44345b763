import { gzipSync, gunzipSync } from 'fflate';
import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';

/** True when `data` starts with gzip's magic bytes. */
export function isGzip(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/** Decompresses gzip data; throws a message gzip would print when it is not gzip. */
export function gunzipBytes(data: Uint8Array): Uint8Array {
  if (!isGzip(data)) throw new Error('not in gzip format');
  try {
    return gunzipSync(data);
  } catch {
    throw new Error('unexpected end of file');
  }
}

/** Compresses with gzip, without a file name or time in the header (as `gzip -n`). */
export function gzipBytes(data: Uint8Array): Uint8Array {
  return gzipSync(data, { level: 6, mtime: 0 });
}

async function compressRun(ctx: Ctx, decompress: boolean, toStdout: boolean): Promise<number> {
  const a = await ctx.parse({ d: { short: 'd', long: 'decompress' }, c: { short: 'c', long: 'stdout' }, k: { short: 'k', long: 'keep' }, f: { short: 'f', long: 'force' }, v: { short: 'v', long: 'verbose' }, n: { short: 'n', long: 'no-name' }, l: { short: '9' } });
  if (!a) return ctx.args[0] === '--help' ? 0 : 1;
  const un = decompress || !!a.opts.d;
  const stdout = toStdout || !!a.opts.c;
  const files = a.operands.length ? a.operands : ['-'];
  let status = 0;
  for (const f of files) {
    if (un && !stdout && f !== '-' && !f.endsWith('.gz')) {
      await ctx.error(`${f}: unknown suffix -- ignored`);
      status = 2;
      continue;
    }
    try {
      const data = f === '-' ? await ctx.readAll(0) : ctx.fs.readFile(ctx.proc, f);
      if (!un && f === '-' && ctx.isatty(1) && !a.opts.f) {
        await ctx.err(`${ctx.name}: compressed data not written to a terminal. Use -f to force compression.\nFor help, type: ${ctx.name} -h\n`);
        return 1;
      }
      let out: Uint8Array;
      try {
        out = un ? gunzipBytes(data) : gzipBytes(data);
      } catch (e) {
        await ctx.error(`${f === '-' ? 'stdin' : f}: ${(e as Error).message}`);
        status = 1;
        continue;
      }
      if (stdout || f === '-') {
        await ctx.out(out);
        continue;
      }
      const target = un ? f.slice(0, -3) : `${f}.gz`;
      if (ctx.fs.exists(ctx.proc, target) && !a.opts.f) {
        await ctx.error(`${target} already exists;\tnot overwritten`);
        status = 2;
        continue;
      }
      const mode = ctx.fs.stat(ctx.proc, f).mode;
      ctx.fs.writeFile(ctx.proc, target, out, { mode });
      if (!a.opts.k) ctx.fs.unlink(ctx.proc, f);
    } catch (e) {
      if (!isSysError(e)) throw e;
      await ctx.error(`${f}: ${e.message}`);
      status = 1;
    }
  }
  return status;
}

/** gzip [-dckf] [FILE]... */
export const gzip: ProgramSpec = {
  name: 'gzip',
  summary: 'compress or expand files',
  usage: 'gzip [OPTION]... [FILE]...',
  description: 'Compress FILEs in-place (FILE becomes FILE.gz).\n\n  -c, --stdout      write on standard output, keep original files unchanged\n  -d, --decompress  decompress\n  -k, --keep        keep (don\'t delete) input files',
  run: (ctx) => compressRun(ctx, false, false),
};

/** gunzip [FILE]...: gzip -d. */
export const gunzip: ProgramSpec = { ...gzip, name: 'gunzip', summary: 'expand files', usage: 'gunzip [OPTION]... [FILE]...', run: (ctx) => compressRun(ctx, true, false) };

/** zcat [FILE]...: gzip -dc. */
export const zcat: ProgramSpec = { ...gzip, name: 'zcat', summary: 'expand files to standard output', usage: 'zcat [OPTION]... [FILE]...', run: (ctx) => compressRun(ctx, true, true) };
