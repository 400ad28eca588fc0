/** A clock the test moves by hand: timers fire only when `advance` passes their due time. */
import type { Clock } from '../../../runtime/triggers/types.js';

export class ManualClock implements Clock {
  #now: number;
  #timers = new Map<number, { due: number; fn: () => void }>();
  #next = 1;

  constructor(start = Date.UTC(2026, 0, 1)) { this.#now = start; }

  now(): number { return this.#now; }
  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.#next++;
    this.#timers.set(handle, { due: this.#now + Math.max(0, ms), fn });
    return handle;
  }
  clearTimeout(handle: unknown): void { this.#timers.delete(handle as number); }
  get pendingTimers(): number { return this.#timers.size; }

  /** Moves time forward and runs every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const next = [...this.#timers.entries()].filter(([, timer]) => timer.due <= target).sort((a, b) => a[1].due - b[1].due)[0];
      if (!next) break;
      this.#timers.delete(next[0]);
      this.#now = Math.max(this.#now, next[1].due);
      next[1].fn();
    }
    this.#now = target;
  }
}
