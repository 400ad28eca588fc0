/**
 * JSON Schema → Zod 4 schema, built at run time from the JSON Schemas a toolkit stores (generated code holds
 * TypeScript types only, so tsc never infers Zod types and importing a toolkit builds nothing).
 *
 * Modes: `input` checks what a caller sends (formats, bounds, patterns, strict objects, defaults);
 * `output` is lenient towards what an API answers (unknown keys pass, string and number enums accept any
 * value, no format/bound/pattern checks). Shared schemas (`$ref` to `#/$defs/<key>`, `#/definitions/<key>`,
 * `#/components/schemas/<key>`) are built once each, in output mode, by a `SharedSchemas`; a reference back
 * into a schema still being built goes through `z.lazy`, so cycles work.
 */
import { z } from 'zod';
import { once } from './once.js';
import {
  compilablePattern, defaultFits, discriminatorOf, FILE_MARKER, impliedType, isSchema, refKey, schemaList, splitAllOf,
  typesOf, unionMembers, type JsonType, type Schema,
} from './schema-shape.js';

export type SchemaMode = 'input' | 'output';

/** A toolkit's shared schemas as Zod, each built on first reference and kept. */
export interface SharedSchemas {
  /** The shared JSON Schemas by key (the source is read on the first call). */
  readonly definitions: () => Readonly<Record<string, Schema>>;
  /** The Zod schema of shared schema `key` (output mode), built once; throws for an unknown key. */
  readonly get: (key: string) => z.ZodType;
}

export interface ZodFromJsonSchemaOptions {
  /** Default `input`. */
  readonly mode?: SchemaMode;
  /** Where `$ref`s resolve; default: the schema's own `$defs` (or `definitions`). */
  readonly shared?: SharedSchemas;
}

interface Context {
  readonly mode: SchemaMode;
  readonly shared: SharedSchemas;
}

// Reused leaves: Zod schemas are immutable, so one instance serves every place that needs it. Each is made on
// first use: the first schema of each Zod class costs a millisecond or so, paid at import if made eagerly.
const UNKNOWN = once(() => z.unknown());
const NULL = once(() => z.null());
const NEVER = once(() => z.never());
const STRING = once(() => z.string());
const NUMBER = once(() => z.number());
const BOOLEAN = once(() => z.boolean());
const FILE = once(() =>
  z.custom<string | Uint8Array | Blob>(
    (value) => typeof value === 'string' || value instanceof Uint8Array || (typeof Blob !== 'undefined' && value instanceof Blob),
    { message: 'expected a file path, URL, Buffer or Blob' },
  ),
);

/** Zod formats for JSON Schema string formats (inputs only; the rest stay in the JSON Schema as documentation). */
const FORMATS: Readonly<Record<string, () => z.ZodString | z.ZodStringFormat>> = {
  email: () => z.email(),
  uri: () => z.url(),
  url: () => z.url(),
  'date-time': () => z.iso.datetime({ offset: true }),
  date: () => z.iso.date(),
  time: () => z.iso.time(),
  uuid: () => z.guid(),
  ipv4: () => z.ipv4(),
  ipv6: () => z.ipv6(),
};

/** Builds the Zod schema for `schema`. A value that is not a schema (or `true`) accepts anything; `false` nothing. */
export function zodFromJsonSchema(schema: unknown, options: ZodFromJsonSchemaOptions = {}): z.ZodType {
  const shared = options.shared ?? createSharedSchemas(() => ownDefinitions(schema));
  return convert(schema, { mode: options.mode ?? 'input', shared });
}

function ownDefinitions(schema: unknown): Record<string, Schema> {
  if (!isSchema(schema)) return {};
  const defs = isSchema(schema['$defs']) ? schema['$defs'] : isSchema(schema['definitions']) ? schema['definitions'] : {};
  return Object.fromEntries(Object.entries(defs).filter((entry): entry is [string, Schema] => isSchema(entry[1])));
}

/** Shared schemas read from `definitions()` on first use; each becomes Zod on first reference. */
export function createSharedSchemas(definitions: () => Readonly<Record<string, Schema>>): SharedSchemas {
  let source: Readonly<Record<string, Schema>> | undefined;
  const read = (): Readonly<Record<string, Schema>> => (source ??= definitions());
  const built = new Map<string, z.ZodType>();
  const building = new Set<string>();
  const shared: SharedSchemas = {
    definitions: read,
    get(key) {
      const done = built.get(key);
      if (done !== undefined) return done;
      // A reference back into a schema under construction: resolve it when data is parsed.
      if (building.has(key)) return z.lazy(() => shared.get(key));
      const definition = read()[key];
      if (definition === undefined) throw new Error(`shared schema "${key}" is not defined`);
      building.add(key);
      try {
        const schema = convert(definition, { mode: 'output', shared });
        built.set(key, schema);
        return schema;
      } finally {
        building.delete(key);
      }
    },
  };
  return shared;
}

function convert(schema: unknown, context: Context): z.ZodType {
  if (schema === true || schema === undefined) return UNKNOWN();
  if (schema === false) return NEVER();
  if (!isSchema(schema)) return UNKNOWN();
  const nullable = typesOf(schema).nullable || (Array.isArray(schema['enum']) && schema['enum'].includes(null));
  const base = convertBase(schema, context);
  return nullable && base !== UNKNOWN() && base !== NULL() ? base.nullable() : base;
}

function convertBase(schema: Schema, context: Context): z.ZodType {
  if (schema[FILE_MARKER] === 'list') return z.array(FILE());
  if (schema[FILE_MARKER] !== undefined) return FILE();
  if (typeof schema['$ref'] === 'string') {
    const key = refKey(schema, context.shared.definitions());
    return key === undefined ? UNKNOWN() : context.shared.get(key);
  }
  if (schema['const'] !== undefined) return literal(schema['const']);
  if (Array.isArray(schema['enum'])) return enumSchema(schema['enum'], context);
  if (Array.isArray(schema['allOf'])) return allOfSchema(schema, context);
  const members = unionMembers(schema);
  if (members) return unionSchema(schema, members, context);
  const { types, nullable } = typesOf(schema);
  if (types.length > 1) return z.union(types.map((type) => typed(schema, type, context)));
  const type = types[0] ?? impliedType(schema);
  if (type === undefined) return nullable ? NULL() : UNKNOWN();
  return typed(schema, type, context);
}

function literal(value: unknown): z.ZodType {
  if (value === null) return NULL();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return z.literal(value);
  return UNKNOWN();
}

function enumSchema(values: readonly unknown[], context: Context): z.ZodType {
  const present = [...new Set(values.filter((value) => value !== null))];
  if (present.length === 0) return NULL();
  if (present.every((value): value is string => typeof value === 'string')) {
    return context.mode === 'output' ? STRING() : z.enum(present as [string, ...string[]]);
  }
  if (context.mode === 'output' && present.every((value) => typeof value === 'number')) return NUMBER();
  const literals = present.map(literal);
  return literals.length === 1 ? literals[0]! : z.union(literals);
}

function allOfSchema(schema: Schema, context: Context): z.ZodType {
  const { merged, others } = splitAllOf(schema);
  const parts = [...(merged ? [objectSchema(merged, context, others.length > 0)] : []), ...others.map((part) => convert(part, context))];
  if (parts.length === 0) return UNKNOWN();
  return parts.slice(1).reduce((left, right) => z.intersection(left, right), parts[0]!);
}

function unionSchema(schema: Schema, members: readonly Schema[], context: Context): z.ZodType {
  // Sibling properties apply to every member (OpenAPI writes shared fields next to oneOf).
  const base: Record<string, unknown> = { ...schema };
  delete base['oneOf'];
  delete base['anyOf'];
  delete base['discriminator'];
  const hasBase = isSchema(base['properties']);
  const discriminator = hasBase ? undefined : discriminatorOf(schema, members);
  const schemas = members.map((member) => convert(member, context));
  const union =
    schemas.length === 1
      ? schemas[0]!
      : discriminator !== undefined
        ? z.discriminatedUnion(discriminator, schemas as unknown as [z.ZodObject, ...z.ZodObject[]])
        : z.union(schemas);
  return hasBase ? z.intersection(objectSchema(base, context, true), union) : union;
}

function typed(schema: Schema, type: JsonType, context: Context): z.ZodType {
  switch (type) {
    case 'string':
      return stringSchema(schema, context);
    case 'number':
    case 'integer':
      return numberSchema(schema, type, context);
    case 'boolean':
      return BOOLEAN();
    case 'null':
      return NULL();
    case 'array':
      return arraySchema(schema, context);
    case 'object':
      return objectSchema(schema, context, false);
  }
}

function stringSchema(schema: Schema, context: Context): z.ZodType {
  const format = typeof schema['format'] === 'string' ? schema['format'] : undefined;
  if (context.mode === 'output') return format === 'binary' ? UNKNOWN() : STRING();
  if (format === 'binary') return FILE();
  const make = format === undefined ? undefined : FORMATS[format];
  let result = make ? make() : z.string();
  if (typeof schema['minLength'] === 'number' && schema['minLength'] > 0) result = result.min(schema['minLength']);
  if (typeof schema['maxLength'] === 'number') result = result.max(schema['maxLength']);
  const pattern = compilablePattern(schema['pattern']);
  if (pattern !== undefined) result = result.regex(new RegExp(pattern, 'u'));
  return result;
}

function numberSchema(schema: Schema, type: 'number' | 'integer', context: Context): z.ZodType {
  if (context.mode === 'output') return NUMBER();
  let result: z.ZodNumber = type === 'integer' ? z.int() : z.number();
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema as Record<string, unknown>;
  if (typeof exclusiveMinimum === 'number') result = result.gt(exclusiveMinimum);
  else if (typeof minimum === 'number') result = exclusiveMinimum === true ? result.gt(minimum) : result.gte(minimum);
  if (typeof exclusiveMaximum === 'number') result = result.lt(exclusiveMaximum);
  else if (typeof maximum === 'number') result = exclusiveMaximum === true ? result.lt(maximum) : result.lte(maximum);
  if (typeof multipleOf === 'number' && multipleOf > 0) result = result.multipleOf(multipleOf);
  return result;
}

function arraySchema(schema: Schema, context: Context): z.ZodType {
  const prefix = Array.isArray(schema['prefixItems']) ? schemaList(schema['prefixItems']) : Array.isArray(schema['items']) ? schemaList(schema['items']) : undefined;
  if (prefix) {
    const rest = Array.isArray(schema['items']) ? schema['additionalItems'] : schema['items'];
    // Zod's overloads want a non-empty tuple type; an empty prefix is a valid tuple at run time.
    const items = prefix.map((item) => convert(item, context)) as unknown as [z.ZodType, ...z.ZodType[]];
    if (rest === false) return z.tuple(items);
    return z.tuple(items, rest === undefined || rest === true ? UNKNOWN() : convert(rest, context));
  }
  let result = z.array(convert(schema['items'], context));
  if (context.mode === 'input') {
    if (typeof schema['minItems'] === 'number' && schema['minItems'] > 0) result = result.min(schema['minItems']);
    if (typeof schema['maxItems'] === 'number') result = result.max(schema['maxItems']);
  }
  return result;
}

/** `open`: the object is one part of an intersection, so it must let the other parts' keys through. */
function objectSchema(schema: Schema, context: Context, open: boolean): z.ZodType {
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'] : []);
  const additional = schema['additionalProperties'];
  const shape: Record<string, z.ZodType> = {};
  let count = 0;
  for (const [name, property] of Object.entries(properties)) {
    if (!isSchema(property) && typeof property !== 'boolean') continue;
    if (isSchema(property) && context.mode === 'input' && property['readOnly'] === true && !required.has(name)) continue;
    if (isSchema(property) && context.mode === 'output' && property['writeOnly'] === true && !required.has(name)) continue;
    shape[name] = propertySchema(property, required.has(name), context);
    count++;
  }
  if (count === 0 && isSchema(additional)) return z.record(z.string(), convert(additional, context));
  if (count === 0 && additional !== false) return z.record(z.string(), UNKNOWN());
  if (isSchema(additional) && context.mode === 'input') return z.object(shape).catchall(convert(additional, context));
  if (additional === false && context.mode === 'input' && !open) return z.strictObject(shape);
  return z.looseObject(shape);
}

function propertySchema(property: Schema | boolean, required: boolean, context: Context): z.ZodType {
  const schema = convert(property, context);
  if (required) return schema;
  if (context.mode === 'input' && isSchema(property)) {
    const { types, nullable } = typesOf(property);
    const enumValues = Array.isArray(property['enum']) ? property['enum'] : undefined;
    if (defaultFits(property['default'], types, enumValues) && !nullable) return schema.default(property['default'] as never);
  }
  return schema.optional();
}
