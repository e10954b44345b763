import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { Sha256, sha256 } from './digest';

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });
  it('agrees with Node for every length around block boundaries and for 1 MB fed in odd chunks', () => {
    for (let n = 0; n < 200; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      expect(sha256(data)).toBe(createHash('sha256').update(data).digest('hex'));
    }
    const big = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 7) & 255);
    const h = new Sha256();
    for (let i = 0; i < big.length; i += 777) h.update(big.subarray(i, i + 777));
    expect(h.hex()).toBe(createHash('sha256').update(big).digest('hex'));
    expect(new Sha256().updateZeros(100000).hex()).toBe(createHash('sha256').update(new Uint8Array(100000)).digest('hex'));
  });
});
