/**
 * Time, injectable so that lessons and tests replay identically (DESIGN.md rule 6).
 * `now()` is wall-clock milliseconds since the epoch; timers fire in the clock's own time.
 */
export interface Clock {
  /** Wall-clock time in ms since the Unix epoch. */
  now(): number;
  /** Calls `cb` after `ms` of this clock's time; returns a function that cancels it. */
  setTimer(ms: number, cb: () => void): () => void;
}

/** The machine's real clock, optionally shifted so that it starts at `startAt`. */
export class RealClock implements Clock {
  private readonly offset: number;
  constructor(startAt?: number) {
    this.offset = startAt === undefined ? 0 : startAt - Date.now();
  }
  now(): number {
    return Date.now() + this.offset;
  }
  setTimer(ms: number, cb: () => void): () => void {
    const id = setTimeout(cb, Math.max(0, ms));
    return () => clearTimeout(id);
  }
}

/** A clock that moves only when told to: `advance(ms)` fires every timer that falls due. */
export class ManualClock implements Clock {
  private t: number;
  private timers: { at: number; cb: () => void; seq: number }[] = [];
  private seq = 0;
  constructor(startAt = Date.UTC(2026, 0, 1)) {
    this.t = startAt;
  }
  now(): number {
    return this.t;
  }
  setTimer(ms: number, cb: () => void): () => void {
    const timer = { at: this.t + Math.max(0, ms), cb, seq: this.seq++ };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.cb();
    }
    this.t = end;
  }
}
