/**
 * Valid arguments from a tool's flat JSON Schema, deterministic (no randomness): required fields always,
 * optional top-level fields of simple shape too (so query/header serialization gets exercised), nested
 * optional fields left out. Follows `$ref` into `$defs`, picks the first usable branch of anyOf/oneOf.
 */
type Schema = { readonly [keyword: string]: unknown };

const FORMAT_VALUES: Record<string, string> = {
  'date-time': '2024-01-02T03:04:05Z', date: '2024-01-02', time: '03:04:05Z', email: 'dev@example.com', uri: 'https://example.com/a',
  url: 'https://example.com/a', 'uri-reference': '/a', uuid: '123e4567-e89b-12d3-a456-426614174000', hostname: 'example.com',
  ipv4: '192.0.2.1', ipv6: '2001:db8::1', byte: 'aGVsbG8=', 'unix-time': '1700000000', int64: '1', decimal: '1.5', password: 'pass',
};

export interface GenerateOptions {
  /** Include optional top-level fields whose schema is a scalar, an enum or an array of scalars. */
  readonly optionalTopLevel?: boolean;
  /** Names of flat inputs that are files: they get bytes. */
  readonly fileFields?: ReadonlySet<string>;
}

function resolve(schema: Schema, root: Schema, seen: Set<string>): Schema {
  let current = schema;
  for (let depth = 0; typeof current.$ref === 'string' && depth < 20; depth++) {
    const ref = current.$ref as string;
    const name = decodeURIComponent(ref.replace(/^#\/(\$defs|definitions|components\/schemas)\//, '')).replace(/~1/g, '/').replace(/~0/g, '~');
    const defs = (root.$defs ?? root.definitions ?? {}) as Record<string, Schema>;
    const target = defs[name];
    if (!target || seen.has(ref)) return {};
    const { $ref: _ref, ...rest } = current;
    current = { ...target, ...rest };
  }
  return current;
}

function typesOf(schema: Schema): string[] {
  const type = schema.type;
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  if (typeof type === 'string') return [type];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

function isNullOnly(schema: Schema): boolean {
  const types = typesOf(schema);
  return (types.length === 1 && types[0] === 'null') || (schema.enum !== undefined && (schema.enum as unknown[]).every((v) => v === null));
}

function stringValue(schema: Schema): string {
  const format = typeof schema.format === 'string' ? FORMAT_VALUES[schema.format] : undefined;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  if (typeof schema.pattern === 'string') {
    if (format !== undefined && safeTest(schema.pattern, format)) return format;
    const sample = patternSample(schema.pattern);
    if (sample !== undefined) return sample;
  }
  let text = format ?? 'abc';
  if (text.length < min) text = text.padEnd(min, 'a');
  if (text.length > max) text = text.slice(0, Math.max(max, 0));
  return text;
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}

/**
 * A string matching a simple regular expression (literals, classes, escapes, groups with alternation,
 * quantifiers), checked against the real RegExp; undefined when the pattern is beyond this sampler.
 */
function patternSample(pattern: string): string | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  const candidates = ['abc', 'a', '1', '123', 'A1', 'abc-123', '2024-01-02', 'US', 'USD', 'en', 'a_b', '#ffffff', '+15555550100'];
  const simple = candidates.find((candidate) => regex.test(candidate));
  if (simple !== undefined) return simple;
  const built = sampleRegex(pattern);
  return built !== undefined && regex.test(built) ? built : undefined;
}

const CLASS_SAMPLES: Record<string, string> = { d: '1', w: 'a', s: ' ', D: 'a', W: '-', S: 'a' };

function sampleRegex(pattern: string): string | undefined {
  let index = 0;
  const atom = (): string | undefined => {
    const char = pattern[index];
    if (char === undefined) return undefined;
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      index += 2;
      return CLASS_SAMPLES[next] ?? next;
    }
    if (char === '[') {
      const end = pattern.indexOf(']', index + 2);
      if (end < 0) return undefined;
      const body = pattern.slice(index + 1, end);
      index = end + 1;
      if (body.startsWith('^')) return 'a' === body.slice(1, 2) ? 'b' : 'a';
      if (body.startsWith('\\')) return CLASS_SAMPLES[body[1] ?? ''] ?? body[1];
      return body[0];
    }
    if (char === '(') {
      let depth = 0;
      let end = index;
      for (; end < pattern.length; end++) {
        if (pattern[end] === '\\') { end++; continue; }
        if (pattern[end] === '(') depth++;
        if (pattern[end] === ')' && --depth === 0) break;
      }
      let inner = pattern.slice(index + 1, end).replace(/^\?:/, '');
      index = end + 1;
      let level = 0;
      for (let i = 0; i < inner.length; i++) {
        if (inner[i] === '\\') { i++; continue; }
        if (inner[i] === '(') level++;
        if (inner[i] === ')') level--;
        if (inner[i] === '|' && level === 0) { inner = inner.slice(0, i); break; }
      }
      return sampleRegex(inner);
    }
    if (char === '.') { index++; return 'a'; }
    index++;
    return char;
  };
  let out = '';
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === '^' || char === '$') { index++; continue; }
    if (char === '|') break;
    const piece = atom();
    if (piece === undefined) return undefined;
    const quantifier = /^(\{(\d+)(,(\d*))?\}|[+*?])\??/.exec(pattern.slice(index));
    let times = 1;
    if (quantifier) {
      index += quantifier[0].length;
      if (quantifier[2] !== undefined) times = Number(quantifier[2]) || (quantifier[3] ? 1 : 0);
      else times = quantifier[1] === '+' ? 1 : quantifier[1] === '*' || quantifier[1] === '?' ? 0 : 1;
      if (times === 0 && (quantifier[1] === '*' || quantifier[1] === '?')) times = 0;
    }
    out += piece.repeat(times);
  }
  return out;
}

function numberValue(schema: Schema, integer: boolean): number {
  let value = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 1;
  if (typeof schema.maximum === 'number' && value > schema.maximum) value = schema.maximum;
  if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0) value = Math.ceil(value / schema.multipleOf) * schema.multipleOf;
  return integer ? Math.ceil(value) : value;
}

/** Both constraints at once: properties merged, required lists joined. */
function mergeSchemas(base: Schema, extra: Schema): Schema {
  const merged: Record<string, unknown> = { ...base, ...extra };
  if (base.properties || extra.properties) merged.properties = { ...(base.properties as object), ...(extra.properties as object) };
  if (base.required || extra.required) merged.required = [...new Set([...((base.required as string[]) ?? []), ...((extra.required as string[]) ?? [])])];
  return merged;
}

export function generateValue(input: Schema, root: Schema, depth = 0, seen: Set<string> = new Set()): unknown {
  const ref = typeof input.$ref === 'string' ? input.$ref : undefined;
  const schema = resolve(input, root, seen);
  const nextSeen = ref ? new Set([...seen, ref]) : seen;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum.find((value) => value !== null && value !== '') ?? schema.enum[0];
  if (schema.default !== undefined && depth > 0) return schema.default;
  if (Array.isArray(schema.allOf)) {
    const { allOf: _allOf, ...rest } = schema;
    const merged = (schema.allOf as Schema[]).map((part) => resolve(part, root, nextSeen)).reduce<Schema>(mergeSchemas, rest);
    return generateValue(merged, root, depth, nextSeen);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) {
      const usable = (branches as Schema[]).map((branch) => resolve(branch, root, nextSeen)).filter((branch) => !isNullOnly(branch));
      const simple = usable.find((branch) => typesOf(branch).some((t) => t !== 'object' && t !== 'array')) ?? usable[0];
      if (simple) {
        const { [key]: _branches, ...rest } = schema;
        return generateValue(mergeSchemas(rest, simple), root, depth, nextSeen);
      }
    }
  }
  const type = typesOf(schema).find((t) => t !== 'null') ?? (schema.properties ? 'object' : 'string');
  switch (type) {
    case 'string': return stringValue(schema);
    case 'integer': return numberValue(schema, true);
    case 'number': return numberValue(schema, false);
    case 'boolean': return true;
    case 'array': {
      // Two items where allowed, so array delimiters and explode are exercised (one exploded item reads as a scalar).
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : 2;
      const count = Math.max(typeof schema.minItems === 'number' ? schema.minItems : 1, Math.min(2, max), 1);
      const items = resolve((schema.items ?? {}) as Schema, root, nextSeen);
      if (depth > 6) return [];
      const choices = Array.isArray(items.enum) ? (items.enum as unknown[]).filter((value) => value !== null && value !== '') : undefined;
      if (choices && choices.length > 0) return choices.slice(0, Math.min(count, choices.length));
      const values = Array.from({ length: count }, () => generateValue(items, root, depth + 1, nextSeen));
      return schema.uniqueItems === true ? values.slice(0, 1) : values;
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const result: Record<string, unknown> = {};
      if (depth > 6) return result;
      for (const [name, property] of Object.entries(properties)) {
        if (required.has(name)) result[name] = generateValue(property, root, depth + 1, nextSeen);
      }
      return result;
    }
    default: return 'abc';
  }
}

function isSimple(schema: Schema, root: Schema): boolean {
  const resolved = resolve(schema, root, new Set());
  if (resolved.deprecated === true || resolved.readOnly === true) return false;
  if (Array.isArray(resolved.enum)) return true;
  const types = typesOf(resolved);
  if (types.length === 0 || resolved.anyOf || resolved.oneOf || resolved.allOf) return false;
  if (types.includes('array')) return isSimple((resolved.items ?? {}) as Schema, root) && typesOf(resolve((resolved.items ?? {}) as Schema, root, new Set())).every((t) => t !== 'object' && t !== 'array');
  return types.every((t) => t !== 'object');
}

/** Arguments for a tool's flat input schema. */
export function generateArguments(schema: Schema, options: GenerateOptions = {}): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const args: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (options.fileFields?.has(name)) {
      if (required.has(name)) args[name] = Buffer.from('hello prism');
      continue;
    }
    if (required.has(name) || (options.optionalTopLevel && isSimple(property, schema))) args[name] = generateValue(property, schema, 1);
  }
  return args;
}
