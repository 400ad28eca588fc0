/**
 * A JSON Schema → rows of a readable table (name, type, required, description, constraints), nested
 * properties as dotted paths (`ticket.comment.body`, `labels[]`), `$ref`s into `$defs` resolved,
 * recursion cut, and big schemas capped so a page stays small.
 */
import type { JsonSchema } from './catalog-file.js';

export interface SchemaRow {
  readonly name: string;
  readonly depth: number;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
  readonly details: readonly string[];
}

export interface SchemaTable {
  readonly rows: readonly SchemaRow[];
  /** Rows left out past the cap. */
  readonly omitted: number;
  /** The schema is not an object with properties (e.g. an array or a string): its type in words. */
  readonly rootType: string;
}

interface Options {
  readonly maxDepth?: number;
  readonly maxRows?: number;
}

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Plain text from an OpenAPI description (which may hold HTML or Markdown links), shortened. */
export function plainText(text: unknown, limit = 280): string {
  if (typeof text !== 'string') return '';
  const plain = text
    .replace(/<[^>]+>/g, ' ')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > limit ? `${plain.slice(0, limit - 1).trimEnd()}…` : plain;
}

class Walker {
  readonly rows: SchemaRow[] = [];
  omitted = 0;
  readonly #root: Schema;
  readonly #maxDepth: number;
  readonly #maxRows: number;

  constructor(root: Schema, options: Options) {
    this.#root = root;
    this.#maxDepth = options.maxDepth ?? 4;
    this.#maxRows = options.maxRows ?? 300;
  }

  /** Follows `$ref` (into `$defs` / `definitions`); returns the target and its name. */
  resolve(schema: Schema, seen: ReadonlySet<string>): { schema: Schema; refName?: string; cycle: boolean } {
    let current = schema;
    let refName: string | undefined;
    const visited = new Set(seen);
    while (typeof current['$ref'] === 'string') {
      const ref = current['$ref'];
      const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
      refName = match ? decodeURIComponent(match[2]!.replace(/~1/g, '/').replace(/~0/g, '~')) : ref;
      if (visited.has(ref)) return { schema: current, refName, cycle: true };
      visited.add(ref);
      const defs = match ? this.#root[match[1]!] : undefined;
      const target = isSchema(defs) && refName !== undefined ? defs[refName] : undefined;
      if (!isSchema(target)) return { schema: {}, refName, cycle: false };
      current = { ...target, ...Object.fromEntries(Object.entries(current).filter(([key]) => key !== '$ref')) };
    }
    return { schema: current, ...(refName !== undefined && { refName }), cycle: false };
  }

  typeOf(schema: Schema, seen: ReadonlySet<string>, depth = 0): string {
    const { schema: resolved, refName, cycle } = this.resolve(schema, seen);
    if (cycle) return `${refName ?? 'object'} (recursive)`;
    if (depth > 3) return refName ?? 'object';
    if ('const' in resolved) return JSON.stringify(resolved['const']);
    const alternatives = (resolved['anyOf'] ?? resolved['oneOf']) as unknown;
    if (Array.isArray(alternatives)) {
      const names = [...new Set(alternatives.filter(isSchema).map((item) => this.typeOf(item, seen, depth + 1)))];
      return names.join(' | ') || 'any';
    }
    const raw = resolved['type'];
    const types = Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : typeof raw === 'string' ? [raw] : [];
    const named = types.map((type) => {
      if (type === 'array') {
        const items = resolved['items'];
        return `${isSchema(items) ? wrap(this.typeOf(items, seen, depth + 1)) : 'any'}[]`;
      }
      if (type === 'string' && (resolved['format'] === 'binary' || resolved['contentEncoding'] === 'binary')) return 'file';
      if (type === 'object' && refName) return refName;
      return type;
    });
    if (resolved['nullable'] === true && !named.includes('null')) named.push('null');
    if (named.length > 0) return named.join(' | ');
    if (Array.isArray(resolved['enum'])) return 'enum';
    if (isSchema(resolved['properties'])) return refName ?? 'object';
    if (Array.isArray(resolved['allOf'])) return refName ?? 'object';
    return refName ?? 'any';
  }

  details(schema: Schema): string[] {
    const out: string[] = [];
    const values = schema['enum'];
    if (Array.isArray(values)) {
      const shown = values.slice(0, 12).map((value) => JSON.stringify(value)).join(', ');
      out.push(`one of ${shown}${values.length > 12 ? `, … (${values.length} values)` : ''}`);
    }
    if ('default' in schema) out.push(`default ${JSON.stringify(schema['default'])}`);
    if (typeof schema['format'] === 'string' && schema['format'] !== 'binary') out.push(`format ${schema['format']}`);
    if (typeof schema['pattern'] === 'string') out.push(`pattern ${schema['pattern']}`);
    for (const [keyword, label] of [['minimum', 'min'], ['maximum', 'max'], ['minLength', 'min length'], ['maxLength', 'max length'], ['minItems', 'min items'], ['maxItems', 'max items']] as const) {
      if (typeof schema[keyword] === 'number') out.push(`${label} ${String(schema[keyword])}`);
    }
    if (schema['deprecated'] === true) out.push('deprecated');
    return out;
  }

  /** The properties an object schema (or each object alternative / allOf part) declares. */
  propertiesOf(schema: Schema, seen: ReadonlySet<string>): { properties: Array<[string, Schema]>; required: Set<string> } {
    const properties = new Map<string, Schema>();
    const required = new Set<string>();
    const visit = (node: Schema, depth: number, inherit: boolean): void => {
      if (depth > 4) return;
      const { schema: resolved, cycle } = this.resolve(node, seen);
      if (cycle) return;
      if (isSchema(resolved['properties'])) {
        for (const [name, value] of Object.entries(resolved['properties'])) {
          if (isSchema(value) && !properties.has(name)) properties.set(name, value);
        }
      }
      if (inherit && Array.isArray(resolved['required'])) {
        for (const name of resolved['required']) if (typeof name === 'string') required.add(name);
      }
      if (Array.isArray(resolved['allOf'])) for (const part of resolved['allOf']) if (isSchema(part)) visit(part, depth + 1, inherit);
      for (const key of ['anyOf', 'oneOf'] as const) {
        const list = resolved[key];
        if (Array.isArray(list)) for (const part of list) if (isSchema(part)) visit(part, depth + 1, false);
      }
    };
    visit(schema, 0, true);
    return { properties: [...properties], required };
  }

  walk(schema: Schema, prefix: string, depth: number, seen: ReadonlySet<string>): void {
    const { properties, required } = this.propertiesOf(schema, seen);
    for (const [name, property] of properties) {
      if (this.rows.length >= this.#maxRows) {
        this.omitted += 1;
        continue;
      }
      const path = prefix === '' ? name : `${prefix}.${name}`;
      const { schema: resolved, refName, cycle } = this.resolve(property, seen);
      this.rows.push({
        name: path,
        depth,
        type: this.typeOf(property, seen),
        required: required.has(name),
        description: plainText(resolved['description'] ?? property['description'] ?? resolved['title']),
        details: this.details(resolved),
      });
      if (cycle || depth + 1 >= this.#maxDepth) continue;
      const nextSeen = refName !== undefined && typeof property['$ref'] === 'string' ? new Set([...seen, property['$ref']]) : seen;
      this.walk(resolved, path, depth + 1, nextSeen);
      const items = resolved['items'];
      if (isSchema(items)) this.walk(items, `${path}[]`, depth + 1, nextSeen);
    }
  }
}

function wrap(type: string): string {
  return type.includes(' | ') ? `(${type})` : type;
}

export function schemaTable(schema: JsonSchema, options: Options = {}): SchemaTable {
  const root = schema as Schema;
  const walker = new Walker(root, options);
  walker.walk(root, '', 0, new Set());
  const { schema: resolved } = walker.resolve(root, new Set());
  const items = resolved['items'];
  // An array of objects (a common response): list its item fields as `[].field`.
  if (walker.rows.length === 0 && isSchema(items)) walker.walk(items, '[]', 0, new Set());
  return { rows: walker.rows, omitted: walker.omitted, rootType: walker.typeOf(root, new Set()) };
}
