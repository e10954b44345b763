/**
 * The tar format as layers use it (POSIX ustar, with PAX records for long names): a deterministic
 * writer, so the same changeset always gives the same bytes and so the same digest, and a reader
 * that refuses damaged archives with the errors Go's archive/tar (and so Docker) reports.
 */

/** One archive member. Paths are relative, `/`-separated, without a leading `/`. */
export interface TarEntry {
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev' | 'blockdev' | 'fifo';
  mode: number;
  uid: number;
  gid: number;
  /** Modification time in seconds since the epoch. */
  mtime: number;
  data?: Uint8Array;
  /** Target of a symlink or hard link. */
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  /**
   * A size larger than `data`, for stand-in files (see MemfsBackend.declareSize). Written as the
   * vendor PAX record `DOCKERSIM.size`, which other tools ignore.
   */
  declaredSize?: number;
}

/** A damaged or unreadable archive. */
export class TarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarError';
  }
}

const TYPEFLAG: Record<TarEntry['type'], string> = { file: '0', hardlink: '1', symlink: '2', chardev: '3', blockdev: '4', dir: '5', fifo: '6' };
const BY_FLAG: Record<string, TarEntry['type']> = { '0': 'file', '\0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '3': 'chardev', '4': 'blockdev', '5': 'dir', '6': 'fifo' };
const enc = new TextEncoder();
const dec = new TextDecoder();

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function putString(h: Uint8Array, off: number, len: number, s: string): void {
  const b = enc.encode(s);
  h.set(b.subarray(0, len), off);
}

function header(name: string, e: Omit<TarEntry, 'path' | 'data'> & { size: number; prefix?: string }, flag: string): Uint8Array {
  const h = new Uint8Array(512);
  putString(h, 0, 100, name);
  putString(h, 100, 8, octal(e.mode & 0o7777, 8));
  putString(h, 108, 8, octal(e.uid, 8));
  putString(h, 116, 8, octal(e.gid, 8));
  putString(h, 124, 12, octal(e.size, 12));
  putString(h, 136, 12, octal(Math.max(0, Math.floor(e.mtime)), 12));
  putString(h, 148, 8, '        ');
  putString(h, 156, 1, flag);
  putString(h, 157, 100, e.linkname ?? '');
  putString(h, 257, 6, 'ustar\0');
  putString(h, 263, 2, '00');
  putString(h, 329, 8, octal(e.devmajor ?? 0, 8));
  putString(h, 337, 8, octal(e.devminor ?? 0, 8));
  if (e.prefix) putString(h, 345, 155, e.prefix);
  let sum = 0;
  for (const b of h) sum += b;
  putString(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

/** A PAX record `LEN key=value\n`, where LEN counts the whole record including itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = enc.encode(body).length + 1;
  while (String(len).length + enc.encode(body).length !== len) len++;
  return `${len}${body}`;
}

/** Splits a long path into ustar's prefix (≤155 bytes) and name (≤100), if it can be. */
function splitUstar(path: string): { prefix: string; name: string } | null {
  if (enc.encode(path).length <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (enc.encode(prefix).length <= 155 && enc.encode(name).length <= 100 && name) return { prefix, name };
  }
  return null;
}

/** Writes entries, in the order given, as a tar archive ending in two zero blocks. */
export function writeTar(entries: TarEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  let total = 0;
  const push = (b: Uint8Array) => {
    blocks.push(b);
    total += b.length;
  };
  for (const e of entries) {
    const path = e.type === 'dir' && !e.path.endsWith('/') ? `${e.path}/` : e.path;
    const data = e.type === 'file' ? (e.data ?? new Uint8Array(0)) : new Uint8Array(0);
    let split = splitUstar(path);
    const longLink = (e.linkname ?? '').length > 100;
    const declared = e.type === 'file' && e.declaredSize !== undefined && e.declaredSize > data.length;
    if (!split || longLink || declared) {
      const records = (split ? '' : paxRecord('path', path)) + (longLink ? paxRecord('linkpath', e.linkname!) : '') + (declared ? paxRecord('DOCKERSIM.size', String(e.declaredSize)) : '');
      const body = enc.encode(records);
      const base = path.replace(/\/$/, '').split('/').pop()!.slice(0, 80);
      push(header(`PaxHeaders.0/${base}`, { ...e, size: body.length, linkname: '' }, 'x'));
      push(padded(body));
      split ??= { prefix: '', name: path.slice(0, 100) };
    }
    push(header(split.name, { ...e, linkname: longLink ? (e.linkname ?? '').slice(0, 100) : e.linkname, size: data.length, prefix: split.prefix }, TYPEFLAG[e.type]));
    if (data.length) push(padded(data));
  }
  push(new Uint8Array(1024));
  const out = new Uint8Array(total);
  let off = 0;
  for (const b of blocks) {
    out.set(b, off);
    off += b.length;
  }
  return out;
}

function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 512) * 512);
  out.set(data);
  return out;
}

function cString(b: Uint8Array, off: number, len: number): string {
  const slice = b.subarray(off, off + len);
  const end = slice.indexOf(0);
  return dec.decode(end >= 0 ? slice.subarray(0, end) : slice);
}

function parseNumeric(b: Uint8Array, off: number, len: number): number {
  if (b[off] & 0x80) {
    // GNU base-256 for values that do not fit in octal.
    let v = b[off] & 0x7f;
    for (let i = 1; i < len; i++) v = v * 256 + b[off + i];
    return v;
  }
  const s = cString(b, off, len).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarError('archive/tar: invalid tar header');
  return parseInt(s, 8);
}

/** Reads a tar archive; throws TarError for a damaged one (bad checksum, truncation). */
export function readTar(data: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  let off = 0;
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    if (off + 512 > data.length) {
      if (off === data.length && off > 0) return out;
      throw new TarError('unexpected EOF');
    }
    const h = data.subarray(off, off + 512);
    if (h.every((b) => b === 0)) return out;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    const stored = parseNumeric(h, 148, 8);
    if (stored !== sum) throw new TarError('archive/tar: invalid tar header');
    const flag = String.fromCharCode(h[156]);
    const size = parseNumeric(h, 124, 12);
    const bodyStart = off + 512;
    const bodyEnd = bodyStart + size;
    if (bodyEnd > data.length) throw new TarError('unexpected EOF');
    const body = data.subarray(bodyStart, bodyEnd);
    off = bodyStart + Math.ceil(size / 512) * 512;
    if (flag === 'x') {
      pax = parsePax(body);
      continue;
    }
    if (flag === 'g') continue;
    if (flag === 'L') {
      longName = cString(body, 0, body.length);
      continue;
    }
    if (flag === 'K') {
      longLink = cString(body, 0, body.length);
      continue;
    }
    const type = BY_FLAG[flag];
    if (!type) throw new TarError(`archive/tar: unknown type flag '${flag}'`);
    const magic = cString(h, 257, 6);
    const prefix = magic === 'ustar' ? cString(h, 345, 155) : '';
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${cString(h, 0, 100)}` : cString(h, 0, 100));
    out.push({
      path: name,
      type,
      mode: parseNumeric(h, 100, 8) & 0o7777,
      uid: pax.uid ? Number(pax.uid) : parseNumeric(h, 108, 8),
      gid: pax.gid ? Number(pax.gid) : parseNumeric(h, 116, 8),
      mtime: pax.mtime ? Math.floor(Number(pax.mtime)) : parseNumeric(h, 136, 12),
      data: type === 'file' ? body.slice() : undefined,
      linkname: pax.linkpath ?? longLink ?? (cString(h, 157, 100) || undefined),
      devmajor: type === 'chardev' || type === 'blockdev' ? parseNumeric(h, 329, 8) : undefined,
      devminor: type === 'chardev' || type === 'blockdev' ? parseNumeric(h, 337, 8) : undefined,
      ...(pax['DOCKERSIM.size'] ? { declaredSize: Number(pax['DOCKERSIM.size']) } : {}),
    });
    pax = {};
    longName = undefined;
    longLink = undefined;
  }
}

function parsePax(body: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    const sp = body.indexOf(0x20, i);
    if (sp < 0) break;
    const len = Number(dec.decode(body.subarray(i, sp)));
    if (!Number.isInteger(len) || len <= 0 || i + len > body.length) throw new TarError('archive/tar: invalid tar header');
    const rec = dec.decode(body.subarray(sp + 1, i + len - 1));
    const eq = rec.indexOf('=');
    out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}
