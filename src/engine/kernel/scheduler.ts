/**
 * Cooperative scheduling. Programs are async tasks; each one reaches a checkpoint often (every
 * shell command, every loop round, every chunk it writes). A checkpoint gives the host's event loop
 * a turn once the current slice is used up, so keystrokes (and ^C) are read even while a program
 * spins in `while true; do :; done`.
 */

/** How long a task may run before it must let the event loop in. */
export const SLICE_MS = 8;

type Resolver = () => void;
let queue: Resolver[] = [];
let channel: MessageChannel | undefined;
let lastYield = performance.now();

function flush(): void {
  const q = queue;
  queue = [];
  lastYield = performance.now();
  for (const r of q) r();
}

/** Resolves on a fresh macrotask (not a microtask), letting timers and messages run first. */
export function yieldToHost(): Promise<void> {
  return new Promise<void>((resolve) => {
    queue.push(resolve);
    if (queue.length > 1) return;
    const g = globalThis as { setImmediate?: (cb: () => void) => void };
    if (g.setImmediate) {
      g.setImmediate(flush);
      return;
    }
    if (typeof MessageChannel !== 'undefined') {
      if (!channel) {
        channel = new MessageChannel();
        channel.port1.onmessage = () => flush();
      }
      channel.port2.postMessage(0);
      return;
    }
    setTimeout(flush, 0);
  });
}

/** True when the running slice is used up and the caller should `yieldToHost()`. */
export function sliceExpired(): boolean {
  return performance.now() - lastYield >= SLICE_MS;
}

/** Records that the event loop just had a turn (timers and messages count as one). */
export function markYielded(): void {
  lastYield = performance.now();
}
