/**
 * A real node:http server on loopback that records every request exactly (method, raw path and query,
 * headers, body bytes) and answers from a queue or a handler. Reusable by any test.
 *
 *   const server = await startRecordServer();
 *   server.enqueue({ status: 429, headers: { 'retry-after': '0' } }, { json: { ok: true } });
 *   …; server.requests[0].path; await server.close();
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query exactly as sent (still percent-encoded). */
  readonly url: string;
  /** Path without the query, still encoded. */
  readonly path: string;
  /** The raw query string without `?` (encoded), '' when none. */
  readonly rawQuery: string;
  readonly query: URLSearchParams;
  /** Lower-cased names. */
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  text(): string;
  json(): unknown;
}

export interface ReplySpec {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** JSON body (sets content-type). */
  readonly json?: unknown;
  readonly body?: string | Buffer;
  /** Never answer (for timeout and abort tests); the socket is closed when the server closes. */
  readonly hang?: boolean;
  /** Destroy the socket without answering (network error). */
  readonly destroy?: boolean;
}

export type ReplyHandler = (request: RecordedRequest) => ReplySpec | Promise<ReplySpec>;

export interface RecordServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Replies used in order, one per request, before the handler. */
  enqueue(...replies: ReplySpec[]): void;
  /** The reply when the queue is empty; default `{ json: { ok: true } }`. */
  handle(handler: ReplyHandler): void;
  /** Resolves when `count` requests have been recorded. */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

function send(response: ServerResponse, reply: ReplySpec): void {
  const headers: Record<string, string> = { ...reply.headers };
  let body: string | Buffer = '';
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['content-type'] ??= 'application/json';
  } else if (reply.body !== undefined) {
    body = reply.body;
  }
  response.writeHead(reply.status ?? 200, headers);
  response.end(body);
}

export async function startRecordServer(): Promise<RecordServer> {
  const requests: RecordedRequest[] = [];
  const queue: ReplySpec[] = [];
  let handler: ReplyHandler = () => ({ json: { ok: true } });
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = incoming.url ?? '/';
      const mark = url.indexOf('?');
      const body = Buffer.concat(chunks);
      const recorded: RecordedRequest = {
        method: incoming.method ?? 'GET',
        url,
        path: mark < 0 ? url : url.slice(0, mark),
        rawQuery: mark < 0 ? '' : url.slice(mark + 1),
        query: new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1)),
        headers: incoming.headers,
        body,
        text: () => body.toString('utf8'),
        json: () => JSON.parse(body.toString('utf8')) as unknown,
      };
      requests.push(recorded);
      for (const waiter of [...waiters]) {
        if (requests.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      void (async () => {
        const reply = queue.shift() ?? await handler(recorded);
        if (reply.destroy) { incoming.socket.destroy(); return; }
        if (reply.hang) { hanging.add(response); return; }
        send(response, reply);
      })().catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`record server handler failed: ${String(error)}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    enqueue: (...replies) => { queue.push(...replies); },
    handle: (next) => { handler = next; },
    waitForRequests: (count) => new Promise((resolve) => {
      if (requests.length >= count) resolve();
      else waiters.push({ count, resolve });
    }),
    close: () => new Promise((resolve) => {
      for (const response of hanging) response.socket?.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
