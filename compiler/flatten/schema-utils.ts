/** Small JSON Schema helpers for flattening: private-marker removal and top-level `$ref` resolution. */
import type { IR } from '../ir/types.js';

/** A deep copy without vendor extensions (`x-…`), which must never reach a model. */
export function withoutPrivateMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrivateMarkers);
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith('x-')) continue;
    // Inside `properties` (and the like) keys are names, not keywords; only keyword maps drop `x-` keys,
    // so a property literally named `x-request-id` survives.
    result[key] = isNameMap(key) ? cleanNameMap(item) : withoutPrivateMarkers(item);
  }
  return result;
}

const nameMapKeywords = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

function isNameMap(key: string): boolean {
  return nameMapKeywords.has(key);
}

function cleanNameMap(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return withoutPrivateMarkers(value);
  const result: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(value)) result[name] = withoutPrivateMarkers(schema);
  return result;
}

const sharedRefPrefix = '#/$defs/';

/** Follows a top-level `$ref: '#/$defs/X'` into the shared schemas (a few hops at most). */
export function resolveTopRef(schema: IR.JsonSchema, shared: Readonly<Record<string, IR.JsonSchema>>): IR.JsonSchema {
  let current = schema;
  for (let hop = 0; hop < 8; hop++) {
    const ref = current['$ref'];
    if (typeof ref !== 'string' || !ref.startsWith(sharedRefPrefix)) return current;
    const target = shared[decodeURIComponent(ref.slice(sharedRefPrefix.length))];
    if (!target) return current;
    // Keywords written beside the `$ref` (a description) win over the target's.
    const { $ref: _ref, ...beside } = current;
    current = { ...target, ...beside };
  }
  return current;
}

export function typeIncludes(schema: IR.JsonSchema, type: string): boolean {
  const written = schema['type'];
  return written === type || (Array.isArray(written) && written.includes(type));
}

export interface ObjectShape {
  readonly properties: Readonly<Record<string, IR.JsonSchema>>;
  readonly required: readonly string[];
}

/**
 * The properties of an object schema, or undefined when not an object. An `allOf` of objects is merged, with
 * the properties and `required` written beside it (Box: `{ allOf: [Update, { properties: { folder } }],
 * required: [folder] }`).
 */
export function objectShape(schema: IR.JsonSchema, shared: Readonly<Record<string, IR.JsonSchema>>): ObjectShape | undefined {
  const resolved = resolveTopRef(schema, shared);
  const allOf = resolved['allOf'];
  if (Array.isArray(allOf) && allOf.length > 0) {
    const { allOf: _parts, ...beside } = resolved;
    const ownShape = Object.keys(beside).some((key) => key === 'properties' || key === 'required' || key === 'type') ? objectShape(beside, shared) : undefined;
    const parts = [...allOf.map((part) => (isSchemaObject(part) ? objectShape(part, shared) : undefined)), ...(ownShape ? [ownShape] : [])];
    if (parts.some((part) => part === undefined)) return undefined;
    const properties: Record<string, IR.JsonSchema> = {};
    const required: string[] = [];
    for (const part of parts) {
      Object.assign(properties, part?.properties);
      for (const name of part?.required ?? []) if (!required.includes(name)) required.push(name);
    }
    return { properties, required };
  }
  const properties = resolved['properties'];
  const isObject = typeIncludes(resolved, 'object') || (resolved['type'] === undefined && isSchemaObject(properties));
  if (!isObject) return undefined;
  if (resolved['oneOf'] !== undefined || resolved['anyOf'] !== undefined) return undefined;
  const propertyMap: Record<string, IR.JsonSchema> = {};
  if (isSchemaObject(properties)) {
    for (const [name, value] of Object.entries(properties)) if (isSchemaObject(value)) propertyMap[name] = value;
  }
  const requiredList = Array.isArray(resolved['required'])
    ? resolved['required'].filter((name): name is string => typeof name === 'string')
    : [];
  return { properties: propertyMap, required: requiredList };
}

export function isSchemaObject(value: unknown): value is IR.JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
