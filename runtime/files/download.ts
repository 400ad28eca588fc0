/**
 * Binary responses → a file in `fileDir` under a safe unique name (`<random>-<sanitized name>`), created
 * exclusively (never overwriting or following a planted symlink), with a size limit. Fetches nothing itself: it
 * reads the body of a response the executor already received from the toolkit's (trusted) base URL; the
 * Content-Disposition name in it is untrusted and sanitized.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { ToolsmithError } from '../errors.js';
import { detectMimeType, extensionFor } from './mime.js';
import { dispositionFileName, sanitizeFileName, uniqueFileName } from './names.js';
import { bodyStream, discardBody, type HttpResponse } from '../execute/transport.js';

export interface DownloadOptions {
  /** Where downloads go; default `.toolsmith/files` under the working directory. */
  readonly fileDir?: string;
  /** Largest download kept; default 100 MiB. */
  readonly maxDownloadBytes?: number;
  /** Largest JSON or text response body read into memory (after decompression); default 100 MiB. */
  readonly maxResponseBytes?: number;
}

export interface SavedFile { readonly path: string; readonly name: string; readonly mimeType: string; readonly size: number }

const DEFAULT_MAX = 100 * 1024 * 1024;

export async function saveResponseFile(response: HttpResponse, options: DownloadOptions): Promise<SavedFile> {
  const directory = resolve(options.fileDir ?? '.toolsmith/files');
  const limit = options.maxDownloadBytes ?? DEFAULT_MAX;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await discardBody(response);
    throw new ToolsmithError('FILE_TOO_LARGE', `The response file is ${declared} bytes; the limit is ${limit}.`, { limit });
  }
  const headerType = response.headers.get('content-type')?.split(';')[0]?.trim();
  const urlName = (() => {
    try { return decodeURIComponent(new URL(response.url).pathname.split('/').pop() ?? ''); } catch { return ''; }
  })();
  let name = sanitizeFileName(dispositionFileName(response.headers.get('content-disposition')) ?? '') || sanitizeFileName(urlName);
  await mkdir(directory, { recursive: true });
  const provisional = name || `download${extensionFor(headerType ?? '')}`;
  const path = join(directory, uniqueFileName(provisional));
  let size = 0;
  let head = new Uint8Array();
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
      size += chunk.length;
      if (size > limit) callback(new ToolsmithError('FILE_TOO_LARGE', `The response file exceeds the limit of ${limit} bytes.`, { limit }));
      else callback(null, chunk);
    },
  });
  try {
    const source = bodyStream(response);
    if (!source) throw new ToolsmithError('FILE_REJECTED', 'The response has no body to save.');
    await pipeline(source, counter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof ToolsmithError) throw error;
    throw new ToolsmithError('FILE_REJECTED', `Saving the response file failed: ${(error as Error).message}.`);
  }
  const detected = detectMimeType(head, name);
  const mimeType = headerType && headerType !== 'application/octet-stream' ? headerType : detected;
  if (!name) name = provisional;
  return { path, name, mimeType, size };
}
