/**
 * Upload fields: a local path (only inside allowed directories, symlinks resolved first), an https URL
 * (untrusted: size-limited, no internal addresses), or a Buffer/Blob. Each becomes a named Blob for multipart;
 * local files are streamed from disk.
 */
import { openAsBlob } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { ToolsmithError } from '../errors.js';
import type { NamedBlob } from '../execute/body.js';
import { detectMimeType, extensionFor } from './mime.js';
import { fetchUntrusted } from './fetch-untrusted.js';
import type { UrlPolicy } from './safe-url.js';
import { sanitizeFileName } from './names.js';

export interface UploadOptions {
  /** Directories local paths must resolve into (after symlinks). Default: the working directory. */
  readonly allowedFileDirs?: readonly string[];
  /** Largest upload accepted; default 100 MiB. */
  readonly maxUploadBytes?: number;
  readonly urlPolicy?: UrlPolicy;
}

const DEFAULT_MAX = 100 * 1024 * 1024;

async function isInside(file: string, directories: readonly string[]): Promise<boolean> {
  for (const directory of directories) {
    let root: string;
    try {
      root = await realpath(resolve(directory));
    } catch {
      continue;
    }
    const rel = relative(root, file);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return true;
  }
  return false;
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const { bytesRead } = await handle.read(buffer, 0, 16, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function fromLocalPath(value: string, field: string, options: UploadOptions): Promise<NamedBlob> {
  const directories = options.allowedFileDirs ?? [process.cwd()];
  let real: string;
  try {
    real = await realpath(resolve(value));
  } catch {
    throw new ToolsmithError('FILE_REJECTED', `File for \`${field}\` not found: ${basename(value)}. Give a path inside an allowed directory, an https URL, or the file's bytes.`, { field });
  }
  if (!(await isInside(real, directories))) {
    throw new ToolsmithError('FILE_REJECTED', `File for \`${field}\` is outside the allowed directories (symlinks are resolved first).`, { field });
  }
  const info = await stat(real);
  if (!info.isFile()) throw new ToolsmithError('FILE_REJECTED', `\`${field}\` must name a regular file.`, { field });
  const limit = options.maxUploadBytes ?? DEFAULT_MAX;
  if (info.size > limit) {
    throw new ToolsmithError('FILE_TOO_LARGE', `File for \`${field}\` is ${info.size} bytes; the limit is ${limit}.`, { field, size: info.size, limit });
  }
  const name = sanitizeFileName(basename(real));
  const type = detectMimeType(await readHead(real), name);
  return { blob: await openAsBlob(real, { type }), name };
}

async function fromUrl(value: string, field: string, options: UploadOptions): Promise<NamedBlob> {
  const limit = options.maxUploadBytes ?? DEFAULT_MAX;
  const { bytes, url, contentType } = await fetchUntrusted(value, { maxBytes: limit, policy: options.urlPolicy ?? {}, field });
  const segment = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '');
  const detected = detectMimeType(bytes.subarray(0, 16), segment);
  const type = detected !== 'application/octet-stream' ? detected : contentType?.split(';')[0]?.trim() || detected;
  const name = sanitizeFileName(segment) || `file${extensionFor(type)}`;
  return { blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name };
}

/** Turns one upload value into a named Blob, or throws FILE_REJECTED / FILE_TOO_LARGE / URL_REJECTED. */
export async function resolveUpload(value: unknown, field: string, options: UploadOptions = {}): Promise<NamedBlob> {
  const limit = options.maxUploadBytes ?? DEFAULT_MAX;
  if (value instanceof Blob) {
    if (value.size > limit) throw new ToolsmithError('FILE_TOO_LARGE', `File for \`${field}\` is ${value.size} bytes; the limit is ${limit}.`, { field });
    const given = 'name' in value && typeof value.name === 'string' ? sanitizeFileName(value.name) : '';
    const head = new Uint8Array(await value.slice(0, 16).arrayBuffer());
    const type = value.type || detectMimeType(head, given);
    const blob = value.type ? value : new Blob([value], { type });
    return { blob, name: given || `file${extensionFor(type)}` };
  }
  if (value instanceof Uint8Array) {
    if (value.byteLength > limit) throw new ToolsmithError('FILE_TOO_LARGE', `File for \`${field}\` is ${value.byteLength} bytes; the limit is ${limit}.`, { field });
    const type = detectMimeType(value.subarray(0, 16));
    return { blob: new Blob([value as Uint8Array<ArrayBuffer>], { type }), name: `file${extensionFor(type)}` };
  }
  if (typeof value === 'string' && value !== '') {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return fromUrl(value, field, options);
    return fromLocalPath(value, field, options);
  }
  throw new ToolsmithError('FILE_REJECTED', `\`${field}\` must be a local file path, an https URL, or a Buffer/Blob.`, { field });
}
