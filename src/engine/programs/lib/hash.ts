/**
 * Message digests for md5sum, sha256sum and image layers: synchronous and pure TS, because
 * WebCrypto's digest is async-only and not among the engine's globals. SHA-256 lives in storage
 * (layers are addressed by it); MD5 is here.
 */
import { BlockDigest } from '../../storage/digest';

export { Sha256, sha256 } from '../../storage/digest';

const S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/** An incremental MD5 (RFC 1321): `update` with chunks, then `hex()`. */
export class Md5 extends BlockDigest {
  protected readonly h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  private m = new Uint32Array(16);

  constructor() {
    super(false);
  }

  protected compress(b: Uint8Array, off: number): void {
    const m = this.m;
    for (let t = 0; t < 16; t++) m[t] = b[off + 4 * t] | (b[off + 4 * t + 1] << 8) | (b[off + 4 * t + 2] << 16) | (b[off + 4 * t + 3] << 24);
    let [a, bb, c, d] = this.h;
    for (let t = 0; t < 64; t++) {
      let f: number;
      let g: number;
      if (t < 16) {
        f = (bb & c) | (~bb & d);
        g = t;
      } else if (t < 32) {
        f = (d & bb) | (~d & c);
        g = (5 * t + 1) % 16;
      } else if (t < 48) {
        f = bb ^ c ^ d;
        g = (3 * t + 5) % 16;
      } else {
        f = c ^ (bb | ~d);
        g = (7 * t) % 16;
      }
      const x = (a + f + K[t] + m[g]) | 0;
      a = d;
      d = c;
      c = bb;
      bb = (bb + ((x << S[t]) | (x >>> (32 - S[t])))) | 0;
    }
    this.h[0] += a;
    this.h[1] += bb;
    this.h[2] += c;
    this.h[3] += d;
  }
}

/** The MD5 of bytes or UTF-8 text, as hex. */
export function md5(data: Uint8Array | string): string {
  return new Md5().update(data).hex();
}
