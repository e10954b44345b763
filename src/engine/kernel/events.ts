/**
 * Everything observable is an event (DESIGN.md rule 5). Panels, lessons and tests subscribe to the
 * same stream; nothing scrapes terminal text to learn state. Each part of the engine adds its own
 * event types to `EngineEvent`.
 */

/** A process was created by fork/exec. */
export interface ProcessStartEvent {
  type: 'process.start';
  pid: number;
  ppid: number;
  argv: string[];
  /** The PID of the process in each PID namespace it is visible in, outermost first. */
  nsPids: number[];
}

/** A process ended: `code` when it exited, `signal` when a signal killed it. */
export interface ProcessExitEvent {
  type: 'process.exit';
  pid: number;
  code?: number;
  signal?: number;
}

/** A signal was sent to a process. */
export interface SignalEvent {
  type: 'signal';
  pid: number;
  signal: number;
  /** What happened: handled by the program, default action taken, or ignored. */
  disposition: 'handled' | 'term' | 'stop' | 'cont' | 'ignore';
}

/** A union mount copied a file (or directory) up from a read-only layer before changing it. */
export interface CopyUpEvent {
  type: 'storage.copy-up';
  /** The path inside the union mount. */
  path: string;
  /** The name of the layer the file came from. */
  from: string;
  /** Bytes of content copied (0 for directories and symlinks). */
  bytes: number;
}

/** A union mount recorded a deletion of a lower file as a whiteout (or made a directory opaque). */
export interface WhiteoutEvent {
  type: 'storage.whiteout';
  path: string;
  kind: 'whiteout' | 'opaque';
}

/** A cgroup's OOM killer (or the host's) ended a process that had charged `rssKb`. */
export interface OomEvent {
  type: 'oom';
  pid: number;
  cgroup: string;
  rssKb: number;
}

/** The docker client sent a request to the daemon's API, and the daemon answered. */
export interface ApiRequestEvent {
  type: 'api.request';
  method: string;
  /** The path with its query string, as the client sent it (`/v1.50/containers/json?all=1`). */
  path: string;
  /** The route that matched (`GET /containers/json`), or null when none did. */
  route: string | null;
  /** The daemon's handler for the route. */
  handler: string | null;
  status: number;
  /** The host PID of the client process. */
  client: number;
}

/** Every event the engine emits. */
export type EngineEvent = (ProcessStartEvent | ProcessExitEvent | SignalEvent | CopyUpEvent | WhiteoutEvent | ApiRequestEvent | OomEvent) & { time?: number };

/** A subscriber callback. */
export type Listener = (event: EngineEvent) => void;

/** A synchronous publish/subscribe bus; a failing listener never breaks the emitter. */
export class EventBus {
  private listeners = new Set<Listener>();
  constructor(private readonly now: () => number) {}
  /** Subscribes; returns the function that unsubscribes. */
  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** Delivers `event`, stamped with the clock's time, to every listener. */
  emit(event: EngineEvent): void {
    const stamped = { ...event, time: event.time ?? this.now() };
    for (const l of this.listeners) {
      try {
        l(stamped);
      } catch (e) {
        console.error('event listener failed', e);
      }
    }
  }
}
