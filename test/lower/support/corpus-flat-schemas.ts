/**
 * Test-only stand-in for the OpenAPI import while it is being built: turns every operation of a corpus spec
 * into a tool's flat input schema (parameters and JSON/form body properties merged, `components.schemas`
 * referenced through `$defs`, only the reachable ones kept). Deliberately simple; the real flattening lives
 * in compiler/flatten. It exists so the provider validators meet real-world schemas now.
 */
import { readFileSync } from 'node:fs';

type Json = { [key: string]: unknown };
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface FlatTool { readonly slug: string; readonly schema: Json }

export function corpusFlatTools(file: string, prefix: string): FlatTool[] {
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const components = isObject(spec['components']) ? spec['components'] : {};
  const schemas = isObject(components['schemas']) ? components['schemas'] : {};
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!isObject(value)) return value;
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', '#/$defs/') : rewrite(v);
    }
    return out;
  };
  const resolve = (value: unknown): Json | undefined => {
    if (!isObject(value)) return undefined;
    const ref = value['$ref'];
    if (typeof ref !== 'string') return value;
    const parts = ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: unknown = spec;
    for (const part of parts) node = isObject(node) ? node[part] : undefined;
    return resolve(node);
  };
  const tools: FlatTool[] = [];
  const paths = isObject(spec['paths']) ? spec['paths'] : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!isObject(op)) continue;
      const properties: Json = {};
      const required: string[] = [];
      const params = [...(Array.isArray(item['parameters']) ? item['parameters'] : []), ...(Array.isArray(op['parameters']) ? op['parameters'] : [])];
      for (const raw of params) {
        const param = resolve(raw);
        if (!param || typeof param['name'] !== 'string') continue;
        const schema: Json = isObject(param['schema']) ? { ...param['schema'] } : { type: 'string' };
        if (typeof param['description'] === 'string' && !('description' in schema)) schema['description'] = param['description'];
        properties[param['name']] = schema;
        if (param['required'] === true) required.push(param['name']);
      }
      const body = resolve(op['requestBody']);
      const content = body && isObject(body['content']) ? body['content'] : {};
      const media = Object.values(content).find(isObject);
      const bodySchema = media && isObject(media['schema']) ? media['schema'] : undefined;
      const resolvedBody = resolve(bodySchema);
      if (resolvedBody && isObject(resolvedBody['properties'])) {
        for (const [name, prop] of Object.entries(resolvedBody['properties'])) properties[name in properties ? `body_${name}` : name] = prop;
        if (Array.isArray(resolvedBody['required'])) required.push(...resolvedBody['required'].filter((r): r is string => typeof r === 'string'));
      } else if (bodySchema) {
        properties['body'] = bodySchema;
        if (body?.['required'] === true) required.push('body');
      }
      const flat = rewrite({ type: 'object', properties, ...(required.length ? { required: [...new Set(required)].filter((r) => r in properties) } : {}) }) as Json;
      const defs: Json = {};
      const pending = collectRefs(flat);
      while (pending.length > 0) {
        const name = pending.pop() as string;
        if (name in defs || !(name in schemas)) continue;
        defs[name] = rewrite(schemas[name]);
        pending.push(...collectRefs(defs[name]));
      }
      if (Object.keys(defs).length > 0) flat['$defs'] = defs;
      const id = typeof op['operationId'] === 'string' ? op['operationId'] : `${method} ${path}`;
      tools.push({ slug: `${prefix}_${id.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`.slice(0, 90), schema: flat });
    }
  }
  return tools;
}

/** Names of the `#/$defs/<name>` entries a schema references. */
export function collectRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, out);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) out.push(v.slice('#/$defs/'.length).replace(/~1/g, '/').replace(/~0/g, '~'));
      else collectRefs(v, out);
    }
  }
  return out;
}
