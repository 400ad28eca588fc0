/**
 * Anthropic's documented constraints on tools: name `^[a-zA-Z0-9_-]{1,64}$`, `input_schema` of type object
 * with no top-level `anyOf`/`oneOf`/`allOf`, property keys `^[a-zA-Z0-9_.-]{1,64}$`, local `$ref`s that resolve.
 */
import type { ProviderSchema } from '../../../runtime/types.js';
import { isSchemaObject, resolveLocalRef, type Schema } from '../schema-utils.js';
import { commonProblems, walkSchema } from './common.js';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const PROPERTY_KEY = /^[a-zA-Z0-9_.-]{1,64}$/;

export function validateAnthropicSchema(schema: ProviderSchema, slug?: string): string[] {
  const problems: string[] = [];
  const name = schema.name ?? slug;
  if (name !== undefined && !TOOL_NAME.test(name)) problems.push(`tool name ${name} does not match ${TOOL_NAME.source}`);
  const root = schema.parameters as Schema;
  problems.push(...commonProblems(root, { rootObject: true }));
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    if (keyword in root) problems.push(`input_schema does not support ${keyword} at the top level`);
  }
  walkSchema(root, (node, where) => {
    const properties = node['properties'];
    if (isSchemaObject(properties)) {
      for (const key of Object.keys(properties)) {
        if (!PROPERTY_KEY.test(key)) problems.push(`${where()}: property key ${JSON.stringify(key)} does not match ${PROPERTY_KEY.source}`);
      }
    }
    const ref = node['$ref'];
    if (typeof ref === 'string' && !resolveLocalRef(root, ref)) problems.push(`${where()}: unresolvable $ref ${ref}`);
  });
  return problems;
}
