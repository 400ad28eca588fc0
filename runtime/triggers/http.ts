/** WHATWG (Request → Response) and Node (req, res) front ends of the webhook receiver. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readNodeBody, readRequestBody, type BodyResult } from './body.js';
import type { WebhookReceiver, WebhookReply, WebhookRoute } from './receiver.js';

export async function handleRequest(receiver: WebhookReceiver, request: Request, limit: number, route?: WebhookRoute): Promise<Response> {
  const body = await readRequestBody(request, limit);
  const result = body.ok
    ? await receiver.receive({ method: request.method, path: new URL(request.url, 'http://localhost').pathname, headers: (name) => (name ? request.headers.get(name) ?? undefined : undefined), body: body.body }, route)
    : bodyFailure(body);
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { 'content-type': 'application/json', ...(body.ok ? {} : { connection: 'close' }) },
  });
}

export async function handleNode(receiver: WebhookReceiver, request: IncomingMessage, response: ServerResponse, limit: number, route?: WebhookRoute): Promise<void> {
  const body = await readNodeBody(request, limit);
  let result: WebhookReply;
  if (body.ok) {
    const headers = (name: string) => {
      const value = request.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    result = await receiver.receive({ method: request.method ?? 'GET', path: request.url ?? '/', headers, body: body.body }, route);
  } else {
    // Drop whatever is still arriving instead of buffering it; the connection closes after the reply.
    request.resume();
    result = bodyFailure(body);
  }
  const text = JSON.stringify(result.body);
  response.writeHead(result.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(body.ok ? {} : { connection: 'close' }),
  });
  response.end(text);
}

function bodyFailure(body: Extract<BodyResult, { ok: false }>): WebhookReply {
  return body.reason === 'too-large'
    ? { status: 413, body: { error: 'body_too_large', message: body.detail } }
    : { status: 400, body: { error: 'unreadable_body', message: body.detail } };
}
