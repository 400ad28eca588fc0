/**
 * JSON Schema → Zod 4 source (an expression using the imported `z`). Our own generator: unions keep their
 * member types (never `any`), shared schemas are referenced by name, and cycles go through `z.lazy`.
 */
import { FILE_MARKER, type ConvertContext } from './context.js';
import { propertyKey } from './names.js';
import {
  compilablePattern, defaultFits, discriminatorOf, impliedType, isSchema, refKey, schemaList, splitAllOf, typesOf,
  unionMembers, type JsonType, type Schema,
} from './schema-shape.js';

const FILE_SOURCE =
  "z.custom<string | Uint8Array | Blob>((value) => typeof value === 'string' || value instanceof Uint8Array || " +
  "(typeof Blob !== 'undefined' && value instanceof Blob), { message: 'expected a file path, URL, Buffer or Blob' })";

/** Zod formats for JSON Schema string formats (inputs only; the rest are kept in the JSON Schema as documentation). */
const FORMATS: Readonly<Record<string, string>> = {
  email: 'z.email()',
  uri: 'z.url()',
  url: 'z.url()',
  'date-time': 'z.iso.datetime({ offset: true })',
  date: 'z.iso.date()',
  time: 'z.iso.time()',
  uuid: 'z.guid()',
  ipv4: 'z.ipv4()',
  ipv6: 'z.ipv6()',
};

export function zodSource(schema: unknown, context: ConvertContext): string {
  if (schema === true || schema === undefined) return 'z.unknown()';
  if (schema === false) return 'z.never()';
  if (!isSchema(schema)) return 'z.unknown()';
  const nullable = typesOf(schema).nullable || (Array.isArray(schema['enum']) && schema['enum'].includes(null));
  const base = zodBase(schema, context);
  return nullable && base !== 'z.unknown()' && base !== 'z.null()' ? `${base}.nullable()` : base;
}

function zodBase(schema: Schema, context: ConvertContext): string {
  if (schema[FILE_MARKER] === 'list') return `z.array(${FILE_SOURCE})`;
  if (schema[FILE_MARKER] !== undefined) return FILE_SOURCE;
  const key = refKey(schema, context.shared);
  if (key !== undefined) return context.zodRef(key);
  if (typeof schema['$ref'] === 'string') return 'z.unknown()';
  if (schema['const'] !== undefined) return literal(schema['const']);
  if (Array.isArray(schema['enum'])) return enumSource(schema['enum'], context);
  if (Array.isArray(schema['allOf'])) return allOfSource(schema, context);
  const members = unionMembers(schema);
  if (members) return unionSource(schema, members, context);
  const { types } = typesOf(schema);
  if (types.length > 1) return `z.union([${types.map((type) => typedSource(schema, type, context)).join(', ')}])`;
  const type = types[0] ?? impliedType(schema);
  if (type === undefined) return typesOf(schema).nullable ? 'z.null()' : 'z.unknown()';
  return typedSource(schema, type, context);
}

function literal(value: unknown): string {
  if (value === null) return 'z.null()';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return `z.literal(${JSON.stringify(value)})`;
  return 'z.unknown()';
}

function enumSource(values: readonly unknown[], context: ConvertContext): string {
  const present = values.filter((value) => value !== null);
  if (present.length === 0) return 'z.null()';
  const strings = present.every((value) => typeof value === 'string');
  if (strings && context.mode === 'output') return 'z.string()';
  if (strings) return `z.enum([${[...new Set(present)].map((value) => JSON.stringify(value)).join(', ')}])`;
  const literals = [...new Set(present)].map(literal);
  if (context.mode === 'output' && present.every((value) => typeof value === 'number')) return 'z.number()';
  return literals.length === 1 ? literals[0]! : `z.union([${literals.join(', ')}])`;
}

function allOfSource(schema: Schema, context: ConvertContext): string {
  const { merged, others } = splitAllOf(schema);
  const parts = [...(merged ? [objectSource(merged, context, others.length > 0)] : []), ...others.map((part) => zodSource(part, context))];
  if (parts.length === 0) return 'z.unknown()';
  return parts.slice(1).reduce((left, right) => `z.intersection(${left}, ${right})`, parts[0]!);
}

function unionSource(schema: Schema, members: readonly Schema[], context: ConvertContext): string {
  // Sibling properties apply to every member (OpenAPI writes shared fields next to oneOf).
  const base: Record<string, unknown> = { ...schema };
  delete base['oneOf'];
  delete base['anyOf'];
  delete base['discriminator'];
  const hasBase = isSchema(base['properties']);
  const discriminator = hasBase ? undefined : discriminatorOf(schema, members);
  const sources = members.map((member) => zodSource(member, context));
  const union =
    sources.length === 1
      ? sources[0]!
      : discriminator !== undefined
        ? `z.discriminatedUnion(${JSON.stringify(discriminator)}, [${sources.join(', ')}])`
        : `z.union([${sources.join(', ')}])`;
  return hasBase ? `z.intersection(${objectSource(base, context, true)}, ${union})` : union;
}

function typedSource(schema: Schema, type: JsonType, context: ConvertContext): string {
  switch (type) {
    case 'string':
      return stringSource(schema, context);
    case 'number':
    case 'integer':
      return numberSource(schema, type, context);
    case 'boolean':
      return 'z.boolean()';
    case 'null':
      return 'z.null()';
    case 'array':
      return arraySource(schema, context);
    case 'object':
      return objectSource(schema, context, false);
  }
}

function stringSource(schema: Schema, context: ConvertContext): string {
  const format = typeof schema['format'] === 'string' ? schema['format'] : undefined;
  if (context.mode === 'output') return format === 'binary' ? 'z.unknown()' : 'z.string()';
  if (format === 'binary') return FILE_SOURCE;
  let source = (format && FORMATS[format]) ?? 'z.string()';
  if (typeof schema['minLength'] === 'number' && schema['minLength'] > 0) source += `.min(${schema['minLength']})`;
  if (typeof schema['maxLength'] === 'number') source += `.max(${schema['maxLength']})`;
  const pattern = compilablePattern(schema['pattern']);
  if (pattern !== undefined) source += `.regex(new RegExp(${JSON.stringify(pattern)}, 'u'))`;
  return source;
}

function numberSource(schema: Schema, type: 'number' | 'integer', context: ConvertContext): string {
  if (context.mode === 'output') return 'z.number()';
  let source = type === 'integer' ? 'z.int()' : 'z.number()';
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema as Record<string, unknown>;
  if (typeof exclusiveMinimum === 'number') source += `.gt(${exclusiveMinimum})`;
  else if (typeof minimum === 'number') source += exclusiveMinimum === true ? `.gt(${minimum})` : `.gte(${minimum})`;
  if (typeof exclusiveMaximum === 'number') source += `.lt(${exclusiveMaximum})`;
  else if (typeof maximum === 'number') source += exclusiveMaximum === true ? `.lt(${maximum})` : `.lte(${maximum})`;
  if (typeof multipleOf === 'number' && multipleOf > 0) source += `.multipleOf(${multipleOf})`;
  return source;
}

function arraySource(schema: Schema, context: ConvertContext): string {
  const prefix = Array.isArray(schema['prefixItems']) ? schemaList(schema['prefixItems']) : Array.isArray(schema['items']) ? schemaList(schema['items']) : undefined;
  if (prefix) {
    const rest = Array.isArray(schema['items']) ? schema['additionalItems'] : schema['items'];
    const restSource = rest === false ? '' : `, ${rest === undefined || rest === true ? 'z.unknown()' : zodSource(rest, context)}`;
    return `z.tuple([${prefix.map((item) => zodSource(item, context)).join(', ')}]${restSource})`;
  }
  let source = `z.array(${zodSource(schema['items'], context)})`;
  if (context.mode === 'input') {
    if (typeof schema['minItems'] === 'number' && schema['minItems'] > 0) source += `.min(${schema['minItems']})`;
    if (typeof schema['maxItems'] === 'number') source += `.max(${schema['maxItems']})`;
  }
  return source;
}

/** `open`: the object is one part of an intersection, so it must let the other parts' keys through. */
export function objectSource(schema: Schema, context: ConvertContext, open: boolean): string {
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'] : []);
  const additional = schema['additionalProperties'];
  const entries: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    if (!isSchema(property) && typeof property !== 'boolean') continue;
    if (isSchema(property) && context.mode === 'input' && property['readOnly'] === true && !required.has(name)) continue;
    if (isSchema(property) && context.mode === 'output' && property['writeOnly'] === true && !required.has(name)) continue;
    entries.push(`${propertyKey(name)}: ${propertySource(property, required.has(name), context)}`);
  }
  if (entries.length === 0 && isSchema(additional)) return `z.record(z.string(), ${zodSource(additional, context)})`;
  if (entries.length === 0 && additional !== false) return 'z.record(z.string(), z.unknown())';
  const shape = `{ ${entries.join(', ')} }`;
  if (isSchema(additional) && context.mode === 'input') return `z.object(${shape}).catchall(${zodSource(additional, context)})`;
  if (additional === false && context.mode === 'input' && !open) return `z.strictObject(${shape})`;
  return `z.looseObject(${shape})`;
}

function propertySource(property: Schema | boolean, required: boolean, context: ConvertContext): string {
  const source = zodSource(property, context);
  if (required) return source;
  if (context.mode === 'input' && isSchema(property)) {
    const { types } = typesOf(property);
    const enumValues = Array.isArray(property['enum']) ? property['enum'] : undefined;
    if (defaultFits(property['default'], types, enumValues) && !typesOf(property).nullable) {
      return `${source}.default(${JSON.stringify(property['default'])})`;
    }
  }
  return `${source}.optional()`;
}
