/**
 * One call's time limit, shared by every attempt, redirect and retry wait, and by the body read: a server that
 * sends headers and then stalls is cut off at the same deadline as one that never answers.
 *
 * How the request is cut off depends on the fetch. Node's own fetch (undici 6) gets no AbortSignal from us: each
 * signal handed to it costs a WeakRef, a FinalizationRegistry entry, a listener and a maximum-listeners check
 * (~130,000 instructions per call, ~6 % of a whole fetch + json() through an in-process dispatcher, callgrind). Instead the request
 * goes through this deadline as its dispatcher, which passes it on to the global dispatcher and keeps the
 * connection's abort function, the same one fetch itself uses to abort. Any other fetch gets an AbortSignal.
 */

/** The abort reason of a timeout, told apart from the caller's own reason. */
export class TimeoutMarker extends Error {}

/** The legacy undici handler fetch passes to `dispatch` (undici 6), as far as we forward it. */
interface FetchHandler {
  onConnect(abort: (reason?: Error) => void, context?: unknown): unknown;
  onResponseStarted?(): unknown;
  onHeaders(status: number, headers: unknown, resume: () => void, statusText: string): boolean;
  onData(chunk: Uint8Array): boolean;
  onComplete(trailers: unknown): unknown;
  onError(error: Error): unknown;
  onUpgrade?(status: number, headers: unknown, socket: unknown): unknown;
}
interface Dispatcher { dispatch(options: object, handler: object): boolean }

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
/** Node's own fetch, as loaded (a fetch replaced before this module loads is not it, and gets a signal). */
const BUILTIN_FETCH = globalThis.fetch;
/** The handler shape above is undici 6's (Node 20 and 22); other versions get a signal. */
const DISPATCH_HOOK = /^6\./.test(process.versions.undici ?? '');

function globalDispatcher(): Dispatcher | undefined {
  const dispatcher = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER] as Dispatcher | undefined;
  return typeof dispatcher?.dispatch === 'function' ? dispatcher : undefined;
}

/** Wraps fetch's handler for one attempt: keeps the connection's abort function; fails the attempt on timeout. */
class TimedHandler implements FetchHandler {
  #abort: ((reason?: Error) => void) | undefined;
  #failed = false;
  #cancelled: Error | undefined;
  constructor(private readonly inner: FetchHandler) {}
  onConnect(abort: (reason?: Error) => void, context?: unknown): unknown {
    if (this.#cancelled) { abort(this.#cancelled); return undefined; }
    this.#abort = abort;
    return this.inner.onConnect(abort, context);
  }
  onResponseStarted(): unknown { return this.inner.onResponseStarted?.(); }
  onHeaders(status: number, headers: unknown, resume: () => void, statusText: string): boolean {
    return this.inner.onHeaders(status, headers, resume, statusText);
  }
  onData(chunk: Uint8Array): boolean { return this.inner.onData(chunk); }
  onComplete(trailers: unknown): unknown { return this.inner.onComplete(trailers); }
  onError(error: Error): unknown {
    if (this.#failed) return undefined;
    this.#failed = true;
    return this.inner.onError(error);
  }
  onUpgrade(status: number, headers: unknown, socket: unknown): unknown { return this.inner.onUpgrade?.(status, headers, socket); }
  /** Before a connection took the request (queued, connecting) fetch is failed at once; after, the request is aborted. */
  cancel(reason: Error): void {
    this.#cancelled = reason;
    if (this.#abort) this.#abort(reason);
    else this.onError(reason);
  }
}

function onTimeout(deadline: CallDeadline): void {
  deadline.expire();
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

export class CallDeadline implements Dispatcher {
  timedOut = false;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #viaDispatcher: boolean;
  #controller: AbortController | undefined;
  #onCallerAbort: (() => void) | undefined;
  #handler: TimedHandler | undefined;

  constructor(readonly timeoutMs: number, callerSignal: AbortSignal | undefined, fetchImpl: typeof fetch) {
    this.#timer = setTimeout(onTimeout, timeoutMs, this);
    this.#callerSignal = callerSignal;
    this.#viaDispatcher = DISPATCH_HOOK && fetchImpl === BUILTIN_FETCH && globalDispatcher() !== undefined;
    // One listener of ours on the caller's signal (removed by clear), never fetch's own: undici drops its
    // listeners only when garbage collection finds the request gone, so a long-lived signal would collect them.
    if (callerSignal && !callerSignal.aborted) {
      callerSignal.addEventListener('abort', (this.#onCallerAbort = () => this.#cancel(asError(callerSignal.reason))), { once: true });
    }
  }

  /** The signal for fetch: none when the deadline is the dispatcher. */
  get fetchSignal(): AbortSignal | undefined { return this.#viaDispatcher ? undefined : this.signal; }

  /** The dispatcher for fetch, or undefined (the global one) when a signal carries the deadline. */
  get fetchDispatcher(): Dispatcher | undefined { return this.#viaDispatcher ? this : undefined; }

  /** Aborted on timeout or by the caller; made on first use (retry waits, fetches other than Node's). */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.timedOut) this.#controller.abort(new TimeoutMarker());
      else if (this.#callerSignal?.aborted) this.#controller.abort(this.#callerSignal.reason);
    }
    return this.#controller.signal;
  }

  /** True when the caller (not the timeout) aborted. */
  get callerAborted(): boolean { return !this.timedOut && this.#callerSignal?.aborted === true; }

  dispatch(options: object, handler: object): boolean {
    const inner = globalDispatcher();
    if (inner === undefined) throw new Error('the global HTTP dispatcher is gone');
    const timed = (this.#handler = new TimedHandler(handler as FetchHandler));
    if (this.timedOut) timed.cancel(new TimeoutMarker());
    else if (this.#callerSignal?.aborted) timed.cancel(asError(this.#callerSignal.reason));
    else return inner.dispatch(options, timed);
    return true;
  }

  expire(): void {
    this.timedOut = true;
    this.#cancel(new TimeoutMarker());
  }

  #cancel(reason: Error): void {
    this.#handler?.cancel(reason);
    this.#controller?.abort(reason);
  }

  /** Stops the timer and forgets the caller's signal; call once the response body is read (or abandoned). */
  clear(): void {
    clearTimeout(this.#timer);
    if (this.#onCallerAbort) this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
    this.#onCallerAbort = undefined;
    this.#handler = undefined;
  }
}
