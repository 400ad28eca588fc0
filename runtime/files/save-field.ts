/**
 * A file carried inside a JSON response (e.g. Gmail's attachment `{ size, data }`, `data` base64url) → decoded and
 * saved in `fileDir` the way binary downloads are (exclusive create, mode 0600, size limit, sanitized name).
 */
import { writeFile, mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ToolsmithError } from '../errors.js';
import type { CompiledRequest } from '../types.js';
import type { DownloadOptions, SavedFile } from './download.js';
import { detectMimeType, extensionFor } from './mime.js';
import { sanitizeFileName, uniqueFileName } from './names.js';

type FileField = NonNullable<CompiledRequest['response']['fileField']>;

const DEFAULT_MAX = 100 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** The value at a JSON Pointer, or undefined when a step is missing. */
function pointerValue(data: unknown, pointer: string): unknown {
  let current = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export async function saveFileField(data: unknown, field: FileField, options: DownloadOptions): Promise<SavedFile> {
  const encoded = pointerValue(data, field.from);
  if (typeof encoded !== 'string') {
    throw new ToolsmithError('FILE_REJECTED', `The response has no ${field.encoding} string at ${field.from} to save as a file.`);
  }
  const text = encoded.replace(/\s+/g, '');
  if (!(field.encoding === 'base64' ? BASE64 : BASE64URL).test(text)) {
    throw new ToolsmithError('FILE_REJECTED', `The response field ${field.from} is not valid ${field.encoding}.`);
  }
  const limit = options.maxDownloadBytes ?? DEFAULT_MAX;
  // Decoded size is about 3/4 of the text; refuse before allocating the buffer.
  if (Math.floor(text.length * 3 / 4) - 2 > limit) {
    throw new ToolsmithError('FILE_TOO_LARGE', `The response file exceeds the limit of ${limit} bytes.`, { limit });
  }
  const bytes = Buffer.from(text, field.encoding);
  if (bytes.length > limit) {
    throw new ToolsmithError('FILE_TOO_LARGE', `The response file is ${bytes.length} bytes; the limit is ${limit}.`, { limit });
  }
  const declaredName = field.name !== undefined ? sanitizeFileName(field.name) : '';
  const mimeType = field.mimeType ?? detectMimeType(bytes.subarray(0, 16), declaredName);
  const name = declaredName || `download${extensionFor(mimeType)}`;
  const directory = resolve(options.fileDir ?? '.toolsmith/files');
  await mkdir(directory, { recursive: true });
  const path = join(directory, uniqueFileName(name));
  try {
    await writeFile(path, bytes, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    await rm(path, { force: true });
    throw new ToolsmithError('FILE_REJECTED', `Saving the response file failed: ${(error as Error).message}.`);
  }
  return { path, name, mimeType, size: bytes.length };
}
