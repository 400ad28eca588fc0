/**
 * One view of an operation's parameters, body and responses for OpenAPI 2.0, 3.0 and 3.1, so the
 * tool builder does not care which version it reads. Swagger 2.0 body/formData parameters become a
 * request body, `consumes`/`produces` become media types, `collectionFormat` becomes style/explode.
 */
import type { IR } from '../../ir/types.js';
import type { SpecVersion } from './load-spec.js';
import { isPlainObject, joinPointer, resolveNode, type PlainObject } from './refs.js';
import type { Reporter } from './report.js';

export interface NormalizedParameter {
  readonly name: string;
  readonly in: IR.ParameterLocation;
  readonly required: boolean;
  readonly description?: string;
  readonly schema: unknown;
  readonly schemaPointer: string;
  readonly style?: string;
  readonly explode?: boolean;
  readonly allowReserved: boolean;
  readonly deprecated: boolean;
  readonly pointer: string;
}

export interface NormalizedMedia {
  readonly contentType: string;
  readonly schema: unknown;
  readonly schemaPointer: string;
  readonly encoding?: PlainObject;
}

export interface NormalizedBody {
  readonly required: boolean;
  readonly description?: string;
  readonly media: readonly NormalizedMedia[];
  readonly pointer: string;
}

export interface NormalizedResponse {
  readonly status: string;
  readonly media: readonly NormalizedMedia[];
  readonly pointer: string;
}

export interface NormalizedOperation {
  readonly parameters: readonly NormalizedParameter[];
  readonly body?: NormalizedBody;
  readonly responses: readonly NormalizedResponse[];
}

const LOCATIONS = new Set(['path', 'query', 'header', 'cookie']);
const COLLECTION_FORMATS: Record<string, { style: string; explode: boolean }> = {
  csv: { style: 'form', explode: false },
  ssv: { style: 'spaceDelimited', explode: false },
  tsv: { style: 'form', explode: false },
  pipes: { style: 'pipeDelimited', explode: false },
  multi: { style: 'form', explode: true },
};

interface Context {
  readonly root: PlainObject;
  readonly version: SpecVersion;
  readonly file: string;
  readonly reporter: Reporter;
}

/** Path-level parameters merged with operation-level ones (the operation wins on name + in). */
function collectRawParameters(ctx: Context, pathItem: PlainObject, pathPointer: string, operation: PlainObject, opPointer: string): Array<{ node: PlainObject; pointer: string }> {
  const byKey = new Map<string, { node: PlainObject; pointer: string }>();
  const lists: Array<[unknown, string]> = [[pathItem['parameters'], joinPointer(pathPointer, 'parameters')], [operation['parameters'], joinPointer(opPointer, 'parameters')]];
  for (const [list, listPointer] of lists) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      ctx.reporter.warning('TS0201', '`parameters` must be a list; ignored', { file: ctx.file, pointer: listPointer });
      continue;
    }
    list.forEach((raw, index) => {
      const at = joinPointer(listPointer, index);
      const resolved = resolveNode(ctx.root, raw, at);
      if (resolved.brokenRef !== undefined) {
        ctx.reporter.warning('TS0203', `parameter $ref "${resolved.brokenRef}" points at nothing; parameter skipped`, { file: ctx.file, pointer: at });
        return;
      }
      const node = resolved.value;
      if (!isPlainObject(node) || typeof node['name'] !== 'string' || typeof node['in'] !== 'string') {
        ctx.reporter.warning('TS0201', 'a parameter needs a string `name` and `in`; skipped', { file: ctx.file, pointer: at });
        return;
      }
      byKey.set(`${node['in']}:${node['name']}`, { node, pointer: resolved.pointer });
    });
  }
  return [...byKey.values()];
}

function mediaFromContent(ctx: Context, content: unknown, pointer: string): NormalizedMedia[] {
  if (!isPlainObject(content)) return [];
  const media: NormalizedMedia[] = [];
  for (const [contentType, value] of Object.entries(content)) {
    if (!isPlainObject(value)) continue;
    const schemaPointer = joinPointer(pointer, contentType, 'schema');
    const entry: { contentType: string; schema: unknown; schemaPointer: string; encoding?: PlainObject } = {
      contentType, schema: value['schema'], schemaPointer,
    };
    if (isPlainObject(value['encoding'])) entry.encoding = value['encoding'];
    media.push(entry);
  }
  void ctx;
  return media;
}

function normalizeV3(ctx: Context, raws: Array<{ node: PlainObject; pointer: string }>, operation: PlainObject, opPointer: string): NormalizedOperation {
  const parameters: NormalizedParameter[] = [];
  for (const { node, pointer } of raws) {
    if (!LOCATIONS.has(node['in'] as string)) {
      ctx.reporter.warning('TS0201', `parameter location "${String(node['in'])}" is not one of path, query, header, cookie; skipped`, { file: ctx.file, pointer: joinPointer(pointer, 'in') });
      continue;
    }
    let schema: unknown = node['schema'];
    let schemaPointer = joinPointer(pointer, 'schema');
    if (schema === undefined && isPlainObject(node['content'])) {
      const [first] = mediaFromContent(ctx, node['content'], joinPointer(pointer, 'content'));
      if (first) ({ schema, schemaPointer } = first);
    }
    parameters.push({
      name: node['name'] as string,
      in: node['in'] as IR.ParameterLocation,
      required: node['in'] === 'path' || node['required'] === true,
      ...(typeof node['description'] === 'string' ? { description: node['description'] } : {}),
      schema,
      schemaPointer,
      ...(typeof node['style'] === 'string' ? { style: node['style'] } : {}),
      ...(typeof node['explode'] === 'boolean' ? { explode: node['explode'] } : {}),
      allowReserved: node['allowReserved'] === true,
      deprecated: node['deprecated'] === true,
      pointer,
    });
  }
  let body: NormalizedBody | undefined;
  if (operation['requestBody'] !== undefined) {
    const at = joinPointer(opPointer, 'requestBody');
    const resolved = resolveNode(ctx.root, operation['requestBody'], at);
    if (resolved.brokenRef !== undefined) {
      ctx.reporter.warning('TS0203', `requestBody $ref "${resolved.brokenRef}" points at nothing; body skipped`, { file: ctx.file, pointer: at });
    } else if (isPlainObject(resolved.value)) {
      const node = resolved.value;
      body = {
        required: node['required'] === true,
        ...(typeof node['description'] === 'string' ? { description: node['description'] } : {}),
        media: mediaFromContent(ctx, node['content'], joinPointer(resolved.pointer, 'content')),
        pointer: resolved.pointer,
      };
    }
  }
  return { parameters, ...(body ? { body } : {}), responses: normalizeResponses(ctx, operation, opPointer, (response, pointer) => mediaFromContent(ctx, response['content'], joinPointer(pointer, 'content'))) };
}

function normalizeResponses(ctx: Context, operation: PlainObject, opPointer: string, media: (response: PlainObject, pointer: string) => NormalizedMedia[]): NormalizedResponse[] {
  const responses = operation['responses'];
  if (!isPlainObject(responses)) return [];
  const out: NormalizedResponse[] = [];
  for (const [status, raw] of Object.entries(responses)) {
    if (status.startsWith('x-')) continue;
    const at = joinPointer(opPointer, 'responses', status);
    const resolved = resolveNode(ctx.root, raw, at);
    if (resolved.brokenRef !== undefined) {
      ctx.reporter.warning('TS0203', `response $ref "${resolved.brokenRef}" points at nothing; response skipped`, { file: ctx.file, pointer: at });
      continue;
    }
    if (!isPlainObject(resolved.value)) continue;
    out.push({ status, media: media(resolved.value, resolved.pointer), pointer: resolved.pointer });
  }
  return out;
}

function listOfStrings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function normalizeV2(ctx: Context, raws: Array<{ node: PlainObject; pointer: string }>, operation: PlainObject, opPointer: string): NormalizedOperation {
  const consumes = listOfStrings(operation['consumes']) ?? listOfStrings(ctx.root['consumes']) ?? ['application/json'];
  const produces = listOfStrings(operation['produces']) ?? listOfStrings(ctx.root['produces']) ?? ['application/json'];
  const parameters: NormalizedParameter[] = [];
  let body: NormalizedBody | undefined;
  const formFields: Record<string, unknown> = {};
  const formRequired: string[] = [];
  let formPointer: string | undefined;
  let hasFile = false;
  for (const { node, pointer } of raws) {
    const location = node['in'];
    const name = node['name'] as string;
    if (location === 'body') {
      const schemaPointer = joinPointer(pointer, 'schema');
      body = {
        required: node['required'] === true,
        ...(typeof node['description'] === 'string' ? { description: node['description'] } : {}),
        media: consumes.filter((type) => !type.includes('form')).concat(consumes.some((type) => !type.includes('form')) ? [] : ['application/json'])
          .map((contentType) => ({ contentType, schema: node['schema'], schemaPointer })),
        pointer,
      };
    } else if (location === 'formData') {
      formFields[name] = node;
      formPointer ??= pointer;
      if (node['required'] === true) formRequired.push(name);
      if (node['type'] === 'file') hasFile = true;
    } else if (typeof location === 'string' && LOCATIONS.has(location)) {
      const format = typeof node['collectionFormat'] === 'string' ? COLLECTION_FORMATS[node['collectionFormat']] : undefined;
      parameters.push({
        name,
        in: location as IR.ParameterLocation,
        required: location === 'path' || node['required'] === true,
        ...(typeof node['description'] === 'string' ? { description: node['description'] } : {}),
        schema: node,
        schemaPointer: pointer,
        ...(format && node['type'] === 'array' ? { style: format.style, explode: format.explode } : {}),
        allowReserved: false,
        deprecated: false,
        pointer,
      });
    } else {
      ctx.reporter.warning('TS0201', `parameter location "${String(location)}" is not valid in Swagger 2.0; skipped`, { file: ctx.file, pointer: joinPointer(pointer, 'in') });
    }
  }
  if (formPointer !== undefined && !body) {
    const contentType = hasFile || consumes.includes('multipart/form-data') && !consumes.includes('application/x-www-form-urlencoded')
      ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
    const schema: PlainObject = { type: 'object', properties: formFields, ...(formRequired.length ? { required: formRequired } : {}) };
    // formData fields sit at .../parameters/<i>; the synthesized object points at the first one.
    body = { required: formRequired.length > 0, media: [{ contentType, schema, schemaPointer: formPointer }], pointer: formPointer };
  }
  const responses = normalizeResponses(ctx, operation, opPointer, (response, pointer) =>
    response['schema'] === undefined ? [] : produces.map((contentType) => ({ contentType, schema: response['schema'], schemaPointer: joinPointer(pointer, 'schema') })));
  return { parameters, ...(body ? { body } : {}), responses };
}

export function normalizeOperation(ctx: Context, pathItem: PlainObject, pathPointer: string, operation: PlainObject, opPointer: string): NormalizedOperation {
  const raws = collectRawParameters(ctx, pathItem, pathPointer, operation, opPointer);
  return ctx.version === '2.0' ? normalizeV2(ctx, raws, operation, opPointer) : normalizeV3(ctx, raws, operation, opPointer);
}
