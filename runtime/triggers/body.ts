/** Reads a webhook body up to a byte limit, from a WHATWG Request or a Node request, without buffering past it. */
import type { IncomingMessage } from 'node:http';

export type BodyResult = { readonly ok: true; readonly body: Uint8Array } | { readonly ok: false; readonly reason: 'too-large' | 'unreadable'; readonly detail: string };

function declaredTooLarge(contentLength: string | null | undefined, limit: number): boolean {
  if (!contentLength) return false;
  const length = Number(contentLength);
  return Number.isFinite(length) && length > limit;
}

export async function readRequestBody(request: Request, limit: number): Promise<BodyResult> {
  if (declaredTooLarge(request.headers.get('content-length'), limit)) return tooLarge(limit);
  if (!request.body) return { ok: true, body: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        return tooLarge(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: `request body could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, body: Buffer.concat(chunks, total) };
}

export async function readNodeBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
  // Frameworks that already buffered the raw body (express.raw, rawBody) hand it over as bytes or text.
  const preParsed = (request as IncomingMessage & { rawBody?: unknown; body?: unknown });
  for (const candidate of [preParsed.rawBody, preParsed.body]) {
    if (candidate instanceof Uint8Array) return candidate.byteLength > limit ? tooLarge(limit) : { ok: true, body: candidate };
    if (typeof candidate === 'string') {
      const bytes = Buffer.from(candidate, 'utf8');
      return bytes.byteLength > limit ? tooLarge(limit) : { ok: true, body: bytes };
    }
  }
  if (preParsed.body !== undefined && preParsed.body !== null && request.readableEnded) {
    return { ok: false, reason: 'unreadable', detail: 'the body was already parsed by a middleware; mount the webhook route before JSON body parsers (or use express.raw()) so the raw bytes can be verified' };
  }
  if (declaredTooLarge(request.headers['content-length'], limit)) return tooLarge(limit);
  return new Promise<BodyResult>((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        // Stop buffering; the rest of the stream is drained and dropped while the 413 goes out.
        chunks.length = 0;
        request.resume();
        finish(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => finish({ ok: true, body: Buffer.concat(chunks, total) }));
    request.once('error', (error) => finish({ ok: false, reason: 'unreadable', detail: `request body could not be read: ${error.message}` }));
    // A client that goes away mid-body ends with 'close' and no 'end': settle instead of waiting forever.
    request.once('close', () => finish({ ok: false, reason: 'unreadable', detail: 'the client closed the connection before the body ended' }));
  });
}

function tooLarge(limit: number): BodyResult {
  return { ok: false, reason: 'too-large', detail: `body is larger than the ${limit}-byte limit` };
}
