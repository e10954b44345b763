/**
 * Messages between the page and the engine's worker. The page sends keystrokes and the window
 * size; the worker sends what the terminal shows and the engine's events.
 */
import type { EngineEvent } from '../engine/index';

/** From the page to the worker. */
export type ToWorker =
  | { type: 'start'; seed?: number; /** The page's `?link=` (e.g. `instant`, `10MB`): the simulated link speed. */ link?: string; cols: number; rows: number }
  | { type: 'input'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  /** The terminal has drawn `chars` more characters of output (flow control). */
  | { type: 'ack'; chars: number };

/** From the worker to the page. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'output'; data: string }
  | { type: 'event'; event: EngineEvent }
  /** The login shell ended with `code`; a new one is started on a fresh terminal. */
  | { type: 'exit'; code: number }
  | { type: 'error'; message: string };
