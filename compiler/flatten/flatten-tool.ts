/**
 * A tool's parameters and body → the one flat input object the model sees, plus the mapping the
 * executor uses to put each argument back where the API wants it (`InputMapping`).
 */
import { joinPointer } from '../diagnostics/positions.js';
import type { IR } from '../ir/types.js';
import type { InputMapping } from '../../runtime/types.js';
import { isSchemaObject, objectShape, resolveTopRef, typeIncludes, withoutPrivateMarkers } from './schema-utils.js';

export interface FlattenOptions {
  /** `report`: clashing names are returned in `collisions` (first one kept); `rename`: renamed and mapped back. */
  readonly onCollision: 'report' | 'rename';
  /** The toolkit's shared schemas, to see through a body that is a `$ref` to an object. */
  readonly sharedSchemas?: Readonly<Record<string, IR.JsonSchema>>;
}

export interface FlattenCollision {
  readonly name: string;
  readonly origins: IR.Origin[];
}

export interface FlattenRename {
  readonly from: string;
  readonly to: string;
  readonly in: InputMapping['in'];
  readonly origin: IR.Origin;
}

export interface FlattenResult {
  inputs: InputMapping[];
  schema: IR.JsonSchema;
  /** With `report`: each name more than one input wanted. Empty with `rename`. */
  collisions: FlattenCollision[];
  /** With `rename`: every input that got a new name. Empty with `report`. */
  renamed: FlattenRename[];
}

interface Candidate {
  mapping: InputMapping;
  schema: IR.JsonSchema;
  origin: IR.Origin;
}

export const fileInputNote = 'A file to upload: a local file path or an http(s) URL.';

/**
 * Results by tool: validation (duplicate inputs, poll arguments) and planning flatten the same IR tools with the
 * same options, and the IR is not changed after parsing. An entry is used only while the tool's parameters,
 * body, options and shared schemas are the very same objects. Results are shared: read them, do not change them.
 */
const flattened = new WeakMap<IR.Tool, {
  readonly parameters: IR.Tool['parameters'];
  readonly body: IR.Tool['body'];
  readonly onCollision: FlattenOptions['onCollision'];
  readonly sharedSchemas: FlattenOptions['sharedSchemas'];
  readonly result: FlattenResult;
}>();

export function flattenTool(tool: IR.Tool, options: FlattenOptions): FlattenResult {
  const known = flattened.get(tool);
  if (known && known.parameters === tool.parameters && known.body === tool.body && known.onCollision === options.onCollision
    && known.sharedSchemas === options.sharedSchemas) {
    return known.result;
  }
  const result = flattenUncached(tool, options);
  flattened.set(tool, { parameters: tool.parameters, body: tool.body, onCollision: options.onCollision, sharedSchemas: options.sharedSchemas, result });
  return result;
}

function flattenUncached(tool: IR.Tool, options: FlattenOptions): FlattenResult {
  const shared = options.sharedSchemas ?? {};
  const candidates: Candidate[] = tool.parameters.map((parameter) => parameterCandidate(parameter));
  if (tool.body) candidates.push(...bodyCandidates(tool.body, shared));

  const collisions: FlattenCollision[] = [];
  const renamed: FlattenRename[] = [];
  const kept = options.onCollision === 'rename' ? renameCollisions(candidates, renamed) : dropCollisions(candidates, collisions);

  const properties: Record<string, IR.JsonSchema> = {};
  const required: string[] = [];
  for (const candidate of kept) {
    properties[candidate.mapping.name] = candidate.schema;
    if (candidate.mapping.required) required.push(candidate.mapping.name);
  }
  const schema: IR.JsonSchema = {
    type: 'object',
    properties,
    ...(required.length > 0 && { required }),
    additionalProperties: false,
  };
  return { inputs: kept.map((candidate) => candidate.mapping), schema, collisions, renamed };
}

function describe(schema: IR.JsonSchema, description: string | undefined): IR.JsonSchema {
  const clean = withoutPrivateMarkers(schema) as IR.JsonSchema;
  if (description === undefined || description === '' || clean['description'] !== undefined) return clean;
  return { ...clean, description };
}

function parameterCandidate(parameter: IR.Parameter): Candidate {
  // The parameter's own description wins over its schema's.
  let schema = withoutPrivateMarkers(parameter.schema) as IR.JsonSchema;
  if (parameter.description !== undefined && parameter.description !== '') schema = { ...schema, description: parameter.description };
  if (parameter.deprecated) schema = { ...schema, deprecated: true };
  return {
    mapping: {
      name: parameter.name,
      in: parameter.in,
      target: parameter.name,
      required: parameter.required,
      style: parameter.style,
      explode: parameter.explode,
      ...(parameter.allowReserved && { allowReserved: true }),
    },
    schema,
    origin: parameter.origin,
  };
}

function isBinary(schema: IR.JsonSchema, multipart: boolean): boolean {
  if (!typeIncludes(schema, 'string') && schema['type'] !== undefined) return false;
  if (schema['format'] === 'binary') return true;
  // OpenAPI 3.1 writes a multipart file part as a string with a media type and no encoding.
  return multipart && typeof schema['contentMediaType'] === 'string' && schema['contentEncoding'] === undefined;
}

/** A binary field → the string (or list of strings) the model writes, keeping its description. */
function fileSchema(schema: IR.JsonSchema, list: boolean): IR.JsonSchema {
  const written = typeof schema['description'] === 'string' ? `${schema['description']} ` : '';
  const description = written + (list ? 'Files to upload: local file paths or http(s) URLs.' : fileInputNote);
  return list ? { type: 'array', items: { type: 'string' }, description } : { type: 'string', description };
}

function fileKind(schema: IR.JsonSchema, shared: Readonly<Record<string, IR.JsonSchema>>, multipart: boolean): 'single' | 'list' | undefined {
  const resolved = resolveTopRef(schema, shared);
  if (isBinary(resolved, multipart)) return 'single';
  const items = resolved['items'];
  if (typeIncludes(resolved, 'array') && isSchemaObject(items) && isBinary(resolveTopRef(items, shared), multipart)) return 'list';
  return undefined;
}

/**
 * An object body becomes one input per property. A property the body's schema requires stays required even when
 * the body itself is optional: OpenAPI's `requestBody.required` defaults to false and specs leave it out (122
 * corpus operations: Box, Twilio, Vercel, Slack create/update calls that do nothing without those fields), and a
 * flat input that made them optional would let the model send a body the spec refuses, and would hide from it
 * the fields the call needs. It rules out only the body-less call, which none of those operations is useful without.
 */
function bodyCandidates(body: IR.Body, shared: Readonly<Record<string, IR.JsonSchema>>): Candidate[] {
  const multipart = body.contentType.toLowerCase().startsWith('multipart/');
  const found = objectShape(body.schema, shared);
  // An object without declared properties (a free-form map) stays one input, or its keys would be lost.
  const shape = found && Object.keys(found.properties).length > 0 ? found : undefined;
  if (!shape) {
    const kind = fileKind(body.schema, shared, true);
    const resolved = resolveTopRef(body.schema, shared);
    const schema = kind
      ? fileSchema({ ...resolved, description: resolved['description'] ?? body.description }, kind === 'list')
      : describe(body.schema, body.description);
    return [
      {
        mapping: {
          name: 'body',
          in: 'body-root',
          target: 'body',
          required: body.required,
          ...(kind && { file: true, contentType: body.contentType }),
        },
        schema,
        origin: { file: body.origin.file, pointer: joinPointer(body.origin.pointer, 'schema') },
      },
    ];
  }
  const candidates: Candidate[] = [];
  for (const [name, propertySchema] of Object.entries(shape.properties)) {
    const resolved = resolveTopRef(propertySchema, shared);
    if (resolved['readOnly'] === true) continue;
    const encoding = body.encoding[name];
    const kind = multipart ? fileKind(propertySchema, shared, true) : undefined;
    const schema = kind ? fileSchema(resolved, kind === 'list') : describe(propertySchema, undefined);
    candidates.push({
      mapping: {
        name,
        in: 'body',
        target: name,
        required: shape.required.includes(name),
        ...(encoding?.style !== undefined && { style: encoding.style }),
        ...(encoding?.explode !== undefined && { explode: encoding.explode }),
        ...(encoding?.allowReserved !== undefined && { allowReserved: encoding.allowReserved }),
        ...(kind && { file: true }),
        ...(encoding?.contentType !== undefined && { contentType: encoding.contentType }),
      },
      schema,
      origin: { file: body.origin.file, pointer: joinPointer(body.origin.pointer, 'schema', 'properties', name) },
    });
  }
  return candidates;
}

function dropCollisions(candidates: readonly Candidate[], collisions: FlattenCollision[]): Candidate[] {
  const byName = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const group = byName.get(candidate.mapping.name) ?? [];
    group.push(candidate);
    byName.set(candidate.mapping.name, group);
  }
  for (const [name, group] of byName) {
    if (group.length > 1) collisions.push({ name, origins: group.map((candidate) => candidate.origin) });
  }
  return [...byName.values()].map((group) => group[0]).filter((candidate): candidate is Candidate => candidate !== undefined);
}

/** A path parameter keeps its name (else the first comer); the others become `body_<name>` or `<in>_<name>`. */
function renameCollisions(candidates: readonly Candidate[], renamed: FlattenRename[]): Candidate[] {
  const groups = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const group = groups.get(candidate.mapping.name) ?? [];
    group.push(candidate);
    groups.set(candidate.mapping.name, group);
  }
  const used = new Set(groups.keys());
  const losers = new Set<Candidate>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const winner = group.find((candidate) => candidate.mapping.in === 'path') ?? group[0];
    for (const candidate of group) if (candidate !== winner) losers.add(candidate);
  }
  return candidates.map((candidate) => {
    if (!losers.has(candidate)) return candidate;
    const { mapping } = candidate;
    const prefix = mapping.in === 'body' || mapping.in === 'body-root' ? 'body' : mapping.in;
    let name = `${prefix}_${mapping.name}`;
    for (let suffix = 2; used.has(name); suffix++) name = `${prefix}_${mapping.name}_${suffix}`;
    used.add(name);
    renamed.push({ from: mapping.name, to: name, in: mapping.in, origin: candidate.origin });
    return { ...candidate, mapping: { ...mapping, name } };
  });
}
