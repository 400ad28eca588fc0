/**
 * One call's time limit, shared by every attempt, redirect and retry wait, and by the body read: a server that
 * sends headers and then stalls is cut off at the same deadline as one that never answers.
 */

/** The abort reason of a timeout, told apart from the caller's own reason. */
export class TimeoutMarker extends Error {}

function onTimeout(deadline: CallDeadline): void {
  deadline.timedOut = true;
  deadline.controller.abort(new TimeoutMarker());
}

export class CallDeadline {
  timedOut = false;
  readonly controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #callerSignal: AbortSignal | undefined;
  #onCallerAbort: (() => void) | undefined;

  constructor(readonly timeoutMs: number, callerSignal?: AbortSignal) {
    this.#timer = setTimeout(onTimeout, timeoutMs, this);
    this.#callerSignal = callerSignal;
    // A listener only when the caller gave a signal: most calls have none.
    if (callerSignal) {
      if (callerSignal.aborted) this.controller.abort(callerSignal.reason);
      else callerSignal.addEventListener('abort', (this.#onCallerAbort = () => this.controller.abort(callerSignal.reason)), { once: true });
    }
  }

  get signal(): AbortSignal { return this.controller.signal; }

  /** True when the caller (not the timeout) aborted. */
  get callerAborted(): boolean { return !this.timedOut && this.controller.signal.aborted; }

  /** Stops the timer and forgets the caller's signal; call once the response body is read (or abandoned). */
  clear(): void {
    clearTimeout(this.#timer);
    if (this.#onCallerAbort) this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
    this.#onCallerAbort = undefined;
  }
}
