/**
 * SHA-256 (FIPS 180-4), incremental, synchronous and dependency-free: layers are addressed by the
 * sha256 of their tar, and the engine must compute it the same way in a worker, in Node and in
 * tests.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/**
 * The block-buffering and padding that SHA-256 and MD5 share (both are Merkle–Damgård hashes over
 * 64-byte blocks); a subclass supplies the compression function and the byte order of the
 * length field and of the output words.
 */
export abstract class BlockDigest {
  protected abstract readonly h: Uint32Array;
  private block = new Uint8Array(64);
  private used = 0;
  private length = 0;

  constructor(private readonly bigEndian: boolean) {}

  /** Adds bytes (or UTF-8 text). */
  update(data: Uint8Array | string): this {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    this.length += bytes.length;
    let i = 0;
    if (this.used > 0) {
      const take = Math.min(64 - this.used, bytes.length);
      this.block.set(bytes.subarray(0, take), this.used);
      this.used += take;
      i = take;
      if (this.used === 64) {
        this.compress(this.block, 0);
        this.used = 0;
      }
    }
    for (; i + 64 <= bytes.length; i += 64) this.compress(bytes, i);
    if (i < bytes.length) {
      this.block.set(bytes.subarray(i), 0);
      this.used = bytes.length - i;
    }
    return this;
  }

  /** Adds `n` zero bytes without allocating them all. */
  updateZeros(n: number): this {
    const zeros = new Uint8Array(Math.min(n, 65536));
    while (n > 0) {
      const take = Math.min(n, zeros.length);
      this.update(zeros.subarray(0, take));
      n -= take;
    }
    return this;
  }

  /** Finishes and returns the digest as lowercase hex (the object is spent afterwards). */
  hex(): string {
    const bits = this.length * 8;
    const pad = new Uint8Array(((this.used < 56 ? 56 : 120) - this.used) + 8);
    pad[0] = 0x80;
    const n = pad.length;
    for (let k = 0; k < 8; k++) pad[this.bigEndian ? n - 1 - k : n - 8 + k] = Math.floor(bits / 2 ** (8 * k)) & 0xff;
    const length = this.length;
    this.update(pad);
    this.length = length;
    let out = '';
    for (const w of this.h) {
      for (let k = 0; k < 4; k++) out += ((w >>> (8 * (this.bigEndian ? 3 - k : k))) & 0xff).toString(16).padStart(2, '0');
    }
    return out;
  }

  protected abstract compress(b: Uint8Array, off: number): void;
}

/** An incremental SHA-256: `update` with chunks, then `hex()`. */
export class Sha256 extends BlockDigest {
  protected readonly h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  private w = new Uint32Array(64);

  constructor() {
    super(true);
  }

  protected compress(b: Uint8Array, off: number): void {
    const w = this.w;
    for (let t = 0; t < 16; t++) w[t] = (b[off + 4 * t] << 24) | (b[off + 4 * t + 1] << 16) | (b[off + 4 * t + 2] << 8) | b[off + 4 * t + 3];
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15];
      const y = w[t - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let [a, bb, c, d, e, f, g, h] = this.h;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t] + w[t]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) | 0;
    }
    const H = this.h;
    H[0] += a;
    H[1] += bb;
    H[2] += c;
    H[3] += d;
    H[4] += e;
    H[5] += f;
    H[6] += g;
    H[7] += h;
  }
}

/** The sha256 of some bytes or text, as 64 hex digits. */
export function sha256(data: Uint8Array | string): string {
  return new Sha256().update(data).hex();
}

/** An OCI digest string: `sha256:` and the hex digest. */
export function digestOf(data: Uint8Array | string): string {
  return `sha256:${sha256(data)}`;
}
