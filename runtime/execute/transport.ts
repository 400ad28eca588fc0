/**
 * How a built request goes out. Two transports share one response shape:
 * - the default, node-transport.ts: node:http(s) with keep-alive agents;
 * - a caller's own `fetch` (the `fetch` option), given the call's deadline as an AbortSignal.
 * The shape is the part of WHATWG `Response` the executor reads, so a fetch Response is one as it is.
 */
import { Readable } from 'node:stream';
import type { HttpMethod } from '../types.js';
import { ToolsmithError } from '../errors.js';
import type { CallDeadline } from './deadline.js';

/** What the executor sends: headers with lower-cased names; the body as the request builder encoded it. */
export interface OutgoingRequest {
  readonly method: HttpMethod | string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: BodyInit | null;
}

/** What the executor reads of a response, whichever transport got it. */
export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  /** The URL this response answers (the last hop when redirects were followed). */
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  /** The whole body as UTF-8 text (a leading BOM dropped). */
  text(): Promise<string>;
  /** The body as a web stream; null when there is none. */
  readonly body: ReadableStream<Uint8Array> | null;
}

export interface Transport {
  /**
   * Sends one request (no redirect following: 3xx responses are returned) and resolves at the response headers.
   * The deadline cuts the request and the body read off; the caller must read or discard the body.
   */
  send(request: OutgoingRequest, deadline: CallDeadline): Promise<HttpResponse>;
}

/** A response whose body can be read as a Node stream without a web-stream round trip. */
export interface NodeStreamResponse extends HttpResponse {
  nodeStream(): Readable;
  discard(): void;
  /** The body as text; rejects with RESPONSE_TOO_LARGE (and closes the connection) past `maxBytes`. */
  textWithin(maxBytes: number): Promise<string>;
}

function hasNodeStream(response: HttpResponse): response is NodeStreamResponse {
  return typeof (response as Partial<NodeStreamResponse>).nodeStream === 'function';
}

/** The body as a Node stream (downloads); null when there is none. */
export function bodyStream(response: HttpResponse): Readable | null {
  if (hasNodeStream(response)) return response.nodeStream();
  return response.body ? Readable.fromWeb(response.body as never) : null;
}

/** The error for a body past the limit; says what to change. */
export function tooLarge(maxBytes: number): ToolsmithError {
  return new ToolsmithError('RESPONSE_TOO_LARGE',
    `the response body is larger than ${maxBytes} bytes (maxResponseBytes); ask for less (a page size, a filter) or raise the limit`,
    { limit: maxBytes });
}

/** The body as UTF-8 text (BOM dropped), refusing to hold more than `maxBytes` of it in memory. */
export async function readText(response: HttpResponse, maxBytes: number): Promise<string> {
  if (Number(response.headers.get('content-length') ?? Number.NaN) > maxBytes) {
    await discardBody(response);
    throw tooLarge(maxBytes);
  }
  if (hasNodeStream(response)) return response.textWithin(maxBytes);
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** Drops a body nobody will read (a retry, a redirect, a 401 before a refresh), freeing its connection. */
export async function discardBody(response: HttpResponse): Promise<void> {
  if (hasNodeStream(response)) response.discard();
  else await response.body?.cancel().catch(() => undefined);
}

/** A caller-supplied fetch: the deadline travels as an AbortSignal; redirects are left to the executor. */
export function fetchTransport(fetchImpl: typeof fetch): Transport {
  return {
    send: (request, deadline) => fetchImpl(request.url, {
      method: request.method, headers: request.headers, body: request.body ?? null, signal: deadline.signal, redirect: 'manual',
    }),
  };
}
