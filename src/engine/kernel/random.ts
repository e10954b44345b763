/**
 * A seeded pseudo-random generator (mulberry32), so container IDs, names and addresses are
 * reproducible with `--seed` (DESIGN.md rule 6). Without a seed it is seeded from the clock.
 */
export class Random {
  private state: number;
  constructor(seed: number = Math.floor(Date.now() % 2 ** 32)) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** `len` lowercase hex digits, e.g. a 64-digit container ID. */
  hex(len: number): string {
    let s = '';
    while (s.length < len) s += this.int(16).toString(16);
    return s;
  }
  /** `n` random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}
