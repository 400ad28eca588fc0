/**
 * Gemini's documented constraints on `FunctionDeclaration`: name starts with a letter or `_` and holds
 * `[a-zA-Z0-9_.:-]`, at most 64 characters; `parameters` is the OpenAPI 3.0 Schema subset (upper-case
 * `type` names, `nullable`, string-only `enum`, no `$ref`, `items` on every array, properties on every
 * nested object, parameter names `^[a-zA-Z_][a-zA-Z0-9_]{0,63}$`). We keep to the conservative part of
 * the subset that every Gemini model accepts.
 */
import type { ProviderSchema } from '../../../runtime/types.js';
import { isSchemaObject, type Schema } from '../schema-utils.js';

export const GEMINI_KEYWORDS: ReadonlySet<string> = new Set([
  'type', 'format', 'description', 'nullable', 'enum', 'items', 'properties', 'required',
  'minItems', 'maxItems', 'minimum', 'maximum', 'anyOf',
]);

export const GEMINI_FORMATS: Readonly<Record<string, ReadonlySet<string>>> = {
  STRING: new Set(['enum', 'date-time']),
  NUMBER: new Set(['float', 'double']),
  INTEGER: new Set(['int32', 'int64']),
};

const TYPES = new Set(['STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'OBJECT', 'ARRAY']);
const TOOL_NAME = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;
const PROPERTY_KEY = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/;

export function validateGeminiSchema(schema: ProviderSchema, slug?: string): string[] {
  const problems: string[] = [];
  const name = schema.name ?? slug;
  if (name !== undefined && !TOOL_NAME.test(name)) problems.push(`function name ${name} does not match ${TOOL_NAME.source}`);
  const root = schema.parameters as Schema;
  if (!isSchemaObject(root) || root['type'] !== 'OBJECT') problems.push('parameters must be an OBJECT schema');
  const visit = (node: unknown, where: string, isRoot: boolean): void => {
    if (!isSchemaObject(node)) {
      problems.push(`${where}: not a schema object`);
      return;
    }
    for (const keyword of Object.keys(node)) {
      if (!GEMINI_KEYWORDS.has(keyword)) problems.push(`${where}: keyword ${keyword} not in Gemini's schema subset`);
    }
    const anyOf = node['anyOf'];
    if (Array.isArray(anyOf)) {
      if (anyOf.length === 0) problems.push(`${where}: empty anyOf`);
      anyOf.forEach((variant, index) => visit(variant, `${where}/anyOf/${index}`, false));
      return;
    }
    const type = node['type'];
    if (typeof type !== 'string' || !TYPES.has(type)) {
      problems.push(`${where}: type ${JSON.stringify(type)} is not one of ${[...TYPES].join(', ')}`);
      return;
    }
    const format = node['format'];
    if (format !== undefined && !GEMINI_FORMATS[type]?.has(format as string)) problems.push(`${where}: format ${String(format)} not supported for ${type}`);
    if (node['nullable'] !== undefined && typeof node['nullable'] !== 'boolean') problems.push(`${where}: nullable must be a boolean`);
    const enumValues = node['enum'];
    if (enumValues !== undefined) {
      if (type !== 'STRING') problems.push(`${where}: enum on ${type} (only STRING)`);
      if (!Array.isArray(enumValues) || enumValues.some((v) => typeof v !== 'string')) problems.push(`${where}: enum values must be strings`);
    }
    if (type === 'ARRAY') {
      if (!isSchemaObject(node['items'])) problems.push(`${where}: ARRAY without items`);
      else visit(node['items'], `${where}[]`, false);
    }
    if (type === 'OBJECT') {
      const properties = node['properties'];
      if (!isSchemaObject(properties)) problems.push(`${where}: OBJECT without properties`);
      else {
        if (!isRoot && Object.keys(properties).length === 0) problems.push(`${where}: nested OBJECT with no properties`);
        for (const [key, child] of Object.entries(properties)) {
          if (!PROPERTY_KEY.test(key)) problems.push(`${where}: property name ${JSON.stringify(key)} does not match ${PROPERTY_KEY.source}`);
          visit(child, where === '(root)' ? key : `${where}.${key}`, false);
        }
        const required = node['required'];
        if (required !== undefined && (!Array.isArray(required) || required.some((r) => typeof r !== 'string' || !(r in properties)))) {
          problems.push(`${where}: required must list existing properties`);
        }
      }
    }
  };
  if (isSchemaObject(root)) visit(root, '(root)', true);
  return problems;
}
