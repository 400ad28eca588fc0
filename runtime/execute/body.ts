/**
 * Request bodies: JSON, application/x-www-form-urlencoded (bracket notation per the encoding map, as Stripe
 * expects) and multipart/form-data (files as named parts). Bodies are re-usable so a retry can resend them.
 */
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

/** Multipart: files as named blobs, objects as JSON parts, arrays of scalars as repeated parts. */
export async function encodeMultipartBody(
  body: Record<string, unknown>, encoding: Encoding | undefined, fileFields: ReadonlySet<string>, resolveFile: FileResolver,
): Promise<FormData> {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    const partType = encoding?.[name]?.contentType;
    const isFile = fileFields.has(name) || value instanceof Blob || value instanceof Uint8Array;
    if (isFile) {
      for (const item of Array.isArray(value) ? value : [value]) {
        const file = await resolveFile(item, name);
        form.append(name, file.blob, file.name);
      }
    } else if (Array.isArray(value) && value.every((item) => !isPlainObject(item) && !Array.isArray(item)) && !partType?.includes('json')) {
      for (const item of value) form.append(name, scalarText(item));
    } else if (isPlainObject(value) || Array.isArray(value)) {
      form.append(name, new Blob([JSON.stringify(value)], { type: partType ?? 'application/json' }));
    } else {
      form.append(name, partType ? new Blob([scalarText(value)], { type: partType }) : scalarText(value));
    }
  }
  return form;
}

/**
 * Encodes the body for the declared content type. The multipart boundary header is left to fetch. Returns a
 * promise only when files must be read (multipart, binary bodies): the common JSON and form bodies stay synchronous.
 */
export function encodeBody(
  spec: NonNullable<CompiledRequest['body']>, body: unknown, fileFields: ReadonlySet<string>, resolveFile: FileResolver,
): EncodedBody | Promise<EncodedBody> {
  const type = spec.contentType.toLowerCase();
  if (type.startsWith('multipart/')) {
    return encodeMultipartBody(isPlainObject(body) ? body : { file: body }, spec.encoding, fileFields, resolveFile).then((form) => ({ body: form }));
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
