/** One entry of `tools:` → an IR tool, with defaults (importance 50, hints from the method, OpenAPI styles). */
import { joinPointer } from '../../diagnostics/positions.js';
import type { IR } from '../../ir/types.js';
import { fileFieldEncodings, httpMethods, parameterLocations, parameterStyles, responseKinds } from './fields.js';
import { ObjectReader, report, type ParseContext } from './reader.js';

/** Hints a method implies, per HTTP semantics. */
export function defaultHints(method: IR.HttpMethod): IR.ToolHints {
  const safe = method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
  return {
    readOnly: safe,
    idempotent: safe || method === 'PUT' || method === 'DELETE',
    destructive: method === 'DELETE',
    openWorld: true,
  };
}

/** `GITHUB_STAR_A_REPOSITORY` → `Star a repository` (the toolkit prefix dropped). */
export function nameFromSlug(slug: string, toolkitSlug: string): string {
  const prefix = toolkitSlug.toUpperCase() + '_';
  const words = (slug.startsWith(prefix) ? slug.slice(prefix.length) : slug).toLowerCase().split('_').filter(Boolean);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function readHints(context: ParseContext, raw: unknown, pointer: string, defaults: IR.ToolHints): IR.ToolHints {
  const reader = new ObjectReader(context, raw, pointer, 'ToolHints');
  const hints = {
    readOnly: reader.boolean('readOnly') ?? defaults.readOnly,
    idempotent: reader.boolean('idempotent') ?? defaults.idempotent,
    destructive: reader.boolean('destructive') ?? defaults.destructive,
    openWorld: reader.boolean('openWorld') ?? defaults.openWorld,
  };
  reader.finish();
  return hints;
}

export function readTool(context: ParseContext, raw: unknown, pointer: string, toolkitSlug: string): IR.Tool | undefined {
  const reader = new ObjectReader(context, raw, pointer, 'Tool');
  if (!reader.complete) return undefined;
  const slug = reader.string('slug', true);
  const name = reader.string('name');
  const description = reader.string('description', true);
  const importance = reader.number('importance') ?? 50;
  const scopes = reader.stringList('scopes') ?? [];
  const tags = reader.stringList('tags') ?? [];
  const deprecated = reader.boolean('deprecated') ?? false;

  const requestRaw = reader.raw('request', true);
  const request = requestRaw === undefined ? undefined : readRequest(context, requestRaw, reader.at('request'));
  const method = request?.method ?? 'GET';
  const hints = reader.has('hints')
    ? readHints(context, reader.raw('hints'), reader.at('hints'), defaultHints(method))
    : defaultHints(method);

  const parameters: IR.Parameter[] = [];
  (reader.list('parameters') ?? []).forEach((item, index) => {
    const parameter = readParameter(context, item, joinPointer(reader.at('parameters'), index));
    if (parameter) parameters.push(parameter);
  });
  const body = reader.has('body') ? readBody(context, reader.raw('body'), reader.at('body')) : undefined;
  const response = reader.has('response')
    ? readResponse(context, reader.raw('response'), reader.at('response'))
    : { kind: 'json' as const, schema: {}, origin: reader.origin };
  reader.finish();
  // A tool missing only its description is kept (the error is reported) so later rules still check it.
  if (!request || slug === undefined || !response) return undefined;
  return {
    slug,
    name: name ?? nameFromSlug(slug, toolkitSlug),
    description: description ?? '',
    importance,
    scopes,
    tags,
    hints,
    deprecated,
    method: request.method,
    path: request.path,
    headers: request.headers,
    parameters,
    ...(body && { body }),
    response,
    origin: reader.origin,
  };
}

function readRequest(
  context: ParseContext,
  raw: unknown,
  pointer: string,
): { method: IR.HttpMethod; path: string; headers: Record<string, string> } | undefined {
  const reader = new ObjectReader(context, raw, pointer, 'Request');
  if (!reader.complete) return undefined;
  const written = reader.string('method', true);
  const upper = written?.toUpperCase();
  let method: IR.HttpMethod | undefined;
  if (upper !== undefined) {
    if ((httpMethods as readonly string[]).includes(upper)) method = upper as IR.HttpMethod;
    else reader.oneOf('method', httpMethods, true);
  }
  const path = reader.string('path', true);
  if (path !== undefined && !path.startsWith('/')) {
    report(context, 'TS0005', `Field "path" must start with "/"; got ${JSON.stringify(path)}.`, reader.at('path'));
  }
  const headers = reader.stringRecord('headers') ?? {};
  reader.finish();
  if (method === undefined || path === undefined) return undefined;
  return { method, path, headers };
}

/** OpenAPI defaults: `simple` for path and header, `form` for query and cookie; explode only for `form`. */
export function defaultStyle(location: IR.ParameterLocation): IR.ParameterStyle {
  return location === 'path' || location === 'header' ? 'simple' : 'form';
}

function readParameter(context: ParseContext, raw: unknown, pointer: string): IR.Parameter | undefined {
  const reader = new ObjectReader(context, raw, pointer, 'Parameter');
  if (!reader.complete) return undefined;
  const name = reader.string('name', true);
  const location = reader.oneOf('in', parameterLocations, true);
  const writtenRequired = reader.boolean('required');
  if (location === 'path' && writtenRequired === false) {
    report(context, 'TS0005', `Path parameter "${name ?? ''}" cannot be optional: path parameters are always required.`, reader.at('required'));
  }
  const description = reader.string('description');
  const schema = reader.schema('schema') ?? { type: 'string' };
  const style = reader.oneOf('style', parameterStyles) ?? defaultStyle(location ?? 'query');
  const explode = reader.boolean('explode') ?? style === 'form';
  const allowReserved = reader.boolean('allowReserved') ?? false;
  const deprecated = reader.boolean('deprecated') ?? false;
  reader.finish();
  if (!reader.complete || name === undefined || location === undefined) return undefined;
  return {
    name,
    in: location,
    required: location === 'path' ? true : writtenRequired ?? false,
    ...(description !== undefined && { description }),
    schema,
    style,
    explode,
    allowReserved,
    deprecated,
    origin: reader.origin,
  };
}

function readBody(context: ParseContext, raw: unknown, pointer: string): IR.Body | undefined {
  const reader = new ObjectReader(context, raw, pointer, 'Body');
  if (!reader.complete) return undefined;
  const contentType = reader.string('contentType') ?? 'application/json';
  const required = reader.boolean('required') ?? true;
  const description = reader.string('description');
  const schema = reader.schema('schema', true);
  const encoding: Record<string, IR.BodyEncoding> = {};
  for (const [property, value] of Object.entries(reader.mapping('encoding') ?? {})) {
    const item = new ObjectReader(context, value, joinPointer(reader.at('encoding'), property), 'BodyEncoding');
    const partType = item.string('contentType');
    const style = item.oneOf('style', parameterStyles);
    const explode = item.boolean('explode');
    const allowReserved = item.boolean('allowReserved');
    item.finish();
    encoding[property] = {
      ...(partType !== undefined && { contentType: partType }),
      ...(style !== undefined && { style }),
      ...(explode !== undefined && { explode }),
      ...(allowReserved !== undefined && { allowReserved }),
    };
  }
  reader.finish();
  if (schema === undefined) return undefined;
  return {
    contentType,
    required,
    ...(description !== undefined && { description }),
    schema,
    encoding,
    origin: reader.origin,
  };
}

/** The kind a response has when the definition does not say. */
export function inferResponseKind(contentType: string | undefined, schema: IR.JsonSchema): IR.Response['kind'] {
  if (schema['format'] === 'binary') return 'file';
  if (contentType === undefined) return 'json';
  const type = contentType.toLowerCase();
  if (type.includes('json')) return 'json';
  if (type.startsWith('text/') || type.endsWith('+xml') || type === 'application/xml') return 'text';
  return 'file';
}

function readResponse(context: ParseContext, raw: unknown, pointer: string): IR.Response | undefined {
  const reader = new ObjectReader(context, raw, pointer, 'Response');
  if (!reader.complete) return undefined;
  const contentType = reader.string('contentType');
  const schema = reader.schema('schema') ?? {};
  const kind = reader.oneOf('kind', responseKinds) ?? inferResponseKind(contentType, schema);
  const fileField = reader.has('file') ? readFileField(context, reader.raw('file'), reader.at('file')) : undefined;
  if (fileField && kind !== 'json') {
    report(context, 'TS0005', `Field "file" needs a JSON response; this response is kind ${kind}.`, reader.at('file'));
  }
  reader.finish();
  return {
    kind, ...(contentType !== undefined && { contentType }), schema,
    ...(fileField && kind === 'json' && { fileField }), origin: reader.origin,
  };
}

/** `response.file`: which JSON field holds the file's bytes and how they are encoded. */
function readFileField(context: ParseContext, raw: unknown, pointer: string): IR.ResponseFileField | undefined {
  const reader = new ObjectReader(context, raw, pointer, 'ResponseFile');
  if (!reader.complete) return undefined;
  const from = reader.string('from', true);
  const encoding = reader.oneOf('encoding', fileFieldEncodings, true);
  const mimeType = reader.string('mimeType');
  const name = reader.string('name');
  if (from !== undefined && !/^(\/([^~/]|~[01])*)+$/.test(from)) {
    report(context, 'TS0005', `Field "from" must be a JSON Pointer to a field of the response, like "/data"; got "${from}".`, reader.at('from'));
    reader.complete = false;
  }
  reader.finish();
  if (!reader.complete || from === undefined || encoding === undefined) return undefined;
  return { from, encoding, ...(mimeType !== undefined && { mimeType }), ...(name !== undefined && { name }) };
}
