/**
 * OpenAI function schemas, strict mode when possible (Structured Outputs subset):
 * every property required, optional ones made nullable (the added nulls recorded as `drop-null` fixes),
 * `additionalProperties: false` on every object, only supported keywords (the rest described in words),
 * `oneOf` as `anyOf`, `allOf` of objects merged, `$ref` kept with `$defs`.
 * A schema that cannot be strict (free-form objects, open maps, untyped values, limits exceeded) is sent
 * non-strict, cleaned, with the reasons returned as warnings.
 */
import type { ProviderSchema } from '../../runtime/types.js';
import { cleanSchema } from './clean.js';
import { expandFixes, LocalFixes } from './fixes.js';
import {
  describeDropped, FixRecorder, isSchemaObject, mergeObjectAllOf, pathWords, providerToolName, resolveLocalRef, typesOf, type Schema,
} from './schema-utils.js';
import { OPENAI_STRICT_FORMATS, OPENAI_STRICT_KEYWORDS, validateOpenAiSchema } from './validators/openai.js';

export interface LoweredForProvider {
  readonly schema: ProviderSchema;
  /** Why the provider's best mode was impossible (OpenAI: strict), for a TS0301 warning. */
  readonly warnings: readonly string[];
  /** The provider validator's verdict on `schema` when the lowering already ran it (saves a second walk). */
  readonly problems?: readonly string[];
}

class StrictImpossible extends Error {}

export function lowerForOpenAi(slug: string, input: Schema): LoweredForProvider {
  const name = providerToolName(slug);
  const nameChange = name === slug ? [] : [`tool name shortened to ${name}`];
  const recorder = new FixRecorder();
  const local = new LocalFixes();
  const cleaned = cleanSchema(input, { recorder, local });
  const strictRecorder = new FixRecorder();
  const strictLocal = new LocalFixes();
  let reason: string | undefined;
  let strict: Schema | undefined;
  try {
    strict = strictRoot(cleaned, strictRecorder, strictLocal);
  } catch (error) {
    if (!(error instanceof StrictImpossible)) throw error;
    reason = error.message;
  }
  if (strict) {
    const candidate: ProviderSchema = { parameters: strict, strict: true, changes: [] };
    const problems = validateOpenAiSchema({ ...candidate, name });
    if (problems.length > 0) reason = problems.join('; ');
  }
  if (strict && reason === undefined) {
    const fixes = expandFixes(strict, strictLocal);
    return {
      schema: {
        ...(name === slug ? {} : { name }),
        parameters: strict,
        strict: true,
        changes: [...nameChange, ...recorder.changes, ...strictRecorder.changes],
        ...(fixes.length > 0 ? { fixes } : {}),
      },
      warnings: [],
      // The validator already accepted exactly this name, parameters and strict flag above.
      problems: [],
    };
  }
  const fixes = expandFixes(cleaned, local);
  return {
    schema: {
      ...(name === slug ? {} : { name }),
      parameters: cleaned,
      strict: false,
      changes: [...nameChange, `strict mode impossible (${reason}); sent non-strict`, ...recorder.changes],
      ...(fixes.length > 0 ? { fixes } : {}),
    },
    warnings: [reason ?? 'strict mode impossible'],
  };
}

interface StrictContext {
  readonly root: Schema;
  readonly recorder: FixRecorder;
  readonly local: LocalFixes;
  optionalCount: number;
}

function strictRoot(cleaned: Schema, recorder: FixRecorder, local: LocalFixes): Schema {
  const ctx: StrictContext = { root: cleaned, recorder, local, optionalCount: 0 };
  const { $defs, ...rest } = cleaned;
  const out = strictNode(rest, [], ctx);
  if (isSchemaObject($defs)) {
    const defs: Schema = {};
    for (const [defName, def] of Object.entries($defs)) defs[defName] = strictNode(def, [`$defs/${defName}`], ctx);
    out['$defs'] = defs;
  }
  if (ctx.optionalCount > 0) {
    recorder.change(`${ctx.optionalCount} optional properties made required and nullable (null means absent)`);
  }
  return out;
}

function strictNode(input: unknown, path: readonly string[], ctx: StrictContext): Schema {
  if (!isSchemaObject(input)) throw new StrictImpossible(`${pathWords(path)}: boolean schema`);
  // Location words are built only for a message (most nodes never need one).
  const where = (): string => pathWords(path);
  if (typeof input['$ref'] === 'string') {
    const ref = input['$ref'];
    if (!resolveLocalRef(ctx.root, ref)) throw new StrictImpossible(`${where()}: reference ${ref} is not a local $defs entry`);
    const siblings = Object.keys(input).filter((k) => k !== '$ref');
    if (siblings.length === 0) return { $ref: ref };
    const description = describeDropped(input['description'], siblings.filter((k) => k !== 'description').map((k) => [k, input[k]] as const));
    return { ...(description ? { description } : {}), anyOf: [{ $ref: ref }] };
  }
  if (Array.isArray(input['allOf'])) return strictNode(mergeAllOf(input, path, ctx), path, ctx);
  const out: Schema = {};
  const dropped: Array<readonly [string, unknown]> = [];
  const types = typesOf(input);
  for (const [keyword, value] of Object.entries(input)) {
    if (keyword === 'anyOf' || keyword === 'oneOf') {
      if (!Array.isArray(value)) continue;
      if (keyword === 'oneOf') ctx.recorder.change(`${where()}: oneOf sent as anyOf`);
      out['anyOf'] = [...((out['anyOf'] as Schema[] | undefined) ?? []), ...value.map((variant) => strictNode(variant, path, ctx))];
    } else if (keyword === 'format') {
      if (typeof value === 'string' && OPENAI_STRICT_FORMATS.has(value)) out[keyword] = value;
      else dropped.push([keyword, value]);
    } else if (keyword === 'title') {
      // The description carries the meaning; a title alone becomes the description.
      if (typeof input['description'] !== 'string' && typeof value === 'string') out['description'] = value;
    } else if (keyword === 'properties' || keyword === 'required' || keyword === 'additionalProperties' || keyword === 'items') {
      continue;
    } else if (OPENAI_STRICT_KEYWORDS.has(keyword)) {
      out[keyword] = value;
    } else if (keyword === 'patternProperties' || keyword === 'prefixItems' || keyword === 'unevaluatedProperties') {
      throw new StrictImpossible(`${where()}: ${keyword} is not supported in strict mode`);
    } else if (keyword !== 'examples' && keyword !== 'readOnly' && keyword !== 'writeOnly') {
      dropped.push([keyword, value]);
    }
  }
  if (types.includes('object') || (types.length === 0 && isSchemaObject(input['properties']))) {
    strictObject(input, out, path, ctx);
  }
  if (types.includes('array')) {
    const items = input['items'];
    if (!isSchemaObject(items) || Object.keys(items).length === 0) throw new StrictImpossible(`${where()}: array items of any type`);
    out['items'] = strictNode(items, [...path, '[]'], ctx);
  }
  if (types.length === 0 && out['anyOf'] === undefined && out['enum'] === undefined && out['const'] === undefined && out['properties'] === undefined) {
    throw new StrictImpossible(`${where()}: value of any type`);
  }
  const description = describeDropped(out['description'], dropped);
  if (description !== undefined) out['description'] = description;
  if (dropped.length > 0) ctx.recorder.change(`${where()}: ${dropped.map(([k]) => k).join(', ')} moved into the description`);
  return out;
}

function strictObject(input: Schema, out: Schema, path: readonly string[], ctx: StrictContext): void {
  const where = (): string => pathWords(path);
  const properties = isSchemaObject(input['properties']) ? input['properties'] : {};
  const additional = input['additionalProperties'];
  if (additional !== undefined && additional !== false) throw new StrictImpossible(`${where()}: open additionalProperties (a map of any keys)`);
  if (Object.keys(properties).length === 0 && additional !== false) throw new StrictImpossible(`${where()}: free-form object`);
  const required = new Set(Array.isArray(input['required']) ? input['required'] : []);
  const outProperties: Schema = {};
  for (const [name, child] of Object.entries(properties)) {
    let lowered = strictNode(child, [...path, name], ctx);
    if (!required.has(name)) {
      const made = makeNullable(lowered);
      if (made) {
        lowered = made;
        ctx.optionalCount += 1;
        ctx.local.add(out, { kind: 'drop-null', segment: name });
      }
    }
    outProperties[name] = lowered;
  }
  out['properties'] = outProperties;
  out['required'] = Object.keys(outProperties);
  out['additionalProperties'] = false;
}

/** Adds null to a schema; undefined when it already accepts null (then a null is a real value, not "absent"). */
export function makeNullable(schema: Schema): Schema | undefined {
  const types = typesOf(schema);
  if (types.includes('null')) return undefined;
  if (Array.isArray(schema['anyOf'])) {
    const variants = schema['anyOf'] as Schema[];
    if (variants.some((v) => typesOf(v).includes('null'))) return undefined;
    return { ...schema, anyOf: [...variants, { type: 'null' }] };
  }
  if (types.length > 0 && schema['const'] === undefined) {
    const out: Schema = { ...schema, type: [...types, 'null'] };
    if (Array.isArray(schema['enum'])) out['enum'] = [...(schema['enum'] as unknown[]), null];
    return out;
  }
  const { description, ...rest } = schema;
  return { ...(typeof description === 'string' ? { description } : {}), anyOf: [rest, { type: 'null' }] };
}

/** `allOf` of object schemas → one object; anything else cannot be strict. */
function mergeAllOf(input: Schema, path: readonly string[], ctx: StrictContext): Schema {
  const merged = mergeObjectAllOf(input, ctx.root);
  if (!merged) throw new StrictImpossible(`${pathWords(path)}: allOf of non-object schemas`);
  ctx.recorder.change(`${pathWords(path)}: allOf merged into one object`);
  return merged;
}
