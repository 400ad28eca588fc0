/**
 * One call's time limit, shared by every attempt, redirect and retry wait, and by the body read: a server that
 * sends headers and then stalls is cut off at the same deadline as one that never answers.
 *
 * The default transport registers the request in flight with `track` and is cancelled directly (the socket is
 * destroyed); a caller's own fetch and the retry waits get `signal`, made only when asked for, so the common
 * call costs one timer and no AbortController.
 */

/** The abort reason of a timeout, told apart from the caller's own reason. */
export class TimeoutMarker extends Error {}

function onTimeout(deadline: CallDeadline): void {
  deadline.expire();
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

export class CallDeadline {
  timedOut = false;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #callerSignal: AbortSignal | undefined;
  #controller: AbortController | undefined;
  #onCallerAbort: (() => void) | undefined;
  #inFlight: ((reason: Error) => void) | undefined;
  #reason: Error | undefined;

  constructor(readonly timeoutMs: number, callerSignal?: AbortSignal) {
    this.#timer = setTimeout(onTimeout, timeoutMs, this);
    this.#callerSignal = callerSignal;
    if (callerSignal?.aborted) this.#reason = asError(callerSignal.reason);
    // One listener of ours on the caller's signal, removed by clear(): a long-lived signal collects nothing.
    else if (callerSignal) {
      callerSignal.addEventListener('abort', (this.#onCallerAbort = () => this.#cancel(asError(callerSignal.reason))), { once: true });
    }
  }

  /** Why the call was cut off (timeout or the caller's abort); undefined while it may go on. */
  get cancelled(): Error | undefined { return this.#reason; }

  /** Aborted on timeout or by the caller; made on first use (a caller's fetch, retry waits). */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#reason) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** True when the caller (not the timeout) aborted. */
  get callerAborted(): boolean { return !this.timedOut && this.#callerSignal?.aborted === true; }

  /** Registers how to cut off the request or body read in flight (one at a time); `untrack` when it is done. */
  track(cancel: (reason: Error) => void): void { this.#inFlight = cancel; }

  untrack(cancel: (reason: Error) => void): void {
    if (this.#inFlight === cancel) this.#inFlight = undefined;
  }

  expire(): void {
    this.timedOut = true;
    this.#cancel(new TimeoutMarker());
  }

  #cancel(reason: Error): void {
    if (this.#reason) return;
    this.#reason = reason;
    const inFlight = this.#inFlight;
    this.#inFlight = undefined;
    inFlight?.(reason);
    this.#controller?.abort(reason);
  }

  /** Stops the timer and forgets the caller's signal; call once the response body is read (or abandoned). */
  clear(): void {
    clearTimeout(this.#timer);
    if (this.#onCallerAbort) this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
    this.#onCallerAbort = undefined;
    this.#inFlight = undefined;
  }
}
