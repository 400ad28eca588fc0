/**
 * How a built request goes out. Two transports share one response shape:
 * - the default, node-transport.ts: node:http(s) with keep-alive agents;
 * - a caller's own `fetch` (the `fetch` option), given the call's deadline as an AbortSignal.
 * The shape is the part of WHATWG `Response` the executor reads, so a fetch Response is one as it is.
 */
import { Readable } from 'node:stream';
import type { HttpMethod } from '../types.js';
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
}

function hasNodeStream(response: HttpResponse): response is NodeStreamResponse {
  return typeof (response as Partial<NodeStreamResponse>).nodeStream === 'function';
}

/** The body as a Node stream (downloads); null when there is none. */
export function bodyStream(response: HttpResponse): Readable | null {
  if (hasNodeStream(response)) return response.nodeStream();
  return response.body ? Readable.fromWeb(response.body as never) : null;
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
