import type { Process } from '../kernel/process';
import type { JsonMessage } from './api';

/** One blob moving over the simulated link. */
export interface Transfer {
  /** The short ID the progress lines show (12 hex digits of the digest). */
  id: string;
  /** Bytes to move. */
  size: number;
}

/** Docker downloads at most three layers at a time (max-concurrent-downloads) and uploads five. */
export const MAX_CONCURRENT = 3;
/** How often, in clock time, a moving transfer reports progress. */
const TICK_MS = 100;

/**
 * Moves `transfers` over the link, at most `max` at a time, each at `rate` bytes per second of
 * the kernel clock, sleeping in `client` (so ^C on the client cancels the job), and yields
 * Docker's progress messages: `verb` with progressDetail while moving, then `done` (several
 * messages) for each when it completes. Transfers waiting for a slot get `Waiting`.
 * `afterEach` runs when a transfer completes and may yield more messages (extraction).
 */
export async function* moveBlobs(
  client: Process,
  rate: number,
  transfers: Transfer[],
  verb: string,
  done: (t: Transfer) => string[],
  afterEach?: (t: Transfer, index: number) => AsyncGenerator<JsonMessage>,
  max = MAX_CONCURRENT,
): AsyncGenerator<JsonMessage> {
  const now = () => client.kernel.clock.now();
  const state = transfers.map((t) => ({ t, moved: 0, start: 0, finished: false }));
  for (const s of state.slice(max)) yield { status: 'Waiting', progressDetail: {}, id: s.t.id };
  let next = 0;
  const active: typeof state = [];
  let afterDone = 0;
  while (next < state.length || active.length) {
    while (active.length < max && next < state.length) {
      const s = state[next++];
      s.start = now();
      active.push(s);
    }
    const instant = !Number.isFinite(rate);
    const step = instant ? Infinity : (rate * TICK_MS) / 1000;
    for (const s of [...active]) {
      s.moved = Math.min(s.t.size, s.moved + step);
      if (s.moved < s.t.size) {
        yield { status: verb, id: s.t.id, progressDetail: { current: Math.floor(s.moved), total: s.t.size, start: s.start } };
        continue;
      }
      if (!instant || s.t.size > 0) yield { status: verb, id: s.t.id, progressDetail: { current: s.t.size, total: s.t.size, start: s.start } };
      for (const status of done(s.t)) yield { status, progressDetail: {}, id: s.t.id };
      s.finished = true;
      active.splice(active.indexOf(s), 1);
    }
    // Completed transfers are handed on in order (layers are extracted bottom first).
    if (afterEach) {
      while (afterDone < state.length && state[afterDone].finished) {
        yield* afterEach(state[afterDone].t, afterDone);
        afterDone++;
      }
    }
    if (!instant && active.length) await client.sleep(TICK_MS);
  }
}

/** Extraction of a downloaded layer: `Extracting` progress at `rate`, then `Pull complete`. */
export async function* extract(client: Process, rate: number, t: Transfer): AsyncGenerator<JsonMessage> {
  const start = client.kernel.clock.now();
  const instant = !Number.isFinite(rate);
  const step = instant ? Infinity : (rate * TICK_MS) / 1000;
  let done = 0;
  for (;;) {
    done = Math.min(t.size, done + step);
    if (t.size > 0) yield { status: 'Extracting', id: t.id, progressDetail: { current: Math.floor(done), total: t.size, start } };
    if (done >= t.size) break;
    await client.sleep(TICK_MS);
  }
  yield { status: 'Pull complete', progressDetail: {}, id: t.id };
}
