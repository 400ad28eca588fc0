/**
 * Response → normalized `{ data, error, successful, status, logId }`. Non-2xx keeps the API's error body as
 * data; binary responses are saved to disk by the files module.
 */
import type { CompiledRequest } from '../types.js';
import type { ToolExecuteResult } from './types.js';
import { saveResponseFile, type DownloadOptions } from '../files/download.js';
import { discardBody, readText, type HttpResponse } from './transport.js';

const DEFAULT_MAX_RESPONSE = 100 * 1024 * 1024;

const TEXT_TYPES = /^(text\/|application\/(xml|javascript|x-www-form-urlencoded)|[^;]*\+xml)/i;

function isJsonType(type: string): boolean {
  return /^application\/([\w.-]+\+)?json/i.test(type) || /\+json\s*(;|$)/i.test(type);
}

function isBinaryType(type: string): boolean {
  return type !== '' && !isJsonType(type) && !TEXT_TYPES.test(type);
}

type BodyClass = 'json' | 'text' | 'binary' | 'none';

/** Content-Type → how to read the body, cached: an API answers with a handful of distinct values. */
const bodyClasses = new Map<string, BodyClass>();
function bodyClassOf(header: string): BodyClass {
  let found = bodyClasses.get(header);
  if (found === undefined) {
    const type = header.trim();
    found = type === '' ? 'none' : isJsonType(type) ? 'json' : isBinaryType(type) ? 'binary' : 'text';
    if (bodyClasses.size >= 256) bodyClasses.clear();
    bodyClasses.set(header, found);
  }
  return found;
}

/** Reads the body: JSON when it says so (or parses as such), text, or a saved file for binary content. */
export async function readBody(response: HttpResponse, kind: CompiledRequest['response']['kind'], files: DownloadOptions): Promise<unknown> {
  if (response.status === 204 || response.status === 205 || response.status === 304) {
    await discardBody(response);
    return null;
  }
  const type = bodyClassOf(response.headers.get('content-type') ?? '');
  if (response.ok && (kind === 'file' || type === 'binary')) {
    return saveResponseFile(response, files);
  }
  const text = await readText(response, files.maxResponseBytes ?? DEFAULT_MAX_RESPONSE);
  if (text === '') return null;
  if (type === 'json' || kind === 'json' || type === 'none') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** A short message for a non-2xx status a model can act on. */
export function httpErrorMessage(status: number, statusText: string, label: string, data: unknown): string {
  let detail = '';
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    const nested = record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>).message : undefined;
    const candidate = record.message ?? nested ?? record.error_description ?? record.error ?? record.detail;
    if (typeof candidate === 'string') detail = `: ${candidate}`;
  } else if (typeof data === 'string' && data.length > 0) {
    detail = `: ${data.slice(0, 300)}`;
  }
  const hint = status === 401 ? ' (credentials rejected; reconnect the account)'
    : status === 403 ? ' (the account lacks permission or a scope)'
      : status === 404 ? ' (check the identifiers in the arguments)'
        : status === 429 ? ' (rate limited; try again later)' : '';
  return `HTTP ${status}${statusText ? ` ${statusText}` : ''} from ${label}${hint}${detail}`;
}

export function successResult<Data>(data: Data, status: number | undefined, logId: string): ToolExecuteResult<Data> {
  return status === undefined ? { data, error: null, successful: true, logId } : { data, error: null, successful: true, status, logId };
}

export function failureResult(error: string, logId: string, status?: number, data: unknown = null): ToolExecuteResult {
  return status === undefined ? { data, error, successful: false, logId } : { data, error, successful: false, status, logId };
}
