/** Checks every provider shares, and a walker over every subschema (including `$defs`). */
import { isPrivateKeyword, isSchemaObject, pathWords, typesOf, type Schema } from '../schema-utils.js';

const MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SINGLES = ['additionalProperties', 'items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames',
  'unevaluatedProperties', 'unevaluatedItems', 'additionalItems'];

/**
 * Calls `visit` for every schema object reachable through schema keywords. `where()` gives a readable
 * location; it is built only when asked (a validator asks only when it reports a problem).
 */
export function walkSchema(root: Schema, visit: (node: Schema, where: () => string) => void): void {
  const path: string[] = [];
  const where = (): string => pathWords(path);
  const step = (child: unknown, segment: string): void => {
    path.push(segment);
    walk(child);
    path.pop();
  };
  const walk = (node: unknown): void => {
    if (!isSchemaObject(node)) return;
    visit(node, where);
    for (const keyword of MAPS) {
      const map = node[keyword];
      if (isSchemaObject(map)) {
        for (const name of Object.keys(map)) step(map[name], keyword === 'properties' ? name : `${keyword}/${name}`);
      }
    }
    for (const keyword of LISTS) {
      const list = node[keyword];
      if (Array.isArray(list)) for (let index = 0; index < list.length; index++) step(list[index], `${keyword}/${index}`);
    }
    for (const keyword of SINGLES) {
      const child = node[keyword];
      if (child === undefined) continue;
      if (Array.isArray(child)) for (let index = 0; index < child.length; index++) step(child[index], `${keyword}/${index}`);
      else if (isSchemaObject(child)) step(child, keyword === 'items' ? '[]' : keyword);
    }
  };
  walk(root);
}

export function commonProblems(root: Schema, options: { readonly rootObject: boolean }): string[] {
  const problems: string[] = [];
  if (!isSchemaObject(root)) return ['parameters is not an object schema'];
  if (options.rootObject && root['type'] !== 'object') problems.push('root type must be "object"');
  try {
    JSON.stringify(root);
  } catch {
    problems.push('schema is not JSON-serializable');
  }
  walkSchema(root, (node, where) => {
    for (const keyword of Object.keys(node)) {
      if (isPrivateKeyword(keyword)) problems.push(`${where()}: private keyword ${keyword} reaches the model`);
    }
    if ('nullable' in node) problems.push(`${where()}: OpenAPI nullable is not JSON Schema`);
    const types = typesOf(node);
    if (types.includes('array') && node['items'] === undefined && node['prefixItems'] === undefined) problems.push(`${where()}: array without items`);
    if (types.some((t) => !['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'].includes(t))) {
      problems.push(`${where()}: unknown type ${JSON.stringify(node['type'])}`);
    }
    const properties = node['properties'];
    if (properties !== undefined && !isSchemaObject(properties)) problems.push(`${where()}: properties is not an object`);
    const required = node['required'];
    if (required !== undefined) {
      if (!Array.isArray(required)) problems.push(`${where()}: required is not an array`);
      else if (isSchemaObject(properties)) {
        const unknown = required.filter((r) => typeof r !== 'string' || !(r in properties));
        if (unknown.length > 0) problems.push(`${where()}: required names unknown properties: ${unknown.join(', ')}`);
      }
    }
  });
  return problems;
}
