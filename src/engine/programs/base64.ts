import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 (RFC 4648) of some bytes, unwrapped. */
export function base64Encode(data: Uint8Array): string {
  let out = '';
  for (let i = 0; i < data.length; i += 3) {
    const n = (data[i] << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < data.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < data.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Decodes base64 (newlines allowed); `ignoreGarbage` skips other characters. Null when invalid. */
export function base64Decode(text: string, ignoreGarbage = false): { bytes: Uint8Array; ok: boolean } {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  let ended = false;
  for (const c of text) {
    if (c === '\n') continue;
    if (c === '=') {
      ended = true;
      continue;
    }
    const v = ALPHABET.indexOf(c);
    if (v < 0 || ended) {
      if (ignoreGarbage && v < 0) continue;
      return { bytes: new Uint8Array(out), ok: false };
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  // Leftover bits that do not make a byte mean a truncated quantum, unless padding said so.
  const ok = bits < 6 && (ended || bits === 0);
  return { bytes: new Uint8Array(out), ok };
}

/** base64 [-d] [-w COLS] [-i] [FILE]: encodes or decodes base64. */
export const base64: ProgramSpec = {
  name: 'base64',
  summary: 'base64 encode/decode data and print to standard output',
  usage: 'base64 [OPTION]... [FILE]',
  description: 'Base64 encode or decode FILE, or standard input, to standard output.\n\nWith no FILE, or when FILE is -, read standard input.\n\n  -d, --decode          decode data\n  -i, --ignore-garbage  when decoding, ignore non-alphabet characters\n  -w, --wrap=COLS       wrap encoded lines after COLS character (default 76).\n                          Use 0 to disable line wrapping',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ d: { short: 'd', long: 'decode' }, i: { short: 'i', long: 'ignore-garbage' }, w: { short: 'w', long: 'wrap', value: true } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    let wrap = 76;
    if (a.opts.w !== undefined) {
      if (!/^\d+$/.test(a.opts.w as string)) {
        await ctx.error(`invalid wrap size: ‘${a.opts.w}’`);
        return 1;
      }
      wrap = Number(a.opts.w);
    }
    if (a.operands.length > 1) {
      await ctx.err(`base64: extra operand ‘${a.operands[1]}’\nTry 'base64 --help' for more information.\n`);
      return 1;
    }
    const name = a.operands[0] ?? '-';
    let data: Uint8Array;
    try {
      const f = ctx.openRead(name);
      try {
        if (f.kind === 'dir') {
          await ctx.error('read error: Is a directory');
          return 1;
        }
        data = await ctx.readAllFrom(f);
      } finally {
        f.close();
      }
    } catch (e) {
      if (!isSysError(e)) throw e;
      await ctx.error(`${name}: ${e.message}`);
      return 1;
    }
    if (a.opts.d) {
      const r = base64Decode(new TextDecoder('latin1').decode(data), !!a.opts.i);
      await ctx.out(r.bytes);
      if (!r.ok) {
        await ctx.error('invalid input');
        return 1;
      }
      return 0;
    }
    const text = base64Encode(data);
    if (wrap === 0) {
      await ctx.out(text);
      return 0;
    }
    let out = '';
    for (let i = 0; i < text.length; i += wrap) out += text.slice(i, i + wrap) + '\n';
    await ctx.out(out);
    return 0;
  },
};
