/**
 * JSON Schema → TypeScript type source, mirroring the runtime Zod builder (runtime/schema/zod-from-json-schema.ts)
 * exactly: each generated schema export is typed with this type, and test/emit checks that the pair agrees.
 */
import { FILE_MARKER, type ConvertContext } from './context.js';
import { docComment, propertyKey } from './names.js';
import {
  impliedType, isSchema, refKey, schemaList, splitAllOf, typesOf, unionMembers, type JsonType, type Schema,
} from '../../../runtime/schema/schema-shape.js';

const FILE_TYPE = 'string | Uint8Array | Blob';

export function typeSource(schema: unknown, context: ConvertContext, indent = ''): string {
  if (schema === true || schema === undefined) return 'unknown';
  if (schema === false) return 'never';
  if (!isSchema(schema)) return 'unknown';
  const nullable = typesOf(schema).nullable || (Array.isArray(schema['enum']) && schema['enum'].includes(null));
  const base = typeBase(schema, context, indent);
  return nullable && base !== 'unknown' && base !== 'null' ? `${wrap(base)} | null` : base;
}

/** Parenthesizes a union or intersection so it can be combined safely. */
function wrap(source: string): string {
  return /^[\w$.]+$|^'[^']*'$|^\{[\s\S]*\}$|^\[[\s\S]*\]$/.test(source) && !/[|&]\s*$/.test(source) ? source : `(${source})`;
}

function typeBase(schema: Schema, context: ConvertContext, indent: string): string {
  if (schema[FILE_MARKER] === 'list') return `(${FILE_TYPE})[]`;
  if (schema[FILE_MARKER] !== undefined) return FILE_TYPE;
  const key = refKey(schema, context.shared);
  if (key !== undefined) return context.typeRef(key);
  if (typeof schema['$ref'] === 'string') return 'unknown';
  if (schema['const'] !== undefined) return literalType(schema['const']);
  if (Array.isArray(schema['enum'])) return enumType(schema['enum'], context);
  if (Array.isArray(schema['allOf'])) return allOfType(schema, context, indent);
  const members = unionMembers(schema);
  if (members) return unionType(schema, members, context, indent);
  const { types } = typesOf(schema);
  if (types.length > 1) return types.map((type) => wrap(typedType(schema, type, context, indent))).join(' | ');
  const type = types[0] ?? impliedType(schema);
  if (type === undefined) return typesOf(schema).nullable ? 'null' : 'unknown';
  return typedType(schema, type, context, indent);
}

function literalType(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  return 'unknown';
}

function enumType(values: readonly unknown[], context: ConvertContext): string {
  const present = [...new Set(values.filter((value) => value !== null))];
  if (present.length === 0) return 'null';
  const literals = present.map(literalType);
  if (literals.includes('unknown')) return 'unknown';
  if (context.mode === 'output' && present.every((value) => typeof value === 'string')) literals.push('(string & {})');
  else if (context.mode === 'output' && present.every((value) => typeof value === 'number')) literals.push('(number & {})');
  return literals.join(' | ');
}

function allOfType(schema: Schema, context: ConvertContext, indent: string): string {
  const { merged, others } = splitAllOf(schema);
  const parts = [...(merged ? [objectType(merged, context, indent)] : []), ...others.map((part) => wrap(typeSource(part, context, indent)))];
  return parts.length === 0 ? 'unknown' : parts.join(' & ');
}

function unionType(schema: Schema, members: readonly Schema[], context: ConvertContext, indent: string): string {
  const base: Record<string, unknown> = { ...schema };
  delete base['oneOf'];
  delete base['anyOf'];
  delete base['discriminator'];
  const union = members.map((member) => wrap(typeSource(member, context, indent))).join(' | ');
  return isSchema(base['properties']) ? `${objectType(base, context, indent)} & (${union})` : union;
}

function typedType(schema: Schema, type: JsonType, context: ConvertContext, indent: string): string {
  switch (type) {
    case 'string':
      if (schema['format'] === 'binary') return context.mode === 'output' ? 'unknown' : FILE_TYPE;
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return arrayType(schema, context, indent);
    case 'object':
      return objectType(schema, context, indent);
  }
}

function arrayType(schema: Schema, context: ConvertContext, indent: string): string {
  const prefix = Array.isArray(schema['prefixItems']) ? schemaList(schema['prefixItems']) : Array.isArray(schema['items']) ? schemaList(schema['items']) : undefined;
  if (prefix) {
    const rest = Array.isArray(schema['items']) ? schema['additionalItems'] : schema['items'];
    const items = prefix.map((item) => typeSource(item, context, indent));
    if (rest !== false) items.push(`...${wrap(rest === undefined || rest === true ? 'unknown' : typeSource(rest, context, indent))}[]`);
    return `[${items.join(', ')}]`;
  }
  return `${wrap(typeSource(schema['items'], context, indent))}[]`;
}

export function objectType(schema: Schema, context: ConvertContext, indent: string): string {
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'] : []);
  const additional = schema['additionalProperties'];
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    if (!isSchema(property) && typeof property !== 'boolean') continue;
    if (isSchema(property) && context.mode === 'input' && property['readOnly'] === true && !required.has(name)) continue;
    if (isSchema(property) && context.mode === 'output' && property['writeOnly'] === true && !required.has(name)) continue;
    const description = isSchema(property) && typeof property['description'] === 'string' ? property['description'] : '';
    const doc = description.trim() !== '' ? docComment(description, inner) : '';
    lines.push(`${doc}${inner}${propertyKey(name)}${required.has(name) ? '' : '?'}: ${typeSource(property, context, inner)};`);
  }
  if (lines.length === 0 && isSchema(additional)) return `{ [key: string]: ${typeSource(additional, context, indent)} }`;
  if (lines.length === 0 && additional !== false) return '{ [key: string]: unknown }';
  const body = lines.length === 0 ? '{}' : `{\n${lines.join('\n')}\n${indent}}`;
  if (isSchema(additional) && context.mode === 'input') return `${body} & { [key: string]: ${typeSource(additional, context, indent)} }`;
  return body;
}
