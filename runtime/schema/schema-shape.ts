/**
 * Reading a JSON Schema the way both the compiler's TypeScript generator and the runtime Zod builder need it:
 * the `$ref` target, the non-null types (OpenAPI 3.0 `nullable` and 3.1 type arrays), inline `allOf` objects
 * merged, and the property a union can discriminate on. Pure functions: shared by compiler/ and runtime/,
 * so they live here (the runtime never imports the compiler).
 */
export type Schema = { readonly [keyword: string]: unknown };

/**
 * Marks a flat input property that is a file upload (set from `InputMapping.file`): the argument may be a
 * path or URL string, a Buffer/Uint8Array or a Blob. `'list'` marks an array of files.
 */
export const FILE_MARKER = 'x-toolsmith-file';

export function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const REF = /^#\/(?:\$defs|definitions|components\/schemas)\/(.+)$/;

/** The shared-schema key a `$ref` points at, or undefined when it is not a local shared reference. */
export function refKey(schema: Schema, shared: Readonly<Record<string, Schema>>): string | undefined {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return undefined;
  const match = REF.exec(ref);
  if (!match) return undefined;
  const key = match[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
  const decoded = safeDecode(key);
  if (Object.hasOwn(shared, key)) return key;
  if (Object.hasOwn(shared, decoded)) return decoded;
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const PRIMITIVES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'] as const;
export type JsonType = (typeof PRIMITIVES)[number];

/** The declared types without `null`, and whether null is allowed. */
export function typesOf(schema: Schema): { types: JsonType[]; nullable: boolean } {
  const raw = schema['type'];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const types = list.filter((type): type is JsonType => (PRIMITIVES as readonly string[]).includes(type) && type !== 'null');
  const nullable = schema['nullable'] === true || list.includes('null');
  // `integer` and `number` together mean number.
  const unique = types.includes('number') ? types.filter((type) => type !== 'integer') : types;
  return { types: [...new Set(unique)], nullable };
}

/** The type a schema without `type` implies by its keywords. */
export function impliedType(schema: Schema): JsonType | undefined {
  if (isSchema(schema['properties']) || schema['additionalProperties'] !== undefined || Array.isArray(schema['required'])) return 'object';
  if (schema['items'] !== undefined || Array.isArray(schema['prefixItems'])) return 'array';
  if (typeof schema['pattern'] === 'string' || typeof schema['format'] === 'string' || schema['minLength'] !== undefined) return 'string';
  if (schema['minimum'] !== undefined || schema['maximum'] !== undefined || schema['multipleOf'] !== undefined) return 'number';
  return undefined;
}

export function schemaList(value: unknown): Schema[] {
  return Array.isArray(value) ? value.filter(isSchema) : [];
}

/** True when a union member only narrows `required` (OpenAPI's "one of these fields" idiom). */
function onlyConstrains(schema: Schema): boolean {
  return Object.keys(schema).every((key) => ['required', 'description', 'title', 'not', 'minProperties', 'maxProperties'].includes(key));
}

export function unionMembers(schema: Schema): Schema[] | undefined {
  const members = schemaList(schema['oneOf']).length > 0 ? schemaList(schema['oneOf']) : schemaList(schema['anyOf']);
  if (members.length === 0) return undefined;
  if (members.every(onlyConstrains)) return undefined;
  return members;
}

function isInlineObject(schema: Schema): boolean {
  if (schema['$ref'] !== undefined || unionMembers(schema) || schema['allOf'] !== undefined) return false;
  const { types } = typesOf(schema);
  return (types.length === 1 && types[0] === 'object') || (types.length === 0 && impliedType(schema) === 'object');
}

/**
 * `allOf` with its inline object parts merged into one object (properties and required united);
 * `$ref` and other parts stay separate, to be intersected.
 */
/** Keys that describe a schema without constraining the values it accepts. */
const ANNOTATIONS: ReadonlySet<string> = new Set(['description', 'title', 'example', 'examples', 'deprecated', '$comment']);

export function splitAllOf(schema: Schema): { merged?: Schema; others: Schema[] } {
  const parts = schemaList(schema['allOf']);
  const rest: Record<string, unknown> = { ...schema };
  delete rest['allOf'];
  const objects: Schema[] = [];
  const others: Schema[] = [];
  if (Object.keys(rest).some((key) => !['nullable', 'default', ...ANNOTATIONS].includes(key))) {
    objects.push(rest);
  }
  for (const part of parts) {
    // `{}` (or only annotations) constrains nothing: merged as an object it would reject every non-object.
    if (Object.keys(part).every((key) => ANNOTATIONS.has(key))) continue;
    (isInlineObject(part) || onlyConstrains(part) ? objects : others).push(part);
  }
  if (objects.length === 0) return { others };
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  let additionalProperties: unknown;
  for (const part of objects) {
    if (isSchema(part['properties'])) Object.assign(properties, part['properties']);
    for (const name of Array.isArray(part['required']) ? part['required'] : []) if (typeof name === 'string') required.add(name);
    if (part['additionalProperties'] !== undefined && part['additionalProperties'] !== false) additionalProperties = part['additionalProperties'];
  }
  const merged: Record<string, unknown> = { type: 'object', properties };
  if (required.size > 0) merged['required'] = [...required];
  if (additionalProperties !== undefined) merged['additionalProperties'] = additionalProperties;
  // An object merged with other parts must let their properties through.
  if (others.length === 0 && objects.some((part) => part['additionalProperties'] === false) && objects.length === 1) {
    merged['additionalProperties'] = false;
  }
  return { merged, others };
}

/** The const value a member schema fixes for `property`, if any (const or a one-value enum). */
function fixedValue(member: Schema, property: string): unknown[] | undefined {
  const properties = member['properties'];
  if (!isSchema(properties)) return undefined;
  const target = properties[property];
  if (!isSchema(target)) return undefined;
  if (target['const'] !== undefined) return [target['const']];
  const values = target['enum'];
  if (Array.isArray(values) && values.length > 0 && values.every((value) => typeof value === 'string')) return values;
  return undefined;
}

/**
 * The property a union of inline objects can be discriminated on: OpenAPI's `discriminator.propertyName`
 * or a property every member fixes to distinct values and requires.
 */
export function discriminatorOf(schema: Schema, members: readonly Schema[]): string | undefined {
  if (!members.every((member) => isInlineObject(member))) return undefined;
  const declared = isSchema(schema['discriminator']) ? schema['discriminator']['propertyName'] : undefined;
  const candidates = typeof declared === 'string' ? [declared] : Object.keys(isSchema(members[0]?.['properties']) ? members[0]!['properties'] : {});
  for (const property of candidates) {
    const seen = new Set<unknown>();
    let ok = true;
    for (const member of members) {
      const values = fixedValue(member, property);
      const required = Array.isArray(member['required']) && member['required'].includes(property);
      if (!values || !required || values.some((value) => seen.has(value))) {
        ok = false;
        break;
      }
      for (const value of values) seen.add(value);
    }
    if (ok) return property;
  }
  return undefined;
}

/** A JS regular expression for a JSON Schema `pattern`, or undefined when JavaScript cannot compile it. */
export function compilablePattern(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return undefined;
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    return undefined;
  }
}

/** True when a JSON default value fits the schema's single type (so `.default()` type-checks). */
export function defaultFits(value: unknown, types: readonly JsonType[], enumValues?: readonly unknown[]): boolean {
  if (value === undefined || value === null || types.length !== 1) return false;
  if (enumValues && !enumValues.includes(value)) return false;
  switch (types[0]) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return false;
  }
}

/** Keywords whose value is instance data, never a schema: a `$ref` inside them is data. */
export const INSTANCE_DATA: ReadonlySet<string> = new Set(['enum', 'const', 'default', 'example', 'examples']);
/** Keywords whose value maps names to schemas. */
export const SCHEMA_MAPS: ReadonlySet<string> = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** Every shared-schema key a schema refers to, directly (not transitively). */
export function directRefs(schema: unknown, shared: Readonly<Record<string, Schema>>, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) directRefs(item, shared, into);
  } else if (isSchema(schema)) {
    const key = refKey(schema, shared);
    if (key !== undefined) into.add(key);
    for (const [keyword, value] of Object.entries(schema)) {
      if (INSTANCE_DATA.has(keyword)) continue;
      if (SCHEMA_MAPS.has(keyword) && isSchema(value)) {
        // Keys here are names (a property may be called `default` or `examples`), the values schemas.
        for (const member of Object.values(value)) directRefs(member, shared, into);
      } else if (typeof value === 'object' && value !== null) directRefs(value, shared, into);
    }
  }
  return into;
}

/** The shared keys reachable from `roots`, sorted. */
export function transitiveRefs(roots: Iterable<string>, shared: Readonly<Record<string, Schema>>): string[] {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const next of directRefs(shared[key], shared)) if (!seen.has(next)) stack.push(next);
  }
  return [...seen].sort();
}
