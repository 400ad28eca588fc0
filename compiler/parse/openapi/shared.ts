/** The shared schemas a toolkit keeps: only those its tools reach, sorted by name for stable output. */
import type { IR } from '../../ir/types.js';
import { INSTANCE_DATA, SCHEMA_MAPS } from '../../../runtime/schema/schema-shape.js';
import { isPlainObject } from './refs.js';
import { DEFS_PREFIX } from './schemas.js';

function collectRefs(node: unknown, into: string[], namedSchemas = false): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
    return;
  }
  if (!isPlainObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (namedSchemas) collectRefs(value, into);
    else if (key === '$ref' && typeof value === 'string' && value.startsWith(DEFS_PREFIX)) into.push(value.slice(DEFS_PREFIX.length));
    else if (key === 'mapping' && isPlainObject(value)) {
      for (const target of Object.values(value)) if (typeof target === 'string' && target.startsWith(DEFS_PREFIX)) into.push(target.slice(DEFS_PREFIX.length));
    } else if (!INSTANCE_DATA.has(key) && value !== null && typeof value === 'object') collectRefs(value, into, SCHEMA_MAPS.has(key));
  }
}

export function collectSharedSchemas(tools: readonly IR.Tool[], shared: ReadonlyMap<string, IR.JsonSchema>): Record<string, IR.JsonSchema> {
  const queue: string[] = [];
  for (const tool of tools) {
    for (const parameter of tool.parameters) collectRefs(parameter.schema, queue);
    if (tool.body) collectRefs(tool.body.schema, queue);
    collectRefs(tool.response.schema, queue);
  }
  const reached = new Set<string>();
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (reached.has(name)) continue;
    const schema = shared.get(name);
    if (!schema) continue;
    reached.add(name);
    collectRefs(schema, queue);
  }
  const out: Record<string, IR.JsonSchema> = {};
  for (const name of [...reached].sort()) out[name] = shared.get(name)!;
  return out;
}
