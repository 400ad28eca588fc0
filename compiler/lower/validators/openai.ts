/**
 * OpenAI's documented constraints on function tools (Chat Completions and Responses), as a validator.
 * Strict mode follows the Structured Outputs subset: root object, `additionalProperties: false` and every
 * property required on every object, supported keywords only, and the published limits (5,000 object
 * properties, 10 levels of nesting, 1,000 enum values, 120,000 characters of names and enum values, and
 * 15,000 characters for one enum of more than 250 values). Returns problems in words; empty when accepted.
 */
import type { ProviderSchema } from '../../../runtime/types.js';
import { isSchemaObject, resolveLocalRef, typesOf, type Schema } from '../schema-utils.js';
import { commonProblems, walkSchema } from './common.js';

export const OPENAI_LIMITS = {
  properties: 5_000,
  depth: 10,
  enumValues: 1_000,
  totalStringLength: 120_000,
  largeEnumThreshold: 250,
  largeEnumStringLength: 15_000,
} as const;

export const OPENAI_STRICT_KEYWORDS: ReadonlySet<string> = new Set([
  'type', 'description', 'enum', 'const', 'anyOf', '$ref', '$defs',
  'pattern', 'format',
  'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'items', 'minItems', 'maxItems',
  'properties', 'required', 'additionalProperties',
]);

export const OPENAI_STRICT_FORMATS: ReadonlySet<string> = new Set([
  'date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid',
]);

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function validateOpenAiSchema(schema: ProviderSchema & { readonly name?: string }, slug?: string): string[] {
  const problems: string[] = [];
  const name = schema.name ?? slug;
  if (name !== undefined && !TOOL_NAME.test(name)) problems.push(`tool name ${name} does not match ${TOOL_NAME.source}`);
  const root = schema.parameters as Schema;
  problems.push(...commonProblems(root, { rootObject: true }));
  if (schema.strict === true) problems.push(...strictProblems(root));
  return problems;
}

function strictProblems(root: Schema): string[] {
  const problems: string[] = [];
  let properties = 0;
  let enumValues = 0;
  let stringLength = 0;
  if (Array.isArray(root['anyOf'])) problems.push('root is anyOf (must be an object)');
  const defs = root['$defs'];
  if (isSchemaObject(defs)) stringLength += Object.keys(defs).join('').length;
  walkSchema(root, (node, where) => {
    for (const keyword of Object.keys(node)) {
      if (!OPENAI_STRICT_KEYWORDS.has(keyword)) problems.push(`${where()}: keyword ${keyword} not supported in strict mode`);
    }
    if (typeof node['$ref'] === 'string') {
      if (Object.keys(node).length > 1) problems.push(`${where()}: $ref cannot have sibling keywords`);
      if (!resolveLocalRef(root, node['$ref'])) problems.push(`${where()}: unresolvable $ref ${node['$ref']}`);
    }
    if (typeof node['format'] === 'string' && !OPENAI_STRICT_FORMATS.has(node['format'])) problems.push(`${where()}: format ${node['format']} not supported`);
    const types = typesOf(node);
    if (types.includes('object') || isSchemaObject(node['properties'])) {
      const props = isSchemaObject(node['properties']) ? Object.keys(node['properties']) : [];
      properties += props.length;
      stringLength += props.join('').length;
      if (node['additionalProperties'] !== false) problems.push(`${where()}: additionalProperties must be false`);
      const required = Array.isArray(node['required']) ? node['required'] : [];
      const missing = props.filter((p) => !required.includes(p));
      if (missing.length > 0) problems.push(`${where()}: properties not required: ${missing.join(', ')}`);
    }
    if (types.includes('array') && !isSchemaObject(node['items'])) problems.push(`${where()}: array without items`);
    if (Array.isArray(node['enum'])) {
      const values = node['enum'] as unknown[];
      enumValues += values.length;
      const length = values.reduce<number>((sum, v) => sum + String(v).length, 0);
      stringLength += length;
      if (values.length > OPENAI_LIMITS.largeEnumThreshold && length > OPENAI_LIMITS.largeEnumStringLength) {
        problems.push(`${where()}: enum of ${values.length} values has ${length} characters (limit ${OPENAI_LIMITS.largeEnumStringLength})`);
      }
    }
    if (node['const'] !== undefined) stringLength += String(node['const']).length;
  });
  const depth = nestingDepth(root);
  if (depth > OPENAI_LIMITS.depth) problems.push(`nesting depth ${depth} exceeds ${OPENAI_LIMITS.depth}`);
  if (properties > OPENAI_LIMITS.properties) problems.push(`${properties} object properties exceed ${OPENAI_LIMITS.properties}`);
  if (enumValues > OPENAI_LIMITS.enumValues) problems.push(`${enumValues} enum values exceed ${OPENAI_LIMITS.enumValues}`);
  if (stringLength > OPENAI_LIMITS.totalStringLength) problems.push(`${stringLength} characters of names and enum values exceed ${OPENAI_LIMITS.totalStringLength}`);
  return problems;
}

/** Object nesting levels from the root, following `$ref` (a recursive reference counts once). */
export function nestingDepth(root: Schema): number {
  const visit = (node: unknown, refs: readonly string[]): number => {
    if (!isSchemaObject(node)) return 0;
    if (typeof node['$ref'] === 'string') {
      const ref = node['$ref'];
      if (refs.includes(ref)) return 0;
      return visit(resolveLocalRef(root, ref), [...refs, ref]);
    }
    let deepest = 0;
    const props = node['properties'];
    const isObject = isSchemaObject(props);
    if (isObject) for (const child of Object.values(props)) deepest = Math.max(deepest, visit(child, refs));
    if (isSchemaObject(node['items'])) deepest = Math.max(deepest, visit(node['items'], refs));
    if (isSchemaObject(node['additionalProperties'])) deepest = Math.max(deepest, visit(node['additionalProperties'], refs));
    for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
      const variants = node[keyword];
      if (Array.isArray(variants)) for (const v of variants) deepest = Math.max(deepest, visit(v, refs));
    }
    return deepest + (isObject ? 1 : 0);
  };
  return visit(root, []);
}
