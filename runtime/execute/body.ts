/**
 * Request bodies: JSON, application/x-www-form-urlencoded (bracket notation per the encoding map, as Stripe
 * expects) and multipart/form-data (files as named parts). Bodies are re-usable so a retry can resend them.
 */
import { randomBytes } from 'node:crypto';
import type { CompiledRequest } from '../types.js';
import { bracketPairs, queryPairs, scalarText } from './serialize.js';

export interface NamedBlob { readonly blob: Blob; readonly name: string }
export type FileResolver = (value: unknown, field: string) => Promise<NamedBlob>;

export interface EncodedBody { readonly body: BodyInit; readonly contentType?: string }

type Encoding = NonNullable<NonNullable<CompiledRequest['body']>['encoding']>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
    && !(value instanceof Blob) && !(value instanceof Uint8Array);
}

/** `a=1&meta[k]=v&list[0]=x`: objects always in brackets (form-exploded objects would lose their name). */
export function encodeFormBody(body: Record<string, unknown>, encoding: Encoding | undefined): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const rule = encoding?.[name];
    if (rule?.style === 'deepObject' || (!rule?.style && isPlainObject(value))) {
      bracketPairs(name, value, pairs);
    } else if (Array.isArray(value) && value.some((item) => isPlainObject(item) || Array.isArray(item))) {
      bracketPairs(name, value, pairs);
    } else {
      pairs.push(...queryPairs(name, value, rule?.style ?? 'form', rule?.explode ?? (rule?.style ?? 'form') === 'form'));
    }
  }
  return pairs.join('&');
}

/** A header parameter value in a part's Content-Disposition, escaped the way browsers do (WHATWG multipart/form-data). */
function dispositionValue(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

interface Part {
  readonly name: string;
  readonly data: string | Blob;
  readonly filename?: string;
  readonly contentType?: string;
}

/**
 * multipart/form-data written by us rather than through FormData: FormData gives every Blob part a file name
 * (`filename="blob"` when none is given), so a JSON object sent as a part with its own Content-Type looked
 * like a file upload, and servers that read it as a plain field (Box's `attributes`) refused it. File parts
 * keep their name and type; the body is one Blob over the parts, so file data is not copied and a retry can
 * send it again.
 */
function multipartBody(parts: readonly Part[]): EncodedBody {
  const boundary = `----toolsmith-${randomBytes(12).toString('hex')}`;
  const chunks: Array<string | Blob> = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${dispositionValue(part.name)}"`;
    if (part.filename !== undefined) head += `; filename="${dispositionValue(part.filename)}"`;
    if (part.contentType !== undefined) head += `\r\nContent-Type: ${part.contentType.replace(/[\r\n]/g, '')}`;
    chunks.push(`${head}\r\n\r\n`, part.data, '\r\n');
  }
  chunks.push(`--${boundary}--\r\n`);
  return { body: new Blob(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Multipart: files as named parts with their type, objects as JSON parts (no file name), arrays of scalars as
 * repeated parts, other scalars as plain fields.
 */
export async function encodeMultipartBody(
  body: Record<string, unknown>, encoding: Encoding | undefined, fileFields: ReadonlySet<string>, resolveFile: FileResolver,
): Promise<EncodedBody> {
  const parts: Part[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    const partType = encoding?.[name]?.contentType;
    const isFile = fileFields.has(name) || value instanceof Blob || value instanceof Uint8Array;
    if (isFile) {
      for (const item of Array.isArray(value) ? value : [value]) {
        const file = await resolveFile(item, name);
        parts.push({ name, data: file.blob, filename: file.name, contentType: file.blob.type || 'application/octet-stream' });
      }
    } else if (Array.isArray(value) && value.every((item) => !isPlainObject(item) && !Array.isArray(item)) && !partType?.includes('json')) {
      for (const item of value) parts.push({ name, data: scalarText(item) });
    } else if (isPlainObject(value) || Array.isArray(value)) {
      parts.push({ name, data: JSON.stringify(value), contentType: partType ?? 'application/json' });
    } else {
      parts.push({ name, data: scalarText(value), ...(partType !== undefined && { contentType: partType }) });
    }
  }
  return multipartBody(parts);
}

/**
 * Encodes the body for the declared content type (multipart with its own boundary in the content type). Returns a
 * promise only when files must be read (multipart, binary bodies): the common JSON and form bodies stay synchronous.
 */
export function encodeBody(
  spec: NonNullable<CompiledRequest['body']>, body: unknown, fileFields: ReadonlySet<string>, resolveFile: FileResolver,
): EncodedBody | Promise<EncodedBody> {
  const type = spec.contentType.toLowerCase();
  if (type.startsWith('multipart/')) {
    return encodeMultipartBody(isPlainObject(body) ? body : { file: body }, spec.encoding, fileFields, resolveFile);
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { body: encodeFormBody(isPlainObject(body) ? body : {}, spec.encoding), contentType: spec.contentType };
  }
  if (type.includes('json')) return { body: JSON.stringify(body), contentType: spec.contentType };
  if (body instanceof Uint8Array || body instanceof Blob || fileFields.size > 0) {
    return resolveFile(body, 'body').then((file) => ({ body: file.blob, contentType: spec.contentType }));
  }
  return { body: typeof body === 'string' ? body : JSON.stringify(body), contentType: spec.contentType };
}
