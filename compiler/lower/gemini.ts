/**
 * Gemini `FunctionDeclaration.parameters`: a subset of the OpenAPI 3.0 Schema object.
 * Every `$ref` is inlined (a cycle, or nesting past a depth, becomes a described JSON-string field),
 * types are the upper-case enum names, `type` arrays and `null` become `nullable`, enums are strings
 * (non-string values recorded as `enum-value` fixes), keywords Gemini lacks are described in words,
 * property names follow `^[a-zA-Z_][a-zA-Z0-9_]{0,63}$` (renames recorded), and values Gemini cannot
 * describe (free-form objects, maps, tuples, untyped values) become JSON-encoded strings parsed back at run time.
 */
import { expandFixes, LocalFixes } from './fixes.js';
import type { LoweredForProvider } from './openai.js';
import {
  describeDropped, FILE_DESCRIPTION, FixRecorder, isFileFormat, isPrivateKeyword, isSchemaObject, jsonStringField, mergeObjectAllOf,
  pathWords, resolveLocalRef, safeName, typesOf, type Schema,
} from './schema-utils.js';
import { GEMINI_FORMATS, GEMINI_KEYWORDS } from './validators/gemini.js';

export const GEMINI_PROPERTY_KEY = { allowed: /[a-zA-Z0-9_]/, max: 64, first: /[a-zA-Z_]/ } as const;
export const GEMINI_TOOL_NAME = { allowed: /[a-zA-Z0-9_.:-]/, max: 64, first: /[a-zA-Z_]/ } as const;

/** Object nesting beyond this becomes a JSON-string field. */
const MAX_DEPTH = 8;
/** Inlining budget (schema nodes per tool) so shared schemas used many times cannot explode. */
const MAX_NODES = 4_000;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'STRING', number: 'NUMBER', integer: 'INTEGER', boolean: 'BOOLEAN', object: 'OBJECT', array: 'ARRAY',
};

interface Context {
  readonly root: Schema;
  readonly recorder: FixRecorder;
  readonly local: LocalFixes;
  nodes: number;
}

/** A lowered node, and what the parent must record for it. */
interface Lowered {
  readonly schema: Schema;
  readonly fix?: { readonly kind: 'parse-json' } | { readonly kind: 'enum-value'; readonly values: readonly unknown[] };
}

export function lowerForGemini(slug: string, input: Schema): LoweredForProvider {
  const name = safeName(slug, GEMINI_TOOL_NAME);
  const ctx: Context = { root: input, recorder: new FixRecorder(), local: new LocalFixes(), nodes: 0 };
  let parameters = lowerNode(input, [], ctx, [], 0).schema;
  if (parameters['type'] !== 'OBJECT' || !isSchemaObject(parameters['properties'])) {
    ctx.recorder.change('(root): not an object with properties; sent as an object with no parameters');
    parameters = { type: 'OBJECT', properties: {} };
  }
  const fixes = expandFixes(parameters, ctx.local);
  return {
    schema: {
      ...(name === slug ? {} : { name }),
      parameters,
      changes: [...(name === slug ? [] : [`tool name shortened to ${name}`]), ...ctx.recorder.changes],
      ...(fixes.length > 0 ? { fixes } : {}),
    },
    warnings: [],
  };
}

function asJsonString(input: Schema, path: readonly string[], ctx: Context, why: string): Lowered {
  ctx.recorder.change(`${pathWords(path)}: ${why}, sent as a JSON-encoded string`);
  return { schema: upperType(jsonStringField(input, why)), fix: { kind: 'parse-json' } };
}

function upperType(schema: Schema): Schema {
  return { ...schema, type: TYPE_NAMES[schema['type'] as string] ?? schema['type'] };
}

function lowerNode(input: unknown, path: readonly string[], ctx: Context, refs: readonly string[], depth: number): Lowered {
  ctx.nodes += 1;
  if (!isSchemaObject(input)) return asJsonString({}, path, ctx, 'a value of any type');
  if (ctx.nodes > MAX_NODES) return asJsonString(input, path, ctx, 'a nested structure too large to describe');
  if (typeof input['$ref'] === 'string') {
    const ref = input['$ref'];
    const target = resolveLocalRef(ctx.root, ref);
    if (!target) return asJsonString(input, path, ctx, `an unresolvable reference ${ref}`);
    if (refs.includes(ref)) return asJsonString({ ...target, ...siblings(input) }, path, ctx, 'a recursive structure');
    return lowerNode({ ...target, ...siblings(input) }, path, ctx, [...refs, ref], depth);
  }
  if (Array.isArray(input['allOf'])) {
    const merged = mergeObjectAllOf(input, ctx.root);
    if (!merged) return asJsonString(input, path, ctx, 'a combination (allOf) of non-object schemas');
    return lowerNode(merged, path, ctx, refs, depth);
  }
  const variants = Array.isArray(input['anyOf']) ? input['anyOf'] : Array.isArray(input['oneOf']) ? input['oneOf'] : undefined;
  if (variants) return lowerUnion(input, variants, path, ctx, refs, depth);

  const types = typesOf(input).filter((t) => t !== 'null');
  const nullable = typesOf(input).includes('null') || input['nullable'] === true;
  if (input['type'] === 'file' || isFileFormat(input)) {
    ctx.recorder.change(`${pathWords(path)}: file field described as a path or URL string`);
    const description = describeDropped(input['description'], []);
    return { schema: { type: 'STRING', description: description ? `${description} (${FILE_DESCRIPTION})` : FILE_DESCRIPTION, ...(nullable ? { nullable: true } : {}) } };
  }
  if (types.length > 1) {
    const split = types.map((type) => ({ ...input, type }));
    return lowerUnion({ description: input['description'], ...(nullable ? { nullable: true } : {}) }, split, path, ctx, refs, depth);
  }
  let type = types[0];
  if (type === undefined) {
    if (isSchemaObject(input['properties'])) type = 'object';
    else if (input['items'] !== undefined) type = 'array';
    else if (Array.isArray(input['enum']) || input['const'] !== undefined) type = 'string';
    else return asJsonString(input, path, ctx, 'a value of any type');
  }
  const out: Schema = { type: TYPE_NAMES[type] ?? 'STRING' };
  const dropped: Array<readonly [string, unknown]> = [];
  let fix: Lowered['fix'];
  for (const [keyword, value] of Object.entries(input)) {
    if (isPrivateKeyword(keyword)) {
      ctx.recorder.change(`removed private keyword ${keyword}`);
    } else if (['type', 'nullable', 'properties', 'required', 'items', 'additionalProperties', 'description', 'enum', 'const', 'title', '$defs', 'definitions'].includes(keyword)) {
      continue;
    } else if (keyword === 'format') {
      if (typeof value === 'string' && GEMINI_FORMATS[out['type'] as string]?.has(value)) out[keyword] = value;
      else dropped.push([keyword, value]);
    } else if (GEMINI_KEYWORDS.has(keyword) && keywordFits(keyword, out['type'] as string)) {
      out[keyword] = typeof value === 'number' && ['minItems', 'maxItems'].includes(keyword) ? String(value) : value;
    } else if (keyword !== 'readOnly' && keyword !== 'writeOnly' && keyword !== 'deprecated') {
      dropped.push([keyword, value]);
    }
  }
  const enumValues = Array.isArray(input['enum']) ? (input['enum'] as unknown[]) : input['const'] !== undefined ? [input['const']] : undefined;
  if (enumValues) {
    const values = enumValues.filter((v) => v !== null);
    if (values.some((v) => typeof v !== 'string')) {
      out['type'] = 'STRING';
      delete out['minimum'];
      delete out['maximum'];
      fix = { kind: 'enum-value', values };
      ctx.recorder.change(`${pathWords(path)}: non-string enum sent as strings`);
    }
    if (out['type'] === 'STRING') {
      out['enum'] = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      out['format'] = 'enum';
    } else dropped.push(['enum', values]);
    if (enumValues.includes(null) && !nullable) out['nullable'] = true;
  }
  if (out['type'] === 'OBJECT') {
    const result = lowerObject(input, out, path, ctx, refs, depth);
    if (result) return result;
  }
  if (out['type'] === 'ARRAY') {
    const items = input['items'];
    if (!isSchemaObject(items) || Object.keys(items).length === 0 || input['prefixItems'] !== undefined) {
      return asJsonString(input, path, ctx, 'a list of any values');
    }
    const lowered = lowerNode(items, [...path, '[]'], ctx, refs, depth);
    out['items'] = lowered.schema;
    if (lowered.fix) ctx.local.add(out, { ...lowered.fix, segment: '[]' });
  }
  const title = typeof input['title'] === 'string' && typeof input['description'] !== 'string' ? input['title'] : undefined;
  const description = describeDropped(input['description'] ?? title, dropped);
  if (description !== undefined) out['description'] = description;
  if (dropped.length > 0) ctx.recorder.change(`${pathWords(path)}: ${dropped.map(([k]) => k).join(', ')} moved into the description`);
  if (nullable) out['nullable'] = true;
  return fix ? { schema: out, fix } : { schema: out };
}

/** Fills an OBJECT node; returns a replacement when the object cannot be described. */
function lowerObject(input: Schema, out: Schema, path: readonly string[], ctx: Context, refs: readonly string[], depth: number): Lowered | undefined {
  const properties = isSchemaObject(input['properties']) ? input['properties'] : {};
  const names = Object.keys(properties).filter((n) => properties[n] !== false);
  if (names.length === 0) {
    if (path.length === 0) {
      out['properties'] = {};
      return undefined;
    }
    return asJsonString(input, path, ctx, input['additionalProperties'] === undefined || input['additionalProperties'] === true ? 'an object with any keys' : 'a map of keys to values');
  }
  if (depth >= MAX_DEPTH) return asJsonString(input, path, ctx, 'a structure nested too deep');
  const additional = input['additionalProperties'];
  if (additional !== undefined && additional !== false && path.length > 0) {
    ctx.recorder.change(`${pathWords(path)}: extra keys beyond the listed properties cannot be described`);
  }
  const taken = new Set(names.filter((n) => safeName(n, GEMINI_PROPERTY_KEY) === n));
  const required = new Set(Array.isArray(input['required']) ? input['required'] : []);
  const outProperties: Schema = {};
  const outRequired: string[] = [];
  for (const name of names) {
    let key = name;
    if (!taken.has(name)) {
      key = safeName(name, { ...GEMINI_PROPERTY_KEY, taken });
      taken.add(key);
      ctx.recorder.change(`${pathWords([...path, name])}: property renamed to ${key}`);
      ctx.local.add(out, { kind: 'rename', segment: key, from: name });
    }
    const lowered = lowerNode(properties[name], [...path, key], ctx, refs, depth + 1);
    outProperties[key] = lowered.schema;
    if (lowered.fix) ctx.local.add(out, { ...lowered.fix, segment: key });
    if (required.has(name)) outRequired.push(key);
  }
  out['properties'] = outProperties;
  if (outRequired.length > 0) out['required'] = outRequired;
  return undefined;
}

function lowerUnion(input: Schema, variants: readonly unknown[], path: readonly string[], ctx: Context, refs: readonly string[], depth: number): Lowered {
  const nonNull = variants.filter((v) => !(isSchemaObject(v) && typesOf(v).length === 1 && typesOf(v)[0] === 'null'));
  const nullable = nonNull.length < variants.length || input['nullable'] === true || typesOf(input).includes('null');
  const description = typeof input['description'] === 'string' ? input['description'] : undefined;
  if (nonNull.length === 1) {
    const only = nonNull[0];
    const merged = isSchemaObject(only) ? { ...only, ...(description ? { description } : {}), ...(nullable ? { nullable: true } : {}) } : only;
    return lowerNode(merged, path, ctx, refs, depth);
  }
  if (nonNull.length === 0) return asJsonString(input, path, ctx, 'a value that is always null');
  // A union of constants (`anyOf: [{ const: 1 }, { const: 2 }]`) is one enum.
  const constants = nonNull.every((v) => isSchemaObject(v) && (v['const'] !== undefined || Array.isArray(v['enum'])) && v['properties'] === undefined);
  if (constants) {
    const values = nonNull.flatMap((v) => ((v as Schema)['const'] !== undefined ? [(v as Schema)['const']] : ((v as Schema)['enum'] as unknown[])));
    return lowerNode({ enum: values, ...(description ? { description } : {}), ...(nullable ? { nullable: true } : {}) }, path, ctx, refs, depth);
  }
  const lowered = nonNull.map((variant) => lowerNode(variant, path, ctx, refs, depth));
  // A JSON-string or enum-value variant makes the value ambiguous: the whole union goes as JSON text.
  if (lowered.some((l) => l.fix)) return asJsonString(input, path, ctx, 'a choice between shapes Gemini cannot describe');
  ctx.recorder.change(`${pathWords(path)}: union kept as anyOf`);
  return {
    schema: {
      anyOf: lowered.map((l) => l.schema),
      ...(description ? { description } : {}),
      ...(nullable ? { nullable: true } : {}),
    },
  };
}

function siblings(input: Schema): Schema {
  const { $ref: _ref, ...rest } = input;
  return rest;
}

function keywordFits(keyword: string, type: string): boolean {
  if (['minimum', 'maximum'].includes(keyword)) return type === 'NUMBER' || type === 'INTEGER';
  if (['minItems', 'maxItems'].includes(keyword)) return type === 'ARRAY';
  return true;
}
