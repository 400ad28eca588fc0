/**
 * OpenAPI schemas → IR JSON Schema (2020-12 vocabulary).
 *
 * Every `$ref` becomes `{ $ref: '#/$defs/<Name>' }` pointing at a shared schema converted once
 * (components.schemas / 2.0 definitions get their PascalCase key; other targets a name derived from
 * the pointer), so nothing is inlined twice and cycles stay refs. Only a known keyword set is kept:
 * vendor extensions, examples, xml and titles go. `nullable` (3.0) and `x-nullable` (2.0) become
 * type arrays or `anyOf [.., null]`; 3.0 boolean exclusive bounds become 2020-12 numbers.
 */
import type { IR } from '../../ir/types.js';
import { compositionCycleMembers, type CycleMember } from './composition-cycles.js';
import { NameTable, pascalCase } from './names.js';
import { isPlainObject, joinPointer, refToPointer, splitPointer, valueAtPointer, type PlainObject } from './refs.js';
import type { Reporter } from './report.js';
import type { SpecVersion } from './load-spec.js';
import { trimText } from './text.js';

type Mutable = Record<string, unknown>;

const PRIMITIVE_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const NUMERIC_KEYWORDS = ['minimum', 'maximum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'];
const STRUCTURAL_SEGMENTS = new Set([
  'components', 'schemas', 'definitions', 'properties', 'items', 'paths', 'content', 'schema', 'responses',
  'parameters', 'requestBodies', 'requestBody', 'allOf', 'oneOf', 'anyOf', 'additionalProperties', 'get', 'put',
  'post', 'delete', 'patch', 'head', 'options',
]);
const MAX_DEPTH = 120;
const SCHEMA_DESCRIPTION_LIMIT = 500;

export const DEFS_PREFIX = '#/$defs/';

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'null': return value === null;
    case 'array': return Array.isArray(value);
    case 'object': return isPlainObject(value);
    default: return true;
  }
}

function matchesAnyType(value: unknown, type: unknown): boolean {
  if (typeof type === 'string') return matchesType(value, type);
  if (Array.isArray(type)) return type.some((t) => typeof t === 'string' && matchesType(value, t));
  return true;
}

/** Patterns repeat across a spec (GitHub: the same few on thousands of fields): each is compiled once. */
const patternValidity = new Map<string, boolean>();

function validPattern(pattern: string): boolean {
  let valid = patternValidity.get(pattern);
  if (valid === undefined) {
    try {
      new RegExp(pattern, 'u');
      valid = true;
    } catch {
      valid = false;
    }
    if (patternValidity.size > 10_000) patternValidity.clear();
    patternValidity.set(pattern, valid);
  }
  return valid;
}

/** Values equal as JSON counted once, first occurrence kept (linear, where pairwise comparison was quadratic). */
function uniqueJsonValues(values: readonly unknown[]): unknown[] {
  const seen = new Set<string | undefined>();
  const out: unknown[] = [];
  for (const value of values) {
    const text = JSON.stringify(value);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(value);
  }
  return out;
}

export class SchemaConverter {
  /** Shared schema name → converted (neutral) schema. */
  readonly shared = new Map<string, IR.JsonSchema>();
  private readonly nameByPointer = new Map<string, string>();
  private readonly names = new NameTable();
  private readonly pending: Array<{ pointer: string; name: string }> = [];
  private readonly reportedCycles = new Set<string>();
  /** Members closing a composition-only cycle (see composition-cycles.ts), found on first use. */
  private cycleMembers: Map<string, CycleMember> | undefined;

  constructor(
    private readonly root: PlainObject,
    private readonly file: string,
    private readonly version: SpecVersion,
    private readonly reporter: Reporter,
  ) {
    // Component names are claimed up front, in document order, so they do not depend on which
    // operations an overlay selects.
    const base = version === '2.0' ? '/definitions' : '/components/schemas';
    const container = valueAtPointer(root, base);
    if (isPlainObject(container)) {
      for (const key of Object.keys(container)) {
        this.nameByPointer.set(joinPointer(base, key), this.names.claim(pascalCase(key)));
      }
    }
  }

  /** Claims a fresh shared-schema name (for variants), unique among all names. */
  claimName(base: string): string {
    return this.names.claim(base);
  }

  /** The shared name for a schema at `pointer`, queuing its conversion on first use. */
  nameFor(pointer: string): string {
    let name = this.nameByPointer.get(pointer);
    if (name === undefined) {
      const meaningful = splitPointer(pointer).filter((segment) => !STRUCTURAL_SEGMENTS.has(segment) && !/^[0-9]+$/.test(segment));
      name = this.names.claim(pascalCase(meaningful.slice(-3).join(' ')));
      this.nameByPointer.set(pointer, name);
    }
    if (!this.shared.has(name)) {
      this.shared.set(name, {}); // placeholder: claimed, converted by drain()
      this.pending.push({ pointer, name });
    }
    return name;
  }

  /** Converts every queued shared schema (which may queue more). */
  drain(): void {
    for (let next = this.pending.pop(); next; next = this.pending.pop()) {
      const node = valueAtPointer(this.root, next.pointer);
      this.shared.set(next.name, this.convert(node, next.pointer));
    }
  }

  /** Conversions of schemas operations share (`components/parameters`, `components/responses`…), by pointer. */
  private readonly byPointer = new Map<string, { readonly node: unknown; readonly schema: IR.JsonSchema }>();

  /**
   * `convert` for an operation's parameter, body or response schema. Operations that `$ref` the same component
   * get the same (read-only) result; a conversion that reported anything is redone each time, so every
   * place still gets its diagnostics.
   */
  convertOperationSchema(node: unknown, pointer: string): IR.JsonSchema {
    const known = this.byPointer.get(pointer);
    if (known && known.node === node) return known.schema;
    const before = this.reporter.reported;
    const schema = this.convert(node, pointer);
    if (this.reporter.reported === before) this.byPointer.set(pointer, { node, schema });
    return schema;
  }

  /** Converts one schema node found at `pointer`. */
  convert(node: unknown, pointer: string, depth = 0): IR.JsonSchema {
    if (node === true || node === undefined) return {};
    if (node === false) return { not: {} };
    if (!isPlainObject(node)) {
      this.reporter.warning('TS0020', 'a schema must be an object; it was ignored', { file: this.file, pointer });
      return {};
    }
    if (depth > MAX_DEPTH) {
      this.reporter.warning('TS0206', 'schema nested too deeply (a YAML alias cycle?); the rest is accepted as any value', { file: this.file, pointer });
      return {};
    }
    if (typeof node['$ref'] === 'string') return this.convertRef(node, pointer, depth);

    const out: Mutable = {};
    const at = (...segments: Array<string | number>) => joinPointer(pointer, ...segments);
    const child = (value: unknown, ...segments: Array<string | number>) => this.convert(value, at(...segments), depth + 1);

    let type = node['type'];
    if (type === 'file') {
      out['type'] = 'string';
      out['format'] = 'binary';
    } else if (typeof type === 'string' && PRIMITIVE_TYPES.has(type)) {
      out['type'] = type;
    } else if (typeof type === 'string' && PRIMITIVE_TYPES.has(type.toLowerCase())) {
      out['type'] = type.toLowerCase();
      this.reporter.info('TS0020', `type ${JSON.stringify(type)} read as ${JSON.stringify(out['type'])}`, { file: this.file, pointer: at('type') });
    } else if (Array.isArray(type)) {
      const types = [...new Set(type.filter((t): t is string => typeof t === 'string' && PRIMITIVE_TYPES.has(t)))];
      if (types.length === 1) out['type'] = types[0];
      else if (types.length > 1) out['type'] = types;
    } else if (type !== undefined) {
      // Not a JSON Schema type (`str`, `int`, ``): say so rather than silently accept anything.
      this.reporter.warning('TS0020', `type ${JSON.stringify(type)} is not a JSON Schema type; accepted as any value`, { file: this.file, pointer: at('type') }, `use one of ${[...PRIMITIVE_TYPES].join(', ')}`);
    }
    type = out['type'];

    if (typeof node['format'] === 'string' && out['format'] === undefined) out['format'] = node['format'];
    if (typeof node['description'] === 'string' && node['description'].trim() !== '') {
      out['description'] = trimText(node['description'], SCHEMA_DESCRIPTION_LIMIT);
    }

    const properties = node['properties'];
    // JSON Schema draft 3 and Swagger-era specs mark a property `required: true` in the property itself.
    const requiredInside: string[] = [];
    if (isPlainObject(properties)) {
      const converted: Mutable = {};
      for (const [key, value] of Object.entries(properties)) {
        converted[key] = child(value, 'properties', key);
        if (isPlainObject(value) && value['required'] === true && value['$ref'] === undefined) {
          requiredInside.push(key);
          this.reporter.warning('TS0020', `\`required: true\` inside property "${key}" is not OpenAPI; read as listing "${key}" in the object's required`, { file: this.file, pointer: at('properties', key, 'required') }, `write \`required: [${key}]\` on the object instead`);
        }
      }
      out['properties'] = converted;
    } else if (properties !== undefined) {
      this.reporter.warning('TS0020', '`properties` must be an object of property names to schemas; ignored', { file: this.file, pointer: at('properties') });
    }
    const declaredRequired = node['required'];
    let requiredNames: unknown[] = [];
    if (Array.isArray(declaredRequired)) requiredNames = declaredRequired;
    else if (typeof declaredRequired === 'string') {
      requiredNames = [declaredRequired];
      this.reporter.warning('TS0020', `\`required\` must be a list of property names; read as [${JSON.stringify(declaredRequired)}]`, { file: this.file, pointer: at('required') });
    } else if (declaredRequired !== undefined && !(typeof declaredRequired === 'boolean' && depth > 0)) {
      this.reporter.warning('TS0020', '`required` must be a list of property names; ignored', { file: this.file, pointer: at('required') });
    }
    const required = [...new Set([...requiredNames.filter((r): r is string => typeof r === 'string'), ...requiredInside])];
    if (required.length > 0) out['required'] = required;
    const additional = node['additionalProperties'];
    if (typeof additional === 'boolean') out['additionalProperties'] = additional;
    else if (isPlainObject(additional)) out['additionalProperties'] = child(additional, 'additionalProperties');
    if (isPlainObject(node['patternProperties'])) {
      const converted: Mutable = {};
      for (const [key, value] of Object.entries(node['patternProperties'])) {
        if (validPattern(key)) converted[key] = child(value, 'patternProperties', key);
      }
      if (Object.keys(converted).length > 0) out['patternProperties'] = converted;
    }
    const items = node['items'];
    if (Array.isArray(items)) out['prefixItems'] = items.map((item, i) => child(item, 'items', i));
    else if (isPlainObject(items) || typeof items === 'boolean') out['items'] = child(items, 'items');
    else if (items !== undefined) {
      this.reporter.warning('TS0020', `\`items\` must be a schema, not ${JSON.stringify(items)}; items accepted as any value`, { file: this.file, pointer: at('items') }, typeof items === 'string' ? `write \`items: { type: ${items} }\`` : undefined);
    }
    if (Array.isArray(node['prefixItems'])) out['prefixItems'] = node['prefixItems'].map((item, i) => child(item, 'prefixItems', i));
    if (type === 'array' && out['items'] === undefined && out['prefixItems'] === undefined) out['items'] = {};

    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      const list = node[keyword];
      if (!Array.isArray(list) || list.length === 0) continue;
      const kept = list.flatMap((item, i) => (this.closesCycle(at(keyword, i)) ? [] : [child(item, keyword, i)]));
      if (kept.length > 0) out[keyword] = kept;
    }
    if (isPlainObject(node['not'])) out['not'] = child(node['not'], 'not');

    this.copyValidation(node, out, pointer);
    if (isPlainObject(node['discriminator'])) {
      const discriminator = this.convertDiscriminator(node['discriminator']);
      if (discriminator) out['discriminator'] = discriminator;
    }
    for (const flag of ['readOnly', 'writeOnly', 'deprecated'] as const) if (node[flag] === true) out[flag] = true;
    for (const keyword of ['contentMediaType', 'contentEncoding'] as const) {
      if (typeof node[keyword] === 'string') out[keyword] = node[keyword];
    }
    const nullable = node['nullable'] === true || node['x-nullable'] === true;
    return nullable ? addNull(out) : out;
  }

  private convertRef(node: PlainObject, pointer: string, depth: number): IR.JsonSchema {
    const ref = node['$ref'] as string;
    const target = refToPointer(ref);
    const origin = { file: this.file, pointer: joinPointer(pointer, '$ref') };
    if (target === undefined) {
      this.reporter.warning('TS0203', `external $ref "${ref}" was not bundled; accepted as any value`, origin);
      return {};
    }
    if (valueAtPointer(this.root, target) === undefined) {
      this.reporter.warning('TS0203', `$ref "${ref}" points at nothing in the spec; accepted as any value`, origin);
      return {};
    }
    if (this.inRefCycle(target)) return {};
    const out: Mutable = { $ref: DEFS_PREFIX + this.nameFor(target) };
    if (typeof node['description'] === 'string' && node['description'].trim() !== '') {
      out['description'] = trimText(node['description'], SCHEMA_DESCRIPTION_LIMIT);
    }
    for (const flag of ['readOnly', 'writeOnly'] as const) if (node[flag] === true) out[flag] = true;
    // 3.1 allows keywords beside $ref; when they constrain, keep them with an allOf.
    if (this.version === '3.1') {
      const rest: PlainObject = { ...node };
      for (const key of ['$ref', 'description', 'readOnly', 'writeOnly', 'summary', 'title', 'examples', 'example']) delete rest[key];
      if (Object.keys(rest).some((key) => !key.startsWith('x-'))) {
        const extra = this.convert(rest, pointer, depth + 1);
        if (Object.keys(extra).length > 0) {
          const description = out['description'];
          const merged: Mutable = { allOf: [{ $ref: out['$ref'] }, extra] };
          if (description !== undefined) merged['description'] = description;
          return merged;
        }
      }
    }
    return node['nullable'] === true || node['x-nullable'] === true ? addNull(out) : out;
  }

  /** Whether the allOf/anyOf/oneOf member at `member` closes a composition-only cycle; reported when so. */
  private closesCycle(member: string): boolean {
    this.cycleMembers ??= compositionCycleMembers(this.root, this.version === '2.0' ? '/definitions' : '/components/schemas');
    const found = this.cycleMembers.get(member);
    if (!found) return false;
    const path = found.cycle.map((pointer) => `#${pointer}`).join(' → ');
    this.reporter.warning('TS0203', `this member closes a cycle of allOf/anyOf/oneOf and $refs with no property in between (${path}); dropped`, { file: this.file, pointer: member });
    return true;
  }

  /**
   * Whether the `$ref` chain from `start` only leads back into itself (A → B → A): such a schema describes
   * no value, and as shared schemas it would become type aliases that reference themselves. Reported once
   * per cycle, at the first `$ref` of it.
   */
  private inRefCycle(start: string): boolean {
    const chain: string[] = [];
    for (let at: string | undefined = start; at !== undefined; ) {
      const node = valueAtPointer(this.root, at);
      if (!isPlainObject(node) || typeof node['$ref'] !== 'string') return false;
      const seenAt = chain.indexOf(at);
      if (seenAt !== -1) {
        const cycle = chain.slice(seenAt);
        const key = [...cycle].sort().join('\u0000');
        if (!this.reportedCycles.has(key)) {
          this.reportedCycles.add(key);
          const path = [...cycle, at].map((pointer) => `#${pointer}`).join(' → ');
          this.reporter.warning('TS0203', `$ref cycle ${path} never reaches a schema; accepted as any value`, { file: this.file, pointer: joinPointer(cycle[0]!, '$ref') });
        }
        return true;
      }
      chain.push(at);
      at = refToPointer(node['$ref']);
    }
    return false;
  }

  private copyValidation(node: PlainObject, out: Mutable, pointer: string): void {
    for (const keyword of NUMERIC_KEYWORDS) {
      const value = node[keyword];
      if (typeof value === 'number' && Number.isFinite(value)) out[keyword] = value;
    }
    for (const [bound, exclusive] of [['minimum', 'exclusiveMinimum'], ['maximum', 'exclusiveMaximum']] as const) {
      const value = node[exclusive];
      if (typeof value === 'number') out[exclusive] = value;
      else if (value === true && typeof out[bound] === 'number') {
        out[exclusive] = out[bound];
        delete out[bound];
      }
    }
    if (node['uniqueItems'] === true) out['uniqueItems'] = true;
    if (typeof node['pattern'] === 'string') {
      if (validPattern(node['pattern'])) out['pattern'] = node['pattern'];
      else this.reporter.info('TS0206', `pattern ${JSON.stringify(node['pattern'])} is not a valid JavaScript regular expression; dropped`, { file: this.file, pointer: joinPointer(pointer, 'pattern') });
    }
    const type = out['type'];
    if (Array.isArray(node['enum'])) {
      const unique = uniqueJsonValues(node['enum'].filter((value) => matchesAnyType(value, type)));
      if (unique.length > 0) out['enum'] = unique;
    }
    if ('const' in node && matchesAnyType(node['const'], type)) out['const'] = node['const'];
    if ('default' in node && node['default'] !== undefined) {
      const value = node['default'];
      const enumValues = out['enum'] as unknown[] | undefined;
      const inEnum = !enumValues || enumValues.some((option) => JSON.stringify(option) === JSON.stringify(value));
      if (matchesAnyType(value, type) && inEnum && (value !== null || type === 'null' || (Array.isArray(type) && type.includes('null')))) {
        out['default'] = value;
      }
    }
  }

  private convertDiscriminator(node: PlainObject): Mutable | undefined {
    if (typeof node['propertyName'] !== 'string') return undefined;
    const out: Mutable = { propertyName: node['propertyName'] };
    if (isPlainObject(node['mapping'])) {
      const mapping: Record<string, string> = {};
      const base = this.version === '2.0' ? '/definitions' : '/components/schemas';
      for (const [value, target] of Object.entries(node['mapping'])) {
        if (typeof target !== 'string') continue;
        const pointer = target.startsWith('#') ? refToPointer(target) : joinPointer(base, target);
        if (pointer !== undefined && valueAtPointer(this.root, pointer) !== undefined) mapping[value] = DEFS_PREFIX + this.nameFor(pointer);
      }
      if (Object.keys(mapping).length > 0) out['mapping'] = mapping;
    }
    return out;
  }
}

/** Makes a converted schema also accept null. */
export function addNull(schema: Mutable): Mutable {
  const type = schema['type'];
  if (typeof type === 'string') {
    if (type === 'null') return schema;
    const out: Mutable = { ...schema, type: [type, 'null'] };
    if (Array.isArray(schema['enum']) && !schema['enum'].includes(null)) out['enum'] = [...schema['enum'], null];
    return out;
  }
  if (Array.isArray(type)) {
    if (type.includes('null')) return schema;
    const out: Mutable = { ...schema, type: [...type, 'null'] };
    if (Array.isArray(schema['enum']) && !schema['enum'].includes(null)) out['enum'] = [...schema['enum'], null];
    return out;
  }
  const keys = Object.keys(schema).filter((key) => key !== 'description');
  if (keys.length === 0) return schema; // already accepts anything, null included
  const { description, ...rest } = schema;
  const out: Mutable = { anyOf: [rest, { type: 'null' }] };
  if (description !== undefined) out['description'] = description;
  return out;
}
