/**
 * A kernel wait queue: sleepers wait and re-check their condition when woken, exactly as in Linux.
 * Spurious wake-ups are harmless by construction. `waitAny` sleeps on several queues at once (a
 * pipe and the process's own signal queue) and leaves nothing behind in the others when one fires.
 */
export class WaitQueue {
  private waiters = new Set<() => void>();
  /** Resolves at the next `wake()`. */
  wait(): Promise<void> {
    return waitAny([this]);
  }
  /** Wakes every sleeper. */
  wake(): void {
    const w = [...this.waiters];
    this.waiters.clear();
    for (const fire of w) fire();
  }
  /** @internal */
  add(fire: () => void): void {
    this.waiters.add(fire);
  }
  /** @internal */
  remove(fire: () => void): void {
    this.waiters.delete(fire);
  }
}

/** Resolves when any of `queues` is woken. */
export function waitAny(queues: WaitQueue[]): Promise<void> {
  return new Promise((resolve) => {
    const fire = () => {
      for (const q of queues) q.remove(fire);
      resolve();
    };
    for (const q of queues) q.add(fire);
  });
}
