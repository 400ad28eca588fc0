/**
 * OpenAPI parameter serialization (style/explode) for path, query, header and cookie values, and the
 * bracket notation of form bodies. Every function returns already-encoded text ready to splice into a URL.
 */
import type { ParameterStyle } from '../types.js';

type Pairs = Array<[string, string]>;

/** Keeps RFC 3986 reserved characters that cannot break a query pair (allowReserved). */
function encodeReserved(text: string): string {
  return encodeURIComponent(text).replace(/%(3A|2F|3F|5B|5D|40|21|24|27|28|29|2A|2C|3B)/gi,
    (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

export function encoderFor(allowReserved: boolean | undefined): (text: string) => string {
  return allowReserved ? encodeReserved : encodeURIComponent;
}

/** A scalar as text; nested structures that a style cannot express go as JSON. */
export function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function entriesOf(value: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(value).filter(([, item]) => item !== undefined);
}

/** Path parameter: simple (default), label or matrix. */
export function serializePath(name: string, value: unknown, style: ParameterStyle = 'simple', explode = false, allowReserved = false): string {
  const enc = encoderFor(allowReserved);
  const prefix = style === 'label' ? '.' : '';
  if (Array.isArray(value)) {
    const items = value.map((item) => enc(scalarText(item)));
    if (style === 'matrix') return explode ? items.map((item) => `;${enc(name)}=${item}`).join('') : `;${enc(name)}=${items.join(',')}`;
    return prefix + items.join(explode && style === 'label' ? '.' : ',');
  }
  if (isPlainObject(value)) {
    const entries = entriesOf(value).map(([key, item]) => [enc(key), enc(scalarText(item))] as const);
    if (style === 'matrix') {
      return explode ? entries.map(([key, item]) => `;${key}=${item}`).join('')
        : `;${enc(name)}=${entries.map(([key, item]) => `${key},${item}`).join(',')}`;
    }
    const separator = explode && style === 'label' ? '.' : ',';
    return prefix + entries.map(([key, item]) => (explode ? `${key}=${item}` : `${key},${item}`)).join(separator);
  }
  if (style === 'matrix') return `;${enc(name)}=${enc(scalarText(value))}`;
  return prefix + enc(scalarText(value));
}

/** Encodes a parameter name, keeping the brackets of `a[b][0]` literal. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%5B/gi, '[').replace(/%5D/gi, ']');
}

/** Nested bracket pairs `a[b][0]=x` (deepObject, and objects in form bodies), already encoded. */
export function bracketPairs(name: string, value: unknown, pairs: string[] = [], indexArrays = true): string[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => bracketPairs(indexArrays ? `${name}[${index}]` : `${name}[]`, item, pairs, indexArrays));
  } else if (isPlainObject(value)) {
    for (const [key, item] of entriesOf(value)) bracketPairs(`${name}[${key}]`, item, pairs, indexArrays);
  } else if (value !== undefined) {
    pairs.push(`${encodeKey(name)}=${encodeURIComponent(scalarText(value))}`);
  }
  return pairs;
}

/**
 * Query parameter (and form-body field), already encoded: form (default, explode true), spaceDelimited,
 * pipeDelimited, deepObject. Values are encoded one by one so the delimiters a style adds stay delimiters
 * (RFC 6570: `v=a,b` while a comma inside a value becomes `%2C`).
 */
export function queryPairs(name: string, value: unknown, style: ParameterStyle = 'form', explode = true, allowReserved = false): string[] {
  if (value === undefined) return [];
  if (style === 'deepObject') return bracketPairs(name, value);
  const enc = encoderFor(allowReserved);
  const key = encodeKey(name);
  const delimiter = style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '%7C' : ',';
  if (Array.isArray(value)) {
    const items = value.map((item) => enc(scalarText(item)));
    return explode ? items.map((item) => `${key}=${item}`) : [`${key}=${items.join(delimiter)}`];
  }
  if (isPlainObject(value)) {
    const entries = entriesOf(value).map(([entryKey, item]) => [enc(entryKey), enc(scalarText(item))] as const);
    if (explode) return entries.map(([entryKey, item]) => `${entryKey}=${item}`);
    return [`${key}=${entries.map(([entryKey, item]) => `${entryKey}${delimiter}${item}`).join(delimiter)}`];
  }
  return [`${key}=${enc(scalarText(value))}`];
}

/** Plain name/value pairs (credentials, proxy parameters) → encoded pairs. */
export function encodePairs(pairs: ReadonlyArray<readonly [string, string]>): string[] {
  return pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
}

/** Header parameter: simple style. */
export function serializeHeader(value: unknown, explode = false): string {
  if (Array.isArray(value)) return value.map(scalarText).join(',');
  if (isPlainObject(value)) {
    return entriesOf(value).map(([key, item]) => (explode ? `${key}=${scalarText(item)}` : `${key},${scalarText(item)}`)).join(',');
  }
  return scalarText(value);
}

/** Cookie parameter: form style; values percent-encoded so `;` and `,` cannot split the cookie. */
export function serializeCookie(name: string, value: unknown, explode = true): Pairs {
  if (Array.isArray(value) && explode) return value.map((item) => [name, encodeURIComponent(scalarText(item))]);
  if (isPlainObject(value) && explode) return entriesOf(value).map(([key, item]) => [key, encodeURIComponent(scalarText(item))]);
  if (Array.isArray(value)) return [[name, value.map((item) => encodeURIComponent(scalarText(item))).join(',')]];
  if (isPlainObject(value)) {
    return [[name, entriesOf(value).map(([key, item]) => `${encodeURIComponent(key)},${encodeURIComponent(scalarText(item))}`).join(',')]];
  }
  return [[name, encodeURIComponent(scalarText(value))]];
}
