import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineEvent } from '../../engine/index';
import type { FromWorker, ToWorker } from '../../protocol/messages';

/** What the page knows about the engine: connection state and the latest events. */
export interface EngineState {
  status: 'starting' | 'ready' | 'failed';
  error?: string;
  /** The most recent engine events, newest last (bounded). */
  events: EngineEvent[];
  /** Sends keystrokes to the terminal. */
  input(data: string): void;
  /** Tells the terminal its new size. */
  resize(cols: number, rows: number): void;
  /** Reports that the screen has drawn `chars` characters (flow control). */
  ack(chars: number): void;
  /** Subscribes to terminal output; returns the unsubscribe function. */
  onOutput(listener: (data: string) => void): () => void;
  /** Starts the engine with the terminal's first size. */
  start(cols: number, rows: number): void;
}

const MAX_EVENTS = 500;

/** The worker to talk to; a factory so that tests can pass a fake. */
export type WorkerFactory = () => Pick<Worker, 'postMessage' | 'addEventListener'>;

const defaultWorker: WorkerFactory = () => new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module' });

/**
 * Creates the engine store for one widget (a fresh one per page, per embedded widget and per test).
 * Actions only forward to the worker; state only mirrors what the worker reports.
 */
export function createEngineStore(makeWorker: WorkerFactory = defaultWorker, seed?: number, link?: string): StoreApi<EngineState> {
  let worker: ReturnType<WorkerFactory> | null = null;
  const outputListeners = new Set<(data: string) => void>();
  const send = (msg: ToWorker) => worker?.postMessage(msg);
  return createStore<EngineState>()((set) => ({
    status: 'starting',
    events: [],
    input: (data) => send({ type: 'input', data }),
    resize: (cols, rows) => send({ type: 'resize', cols, rows }),
    ack: (chars) => send({ type: 'ack', chars }),
    onOutput: (listener) => {
      outputListeners.add(listener);
      return () => outputListeners.delete(listener);
    },
    start: (cols, rows) => {
      if (worker) return;
      worker = makeWorker();
      worker.addEventListener('message', (ev: MessageEvent<FromWorker>) => {
        const msg = ev.data;
        if (msg.type === 'output') for (const l of outputListeners) l(msg.data);
        else if (msg.type === 'ready') set({ status: 'ready' });
        else if (msg.type === 'error') set({ status: 'failed', error: msg.message });
        else if (msg.type === 'event') set((s) => ({ events: [...s.events.slice(-(MAX_EVENTS - 1)), msg.event] }));
      });
      worker.addEventListener('error', (ev: Event) => set({ status: 'failed', error: (ev as ErrorEvent).message ?? 'the engine failed to start' }));
      send({ type: 'start', cols, rows, seed, link });
    },
  }));
}
