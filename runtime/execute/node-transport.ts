/**
 * The default transport: node:http and node:https over keep-alive agents. Node's fetch (undici) spends about
 * 350 µs of CPU per call building WHATWG Request, Headers, Response and stream objects around the same socket
 * work (scripts/bench/executor.ts measures plain fetch, plain node:http and the executor in one run); the
 * executor reads a status, three headers and a body, and needs none of them.
 *
 * What fetch did for us and this does too: a User-Agent and Accept when none is set, gzip/deflate/br responses
 * decoded, Content-Length on fixed bodies (0 for a bodiless POST/PUT/PATCH), Blob bodies streamed. Redirects are
 * followed by the executor (send.ts), which drops credentials on a cross-origin hop.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable, pipeline } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { CallDeadline } from './deadline.js';
import { tooLarge, type HttpResponse, type NodeStreamResponse, type OutgoingRequest, type Transport } from './transport.js';

/**
 * Idle sockets close after 4 s (or sooner when the server's Keep-Alive header says so), before a server's
 * usual 5 s: a request rarely meets a socket the server is closing, and when it does it is sent again (below).
 */
const AGENT_OPTIONS = { keepAlive: true, timeout: 4_000 } as const;
const httpAgent = new HttpAgent(AGENT_OPTIONS);
const httpsAgent = new HttpsAgent(AGENT_OPTIONS);

const USER_AGENT = 'toolsmith';
const BODILESS_LENGTH_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** A body as bytes or text of known length, or a Blob streamed part by part. */
type PreparedBody = { readonly fixed: string | Uint8Array; readonly length: number } | { readonly blob: Blob } | undefined;

/**
 * Encodes what the request builder produced and sets the Content-Type fetch would have set for it. Synchronous for
 * the bodies the executor builds; FormData and streams (proxy calls only) go through the WHATWG encoder.
 */
function prepareBody(body: OutgoingRequest['body'], headers: Record<string, string>): PreparedBody | Promise<PreparedBody> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') {
    headers['content-type'] ??= 'text/plain;charset=UTF-8';
    return { fixed: body, length: Buffer.byteLength(body) };
  }
  if (body instanceof Uint8Array) return { fixed: body, length: body.byteLength };
  if (body instanceof ArrayBuffer) return { fixed: new Uint8Array(body), length: body.byteLength };
  if (body instanceof Blob) {
    if (body.type !== '') headers['content-type'] ??= body.type;
    return { blob: body };
  }
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    const text = body.toString();
    return { fixed: text, length: Buffer.byteLength(text) };
  }
  const encoded = new Response(body);
  const type = encoded.headers.get('content-type');
  if (type !== null) headers['content-type'] ??= type;
  return encoded.blob().then((blob) => ({ blob }));
}

/** Where a request goes, as node:http takes it. */
interface Target { readonly https: boolean; readonly hostname: string; readonly port: string; readonly path: string; readonly href: string }
type Origin = Omit<Target, 'path' | 'href'>;

/** Scheme, host and port per origin, parsed once: the executor sends to a handful of base URLs. */
const origins = new Map<string, Origin>();

// Fields copied by name: `{ ...origin, path }` leaves V8's fast object-clone path (about 1 µs a call on Node 20).
function targetAt(origin: Origin, path: string, href: string): Target {
  return { https: origin.https, hostname: origin.hostname, port: origin.port, path, href };
}
// Printable ASCII without '#' or '\', sent as written; a URL parse is needed for anything else, and for dot
// segments (`/../`, `/%2e`), which it resolves as fetch did.
const PLAIN_PATH = /^\/[\x21-\x22\x24-\x5b\x5d-\x7e]*$/;
const DOT_SEGMENT = /\/(\.|%2e)/i;

function parseTarget(url: string): Target {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  const origin = slash < 0 ? url : url.slice(0, slash);
  const path = slash < 0 ? '/' : url.slice(slash);
  let known = origins.get(origin);
  if (known !== undefined && PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path)) return targetAt(known, path, url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError('the request URL is not a valid absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`${parsed.protocol} URLs are not supported`);
  const https = parsed.protocol === 'https:';
  const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  known = { https, hostname, port: parsed.port || (https ? '443' : '80') };
  if (parsed.origin === origin && !parsed.username && !parsed.password) {
    if (origins.size >= 1_000) origins.clear();
    origins.set(origin, known);
  }
  return targetAt(known, `${parsed.pathname}${parsed.search}`, parsed.href);
}

/** The header lookup of a Node response, shaped like `Headers.get` (repeated headers joined with ", "). */
class MessageHeaders {
  constructor(private readonly raw: IncomingMessage['headers']) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return typeof value === 'string' ? value : value.join(', ');
  }
}

function decoded(message: IncomingMessage): Readable {
  const coding = message.headers['content-encoding']?.trim().toLowerCase();
  const decoder = coding === 'gzip' || coding === 'x-gzip' ? createGunzip()
    : coding === 'deflate' ? createInflate()
      : coding === 'br' ? createBrotliDecompress() : undefined;
  if (decoder === undefined) return message;
  // Errors of either stream (a bad gzip, a reset) reach the decoder, which the reader listens to.
  return pipeline(message, decoder, () => undefined);
}

class NodeHttpResponse implements NodeStreamResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: MessageHeaders;
  readonly #stream: Readable;
  #web: ReadableStream<Uint8Array> | undefined;

  constructor(readonly url: string, private readonly message: IncomingMessage, private readonly done: () => void) {
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status <= 299;
    this.headers = new MessageHeaders(message.headers);
    this.#stream = decoded(message);
    this.#stream.once('end', done);
    // A body cut off before anyone reads it (deadline, reset) must not become an unhandled 'error' event.
    this.#stream.on('error', ignore);
  }

  text(): Promise<string> { return this.textWithin(Number.POSITIVE_INFINITY); }

  textWithin(maxBytes: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const stream = this.#stream;
      // Cut off before this read began (the deadline, the caller's abort): its 'error' has been emitted already.
      if (stream.destroyed) { reject(stream.errored ?? new Error('the response was closed before its body was read')); return; }
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
        else { reject(tooLarge(maxBytes)); this.message.destroy(); }
      });
      stream.once('error', reject);
      stream.once('end', () => {
        const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
        resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      });
    });
  }

  nodeStream(): Readable { return this.#stream; }

  get body(): ReadableStream<Uint8Array> | null {
    this.#web ??= Readable.toWeb(this.#stream) as ReadableStream<Uint8Array>;
    return this.#web;
  }

  /** A small unread body is drained so its socket can be reused; a large or unknown one closes it. */
  discard(): void {
    const length = Number(this.message.headers['content-length']);
    if (length <= 65_536 && this.#stream === this.message) this.message.resume();
    else this.message.destroy();
    this.done();
  }
}

function ignore(): void {}

function isStaleSocketError(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ECONNRESET' || error.code === 'EPIPE' || error.code === 'ECONNABORTED';
}

/** Writes a Blob's parts as they are read (file-backed Blobs are not loaded whole), honouring backpressure. */
async function writeBlob(request: ClientRequest, blob: Blob): Promise<void> {
  for await (const chunk of blob.stream() as unknown as AsyncIterable<Uint8Array>) {
    if (request.destroyed) return;
    if (!request.write(chunk)) {
      await new Promise<void>((resolve) => {
        const go = (): void => { request.off('drain', go); request.off('close', go); resolve(); };
        request.on('drain', go);
        request.on('close', go);
      });
    }
  }
  request.end();
}

function sendOnce(target: Target, method: string, headers: Record<string, string>, body: PreparedBody,
  deadline: CallDeadline, mayResend: boolean): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    const reason = deadline.cancelled;
    if (reason) { reject(reason); return; }
    let outgoing: ClientRequest;
    try {
      outgoing = (target.https ? httpsRequest : httpRequest)({
        hostname: target.hostname, port: target.port, path: target.path, method, headers, agent: target.https ? httpsAgent : httpAgent,
      });
    } catch (error) {
      reject(error); // an invalid header name or value
      return;
    }
    let response: IncomingMessage | undefined;
    const cancel = (why: Error): void => {
      response?.destroy(why);
      outgoing.destroy(why);
    };
    deadline.track(cancel);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (response !== undefined) return; // reported by the response stream
      deadline.untrack(cancel);
      if (mayResend && outgoing.reusedSocket && isStaleSocketError(error) && !deadline.cancelled) {
        // The server closed an idle keep-alive socket as we wrote to it: nothing was processed; send on a new one.
        resolve(sendOnce(target, method, headers, body, deadline, false));
      } else {
        reject(deadline.cancelled ?? error);
      }
    });
    outgoing.once('response', (message: IncomingMessage) => {
      response = message;
      resolve(new NodeHttpResponse(target.href, message, () => deadline.untrack(cancel)));
    });
    if (body === undefined) outgoing.end();
    else if ('fixed' in body) outgoing.end(body.fixed);
    else writeBlob(outgoing, body.blob).catch((error: Error) => outgoing.destroy(error));
  });
}

function sendPrepared(target: Target, method: string, headers: Record<string, string>, body: PreparedBody, deadline: CallDeadline): Promise<HttpResponse> {
  if (body === undefined) {
    if (BODILESS_LENGTH_METHODS.has(method)) headers['content-length'] = '0';
  } else {
    headers['content-length'] = String('fixed' in body ? body.length : body.blob.size);
  }
  return sendOnce(target, method, headers, body, deadline, true);
}

export const nodeTransport: Transport = {
  send(request, deadline) {
    let target: Target;
    try {
      target = parseTarget(request.url);
    } catch (error) {
      return Promise.reject(error);
    }
    const method = request.method.toUpperCase();
    const headers = { ...request.headers };
    headers['user-agent'] ??= USER_AGENT;
    headers.accept ??= '*/*';
    headers['accept-encoding'] ??= 'gzip, deflate, br';
    const body = prepareBody(request.body, headers);
    return body instanceof Promise
      ? body.then((prepared) => sendPrepared(target, method, headers, prepared, deadline))
      : sendPrepared(target, method, headers, body, deadline);
  },
};
