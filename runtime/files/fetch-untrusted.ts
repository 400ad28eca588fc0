/**
 * Fetches a URL that came from tool arguments. The URL is UNTRUSTED: every hop is checked (scheme, literal
 * address, and the address DNS gives at connect time), redirects are followed by hand (at most 5), and the
 * body is cut off at `maxBytes`. No credentials are ever sent.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ToolsmithError } from '../errors.js';
import { checkUrl, guardedLookup, type UrlPolicy } from './safe-url.js';

export interface UntrustedFetchOptions {
  readonly maxBytes: number;
  readonly policy: UrlPolicy;
  readonly field: string;
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
}

export interface UntrustedFetchResult { readonly bytes: Uint8Array; readonly url: URL; readonly contentType?: string }

function get(url: URL, policy: UrlPolicy, timeoutMs: number): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, { method: 'GET', lookup: guardedLookup(policy) as never, timeout: timeoutMs, headers: { accept: '*/*' } }, resolve);
    request.on('timeout', () => request.destroy(new ToolsmithError('REQUEST_TIMEOUT', `Downloading the file timed out after ${timeoutMs} ms.`)));
    request.on('error', reject);
    request.end();
  });
}

export async function fetchUntrusted(raw: string, options: UntrustedFetchOptions): Promise<UntrustedFetchResult> {
  let url = checkUrl(raw, options.policy);
  const timeoutMs = options.timeoutMs ?? 30_000;
  for (let hop = 0; ; hop++) {
    let response: IncomingMessage;
    try {
      response = await get(url, options.policy, timeoutMs);
    } catch (error) {
      if (error instanceof ToolsmithError) throw error;
      throw new ToolsmithError('URL_REJECTED', `Could not download the file for \`${options.field}\` from ${url.host}: ${(error as Error).message}.`);
    }
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (hop >= (options.maxRedirects ?? 5)) throw new ToolsmithError('URL_REJECTED', 'The file URL redirects too many times.');
      url = checkUrl(new URL(response.headers.location, url).href, options.policy);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new ToolsmithError('URL_REJECTED', `Downloading the file for \`${options.field}\` from ${url.host} answered HTTP ${status}.`);
    }
    const declared = Number(response.headers['content-length'] ?? Number.NaN);
    if (declared > options.maxBytes) {
      response.destroy();
      throw new ToolsmithError('FILE_TOO_LARGE', `The file at the URL is ${declared} bytes; the limit is ${options.maxBytes}.`, { limit: options.maxBytes });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > options.maxBytes) {
        response.destroy();
        throw new ToolsmithError('FILE_TOO_LARGE', `The file at the URL exceeds the limit of ${options.maxBytes} bytes.`, { limit: options.maxBytes });
      }
      chunks.push(chunk);
    }
    const contentType = response.headers['content-type'];
    return { bytes: Buffer.concat(chunks), url, ...(contentType ? { contentType } : {}) };
  }
}
