/**
 * Sends one request with a total timeout, the caller's AbortSignal, and retries on 429/503 (Retry-After first,
 * else exponential backoff with full jitter) for idempotent requests only.
 */
import { ToolsmithError } from '../errors.js';
import type { BuiltRequest } from './build-request.js';
import { CallDeadline } from './deadline.js';
import { nodeTransport } from './node-transport.js';
import { discardBody, fetchTransport, type HttpResponse, type Transport } from './transport.js';

export interface RetryOptions {
  /** Retries after the first attempt; default 2. */
  readonly maxRetries?: number;
  /** First backoff step; default 250 ms. */
  readonly baseDelayMs?: number;
  /** Longest wait between attempts; a Retry-After beyond it is not waited for (the response is returned). Default 10 s. */
  readonly maxDelayMs?: number;
  /** Statuses retried; default 429 and 503. */
  readonly statuses?: readonly number[];
}

export interface SendOptions {
  /** How requests go out; default node:http(s), or `fetch` when given. */
  readonly transport?: Transport;
  readonly fetch?: typeof fetch;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /**
   * The call's deadline when the caller reads the body after this returns (it then clears it); without one,
   * sendRequest keeps its own for the headers only.
   */
  readonly deadline?: CallDeadline;
  readonly retry?: RetryOptions;
  /** True when resending cannot do harm: an idempotent method, or a tool hinted idempotent. */
  readonly idempotent: boolean;
  /** Describes the request in errors without its URL's query (which may hold credentials). */
  readonly label: string;
  /** Injectable for tests that must not wait; defaults to a timer that stops on abort. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  /** Header names carrying credentials: dropped when a redirect leaves the request's origin. */
  readonly credentialHeaders?: readonly string[];
  /** Redirects followed (default 5); 0 returns the 3xx response. */
  readonly maxRedirects?: number;
}

export interface SendResult { readonly response: HttpResponse; readonly attempts: number }

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
export function isIdempotentMethod(method: string): boolean { return IDEMPOTENT_METHODS.has(method.toUpperCase()); }

/** Seconds or an HTTP date → milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffMs(attempt: number, base: number, max: number, random: () => number): number {
  return Math.floor(random() * Math.min(max, base * 2 ** attempt));
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) { reject(signal.reason); return; }
    const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = (): void => { clearTimeout(timer); reject(signal.reason); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Sends `request`. The URL is trusted here: callers build it from the toolkit's base URL (or check it, for proxy).
 * Throws ToolsmithError REQUEST_TIMEOUT, REQUEST_ABORTED or NETWORK_ERROR; HTTP errors are returned, not thrown.
 */
export async function sendRequest(request: BuiltRequest, options: SendOptions): Promise<SendResult> {
  const maxRetries = options.idempotent ? options.retry?.maxRetries ?? 2 : 0;
  const deadline = options.deadline ?? new CallDeadline(options.timeoutMs, options.signal);
  const transport = options.transport ?? (options.fetch ? fetchTransport(options.fetch) : nodeTransport);
  try {
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await transport.send(request, deadline);
        if (REDIRECTS.has(response.status)) response = await followRedirects(transport, request, response, options, deadline);
      } catch (error) {
        throw requestFailure(error, deadline, options.label);
      }
      if (attempt >= maxRetries || !(options.retry?.statuses ?? DEFAULT_STATUSES).includes(response.status)) {
        return { response, attempts: attempt + 1 };
      }
      const maxDelay = options.retry?.maxDelayMs ?? 10_000;
      const hinted = retryAfterMs(response.headers.get('retry-after'));
      if (hinted !== undefined && hinted > maxDelay) return { response, attempts: attempt + 1 };
      await discardBody(response);
      try {
        const wait = hinted ?? backoffMs(attempt, options.retry?.baseDelayMs ?? 250, maxDelay, options.random ?? Math.random);
        await (options.sleep ?? defaultSleep)(wait, deadline.signal);
      } catch (error) {
        throw requestFailure(error, deadline, options.label);
      }
    }
  } finally {
    if (!options.deadline) deadline.clear();
  }
}

const DEFAULT_STATUSES: readonly number[] = [429, 503];

/** The error for a failed attempt or body read: our timeout, the caller's abort, or the network (URLs redacted). */
export function requestFailure(cause: unknown, deadline: CallDeadline, label: string, readingBody = false): ToolsmithError {
  if (deadline.timedOut) {
    return new ToolsmithError('REQUEST_TIMEOUT', `${label} timed out after ${deadline.timeoutMs} ms.`, { timeoutMs: deadline.timeoutMs });
  }
  if (deadline.callerAborted) return new ToolsmithError('REQUEST_ABORTED', `${label} was aborted by the caller.`);
  if (cause instanceof ToolsmithError) {
    return cause.code === 'RESPONSE_TOO_LARGE' ? new ToolsmithError(cause.code, `${label}: ${cause.message}.`, cause.data) : cause;
  }
  const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
  return new ToolsmithError('NETWORK_ERROR', `${label} failed ${readingBody ? 'while reading the response' : 'before a response'}: ${redactUrls(reason)}.`);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Follows redirects by hand so credentials never leave the origin: on a cross-origin hop the credential headers
 * and cookies are dropped (query credentials stay behind with the old URL). 303, and 301/302 after POST, become GET.
 */
async function followRedirects(
  transport: Transport, request: BuiltRequest, first: HttpResponse, options: SendOptions, deadline: CallDeadline,
): Promise<HttpResponse> {
  let { url, method } = request;
  let headers: Record<string, string> = request.headers; // copied before any change below
  let body = request.body ?? null;
  let origin: string | undefined;
  let response = first;
  for (let hop = 0; ; hop++) {
    if (hop > 0) response = await transport.send({ method, url, headers, body }, deadline);
    if (!REDIRECTS.has(response.status)) return response;
    const location = response.headers.get('location');
    if (location === null || hop >= (options.maxRedirects ?? 5)) return response;
    await discardBody(response);
    origin ??= new URL(request.url).origin;
    const next = new URL(location, url);
    if (next.protocol !== 'https:' && next.protocol !== 'http:') return response;
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = null;
      headers = { ...headers };
      delete headers['content-type'];
    }
    if (next.origin !== origin) {
      const drop = new Set(['authorization', 'cookie', ...(options.credentialHeaders ?? []).map((name) => name.toLowerCase())]);
      headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !drop.has(name.toLowerCase())));
    }
    url = next.href;
  }
}

/** Strips query strings from any URL in a message: they may carry api keys. */
export function redactUrls(text: string): string {
  return text.replace(/(https?:\/\/[^\s?#"']*)\?[^\s#"']*/g, '$1?…');
}
