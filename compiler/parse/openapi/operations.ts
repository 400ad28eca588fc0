/**
 * One operation → one IR tool (schemas still neutral: readOnly/writeOnly variants come later).
 * Parameters keep their style/explode; the body takes the JSON media type when there are several;
 * the response is the first 2xx with content (binary or non-JSON → a file or text response).
 */
import type { IR } from '../../ir/types.js';
import type { SpecVersion } from './load-spec.js';
import type { NormalizedMedia, NormalizedOperation, NormalizedParameter } from './normalize.js';
import { isPlainObject, joinPointer, type PlainObject } from './refs.js';
import type { Reporter } from './report.js';
import type { SchemaConverter } from './schemas.js';
import { displayName, firstParagraph } from './text.js';
import { words } from './names.js';

const STYLES = new Set<IR.ParameterStyle>(['form', 'simple', 'label', 'matrix', 'spaceDelimited', 'pipeDelimited', 'deepObject']);
/** Headers OpenAPI says to ignore as parameters: the runtime and auth set them. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);
const TOOL_DESCRIPTION_LIMIT = 1000;

export interface OperationSource {
  readonly method: IR.HttpMethod;
  readonly path: string;
  readonly operation: PlainObject;
  readonly pointer: string;
  readonly pathItem: PlainObject;
  readonly pathPointer: string;
  /** operationId or `METHOD /path`. */
  readonly key: string;
}

interface Context {
  readonly root: PlainObject;
  readonly version: SpecVersion;
  readonly file: string;
  readonly reporter: Reporter;
  readonly converter: SchemaConverter;
  /** securitySchemes names that carry OAuth2/OIDC scopes. */
  readonly scopedSchemes: ReadonlySet<string>;
  /** `in:name` (name lower case) of parameters the auth scheme fills. */
  readonly credentialParameters: ReadonlySet<string>;
}

export function isJsonMediaType(type: string): boolean {
  const base = type.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json') || base === '*/*' || base === 'text/json' || base === 'application/x-json';
}

function baseMediaType(type: string): string {
  return type.split(';')[0]!.trim().toLowerCase();
}

function bodyMediaRank(type: string): number {
  const base = baseMediaType(type);
  if (base === 'application/json') return 0;
  if (isJsonMediaType(base) && base !== '*/*') return 1;
  if (base === 'application/x-www-form-urlencoded') return 2;
  if (base === 'multipart/form-data') return 3;
  return 4;
}

function pickMedia(media: readonly NormalizedMedia[]): NormalizedMedia | undefined {
  return [...media].sort((a, b) => bodyMediaRank(a.contentType) - bodyMediaRank(b.contentType))[0];
}

function isBinarySchema(schema: unknown): boolean {
  return isPlainObject(schema) && (schema['format'] === 'binary' || schema['type'] === 'file');
}

function parameter(ctx: Context, source: NormalizedParameter): IR.Parameter {
  const defaultStyle: IR.ParameterStyle = source.in === 'path' || source.in === 'header' ? 'simple' : 'form';
  let style: IR.ParameterStyle = defaultStyle;
  if (source.style !== undefined) {
    if (STYLES.has(source.style as IR.ParameterStyle)) style = source.style as IR.ParameterStyle;
    else ctx.reporter.warning('TS0201', `unknown parameter style "${source.style}"; using "${defaultStyle}"`, { file: ctx.file, pointer: joinPointer(source.pointer, 'style') });
  }
  const schema = source.schema === undefined ? { type: 'string' } : ctx.converter.convertOperationSchema(source.schema, source.schemaPointer);
  const description = source.description?.trim();
  return {
    name: source.name,
    in: source.in,
    required: source.required,
    ...(description ? { description: firstParagraph(description, 500) } : {}),
    schema,
    style,
    explode: source.explode ?? style === 'form',
    allowReserved: source.allowReserved,
    deprecated: source.deprecated,
    origin: { file: ctx.file, pointer: source.pointer },
  };
}

function encodingOf(media: NormalizedMedia): Record<string, IR.BodyEncoding> {
  const out: Record<string, IR.BodyEncoding> = {};
  if (!media.encoding) return out;
  for (const [property, raw] of Object.entries(media.encoding)) {
    if (!isPlainObject(raw)) continue;
    const entry: { contentType?: string; style?: IR.ParameterStyle; explode?: boolean; allowReserved?: boolean } = {};
    if (typeof raw['contentType'] === 'string') entry.contentType = raw['contentType'];
    if (typeof raw['style'] === 'string' && STYLES.has(raw['style'] as IR.ParameterStyle)) entry.style = raw['style'] as IR.ParameterStyle;
    if (typeof raw['explode'] === 'boolean') entry.explode = raw['explode'];
    if (typeof raw['allowReserved'] === 'boolean') entry.allowReserved = raw['allowReserved'];
    out[property] = entry;
  }
  return out;
}

function body(ctx: Context, normalized: NormalizedOperation): IR.Body | undefined {
  const source = normalized.body;
  if (!source) return undefined;
  const media = pickMedia(source.media);
  if (!media) return undefined;
  const contentType = baseMediaType(media.contentType) === '*/*' ? 'application/json' : media.contentType;
  let schema: IR.JsonSchema;
  if (media.schema === undefined) {
    schema = isJsonMediaType(contentType) || contentType.includes('form') ? { type: 'object' } : { type: 'string', format: 'binary' };
  } else {
    schema = ctx.converter.convertOperationSchema(media.schema, media.schemaPointer);
  }
  const description = source.description?.trim();
  return {
    contentType,
    required: source.required,
    ...(description ? { description: firstParagraph(description, 500) } : {}),
    schema,
    encoding: encodingOf(media),
    origin: { file: ctx.file, pointer: source.pointer },
  };
}

function statusRank(status: string): number {
  if (/^2\d\d$/.test(status)) return Number(status);
  if (/^2xx$/i.test(status)) return 299.5;
  return Number.POSITIVE_INFINITY;
}

function response(ctx: Context, normalized: NormalizedOperation, opPointer: string): IR.Response {
  const success = normalized.responses.filter((r) => statusRank(r.status) < Number.POSITIVE_INFINITY)
    .sort((a, b) => statusRank(a.status) - statusRank(b.status));
  let chosen = success.find((r) => r.media.length > 0);
  if (!chosen && success.length === 0) {
    chosen = normalized.responses.find((r) => r.status === 'default' && r.media.length > 0);
  }
  if (!chosen) {
    const pointer = success[0]?.pointer ?? joinPointer(opPointer, 'responses');
    return { kind: 'empty', schema: {}, origin: { file: ctx.file, pointer } };
  }
  const media = [...chosen.media].sort((a, b) => Number(!isJsonMediaType(a.contentType)) - Number(!isJsonMediaType(b.contentType)))[0]!;
  const origin = { file: ctx.file, pointer: chosen.pointer };
  const base = baseMediaType(media.contentType);
  if (isJsonMediaType(base) && !isBinarySchema(media.schema)) {
    const schema = media.schema === undefined ? {} : ctx.converter.convertOperationSchema(media.schema, media.schemaPointer);
    return { kind: 'json', contentType: media.contentType, schema, origin };
  }
  if ((base.startsWith('text/') || base.endsWith('/xml') || base.endsWith('+xml')) && !isBinarySchema(media.schema)) {
    return { kind: 'text', contentType: media.contentType, schema: { type: 'string' }, origin };
  }
  return { kind: 'file', contentType: media.contentType, schema: {}, origin };
}

function scopesOf(ctx: Context, operation: PlainObject): string[] {
  const requirements = Array.isArray(operation['security']) ? operation['security'] : Array.isArray(ctx.root['security']) ? ctx.root['security'] : [];
  const scopes = new Set<string>();
  for (const requirement of requirements) {
    if (!isPlainObject(requirement)) continue;
    for (const [scheme, list] of Object.entries(requirement)) {
      if (!ctx.scopedSchemes.has(scheme) || !Array.isArray(list)) continue;
      for (const scope of list) if (typeof scope === 'string' && scope !== '') scopes.add(scope);
    }
  }
  return [...scopes];
}

const CREDENTIAL_NAMES = new Set(['token', 'access_token', 'accesstoken', 'api_key', 'apikey', 'api-key', 'x-api-key']);

/**
 * Credentials are the auth scheme's job, not the model's: a parameter an inject rule or apiKey scheme
 * fills is dropped, and so is a token-named one described as authentication on a secured operation
 * (Slack's converted spec repeats `token` on every method).
 */
function isCredentialParameter(ctx: Context, entry: NormalizedParameter, operation: PlainObject): boolean {
  const name = entry.name.toLowerCase();
  if (ctx.credentialParameters.has(`${entry.in}:${name}`)) return true;
  if (!CREDENTIAL_NAMES.has(name) || entry.in === 'path') return false;
  const secured = Array.isArray(operation['security']) ? operation['security'].length > 0 : Array.isArray(ctx.root['security']) && ctx.root['security'].length > 0;
  return secured && /auth|token|credential|api key/i.test(entry.description ?? '');
}

function isEmptyObjectSchema(schema: IR.JsonSchema): boolean {
  const properties = schema['properties'];
  return schema['additionalProperties'] === false && (properties === undefined || (isPlainObject(properties) && Object.keys(properties).length === 0));
}

function sentenceCase(text: string): string {
  const list = words(text).map((word) => word.toLowerCase());
  const joined = list.join(' ');
  return joined === '' ? text : joined[0]!.toUpperCase() + joined.slice(1);
}

/** Builds the tool; `slug` and `importance` are filled in by the caller. */
export function buildTool(ctx: Context, source: OperationSource, normalized: NormalizedOperation): Omit<IR.Tool, 'slug' | 'importance'> {
  const { operation, method, path, pointer } = source;
  const parameters: IR.Parameter[] = [];
  const templateNames = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!));
  for (const entry of normalized.parameters) {
    if (entry.in === 'header' && IGNORED_HEADERS.has(entry.name.toLowerCase())) continue;
    if (isCredentialParameter(ctx, entry, operation)) continue;
    if (entry.in === 'path' && !templateNames.has(entry.name)) {
      ctx.reporter.warning('TS0018', `path parameter "${entry.name}" does not appear in "${path}"; skipped`, { file: ctx.file, pointer: entry.pointer });
      continue;
    }
    parameters.push(parameter(ctx, entry));
  }
  for (const name of templateNames) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) {
      ctx.reporter.warning('TS0017', `path "${path}" uses {${name}} but the operation declares no such path parameter; added as a string`, { file: ctx.file, pointer });
      parameters.push({ name, in: 'path', required: true, schema: { type: 'string' }, style: 'simple', explode: false, allowReserved: false, deprecated: false, origin: { file: ctx.file, pointer } });
    }
  }
  const summary = typeof operation['summary'] === 'string' ? operation['summary'] : undefined;
  const rawDescription = typeof operation['description'] === 'string' && operation['description'].trim() !== '' ? operation['description'] : summary;
  const fallbackName = typeof operation['operationId'] === 'string' ? sentenceCase(operation['operationId']) : `${method} ${path}`;
  const built = body(ctx, normalized);
  // A body that can hold nothing (Stripe's GET and DELETE bodies: no properties, no others allowed) is no body.
  const emptyBody = built !== undefined && isEmptyObjectSchema(built.schema);
  const requestBody = method === 'GET' || method === 'HEAD' || emptyBody ? undefined : built;
  if (built && !emptyBody && (method === 'GET' || method === 'HEAD')) {
    ctx.reporter.info('TS0021', `${method} operation declares a request body; ignored`, { file: ctx.file, pointer: built.origin.pointer });
  }
  const tags = Array.isArray(operation['tags']) ? operation['tags'].filter((t): t is string => typeof t === 'string') : [];
  return {
    name: displayName(summary, fallbackName),
    description: rawDescription ? firstParagraph(rawDescription, TOOL_DESCRIPTION_LIMIT) : `${method} ${path}`,
    scopes: scopesOf(ctx, operation),
    tags,
    hints: {
      readOnly: method === 'GET' || method === 'HEAD' || method === 'OPTIONS',
      idempotent: method !== 'POST' && method !== 'PATCH',
      destructive: method === 'DELETE',
      openWorld: true,
    },
    deprecated: operation['deprecated'] === true,
    method,
    // Box tells operations on one path apart with a fragment (`/files/{file_id}#add_shared_link`); a fragment
    // is never sent (RFC 3986 §3.5), and kept in the path it would swallow the query string appended after it.
    path: path.replace(/#.*$/, ''),
    headers: {},
    parameters,
    ...(requestBody ? { body: requestBody } : {}),
    response: response(ctx, normalized, pointer),
    operationId: source.key,
    origin: { file: ctx.file, pointer },
  };
}
