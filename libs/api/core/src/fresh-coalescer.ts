/**
 * Shares one lookup among the callers that ask for the same key at about the same time, without
 * ever answering a caller from a lookup that started before it asked.
 *
 * A reconnection storm brings the same questions by the dozen (10 clients of one document asking
 * which workspace owns it, 100 connections of one account presenting the same session cookie).
 * A cache would answer them from the past: an axis archived or a member removed a moment ago
 * could still get in, and with several api instances no local invalidation could prevent it.
 * Here, callers wait for the *next* lookup of their key: it starts on the next event-loop turn,
 * or, while a lookup of that key is running, as soon as that one ends; everyone who asked in the
 * meantime shares it. Each answer therefore comes from a query issued after its caller asked —
 * exactly what a query of its own would have seen, or newer — so nothing needs invalidating.
 */
export class FreshCoalescer<V> {
  /** Per key, the next lookup: not started yet, so any caller may still join it. */
  private readonly waiting = new Map<string, Promise<V>>();
  /** Per key, the lookup in flight: too old for a new caller. */
  private readonly running = new Map<string, Promise<unknown>>();

  run(key: string, lookup: () => Promise<V>): Promise<V> {
    const waiting = this.waiting.get(key);
    if (waiting) return waiting;
    const previous = this.running.get(key);
    const next = (async () => {
      await (previous ? previous.catch(() => undefined) : new Promise((resolve) => setImmediate(resolve)));
      // From here on, a caller of this key no longer joins this lookup: it has started.
      this.waiting.delete(key);
      const started = lookup();
      this.running.set(key, started);
      try {
        return await started;
      } finally {
        if (this.running.get(key) === started) this.running.delete(key);
      }
    })();
    this.waiting.set(key, next);
    return next;
  }

  /** Keys with a lookup waiting or running (for tests). */
  get size(): number {
    return new Set([...this.waiting.keys(), ...this.running.keys()]).size;
  }
}
