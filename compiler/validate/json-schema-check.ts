/**
 * A structural check of the JSON Schema vocabulary (draft 2020-12 plus OpenAPI's additions):
 * each known keyword must hold the kind of value the specification gives it, and a local `$ref`
 * must resolve. Unknown keywords are allowed, as in JSON Schema itself.
 */
import { joinPointer, parsePointer } from '../diagnostics/positions.js';
import type { IR } from '../ir/types.js';
import { closestMatch, editDistance } from '../parse/yaml/did-you-mean.js';
import { regexProblem } from './connection-patterns.js';

export interface SchemaProblem {
  /** Pointer relative to the checked schema's root. */
  readonly path: string;
  readonly message: string;
  /** TS0028 for a bad regular expression, else TS0020. */
  readonly code: 'TS0020' | 'TS0028';
  /** Misspelled keywords are warnings (the schema is valid, but the keyword does nothing). */
  readonly severity: 'error' | 'warning';
}

export interface CheckOptions {
  /** Warn about unknown keywords that look like misspelled known ones (`propertes`). */
  readonly flagMisspelledKeywords?: boolean;
}

const typeNames = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
const schemaKeywords = [
  'additionalProperties', 'additionalItems', 'unevaluatedProperties', 'unevaluatedItems', 'not', 'if', 'then', 'else',
  'contains', 'propertyNames', 'contentSchema',
];
const schemaMapKeywords = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const schemaListKeywords = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const countKeywords = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minContains', 'maxContains'];
const numberKeywords = ['minimum', 'maximum'];
const stringKeywords = ['title', 'description', 'format', '$comment', 'contentMediaType', 'contentEncoding', '$id', '$anchor'];
const booleanKeywords = ['nullable', 'readOnly', 'writeOnly', 'deprecated', 'uniqueItems'];
const otherKeywords = [
  'type', 'required', 'enum', 'const', 'default', 'examples', 'example', 'items', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'pattern', 'dependentRequired', 'dependencies', 'discriminator', '$ref', '$schema', '$dynamicRef',
  '$dynamicAnchor', '$vocabulary', 'xml', 'externalDocs',
];
const knownKeywords = [
  ...schemaKeywords, ...schemaMapKeywords, ...schemaListKeywords, ...countKeywords, ...numberKeywords,
  ...stringKeywords, ...booleanKeywords, ...otherKeywords,
];
// Sets for the walk, which looks every keyword of every schema up (a GitHub-sized toolkit has ~10^5).
const schemaKeywordSet = new Set(schemaKeywords);
const schemaMapKeywordSet = new Set(schemaMapKeywords);
const schemaListKeywordSet = new Set(schemaListKeywords);
const countKeywordSet = new Set(countKeywords);
const numberKeywordSet = new Set(numberKeywords);
const stringKeywordSet = new Set(stringKeywords);
const booleanKeywordSet = new Set(booleanKeywords);

/**
 * Where the walk is, as a chain of segments: the pointer text is built only for a problem (almost never),
 * not for each of the ~10^5 keywords walked.
 */
interface Path {
  readonly parent: Path | undefined;
  readonly segment: string | number;
}

function pointerOf(path: Path | undefined): string {
  const segments: Array<string | number> = [];
  for (let at = path; at !== undefined; at = at.parent) segments.push(at.segment);
  return joinPointer('', ...segments.reverse());
}

function child(parent: Path | undefined, segment: string | number): Path {
  return { parent, segment };
}

interface CheckContext {
  readonly root: IR.JsonSchema;
  readonly shared: Readonly<Record<string, IR.JsonSchema>>;
  readonly problems: SchemaProblem[];
  readonly flagMisspelledKeywords: boolean;
  /** Schemas already walked (shared objects may be referenced from several places). */
  readonly seen: Set<object>;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkJsonSchema(
  schema: unknown,
  shared: Readonly<Record<string, IR.JsonSchema>> = {},
  options: CheckOptions = {},
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  if (!isObject(schema) && typeof schema !== 'boolean') {
    problems.push({ path: '', message: `a schema must be a mapping or a boolean, not ${kindOf(schema)}`, code: 'TS0020', severity: 'error' });
    return problems;
  }
  if (isObject(schema)) {
    walk(schema, undefined, {
      root: schema,
      shared,
      problems,
      seen: new Set(),
      flagMisspelledKeywords: options.flagMisspelledKeywords ?? false,
    });
  }
  return problems;
}

function walkChild(value: unknown, path: Path, context: CheckContext): void {
  if (typeof value === 'boolean') return;
  if (!isObject(value)) {
    context.problems.push({
      path: pointerOf(path),
      message: `expected a schema (a mapping or a boolean), got ${kindOf(value)}`,
      code: 'TS0020',
      severity: 'error',
    });
    return;
  }
  walk(value, path, context);
}

function walk(schema: Record<string, unknown>, path: Path | undefined, context: CheckContext): void {
  if (context.seen.has(schema)) return;
  context.seen.add(schema);
  const problem = (keyword: string, message: string, code: SchemaProblem['code'] = 'TS0020'): void => {
    context.problems.push({ path: pointerOf(child(path, keyword)), message, code, severity: 'error' });
  };
  for (const keyword in schema) {
    if (!Object.hasOwn(schema, keyword)) continue;
    const value = schema[keyword];
    if (keyword.startsWith('x-')) continue;
    const at = child(path, keyword);
    if (keyword === 'type') {
      const names = Array.isArray(value) ? value : [value];
      if (Array.isArray(value) && value.length === 0) problem(keyword, '"type" must not be an empty list');
      for (const name of names) {
        if (typeof name !== 'string' || !typeNames.includes(name)) {
          problem(keyword, `unknown type ${JSON.stringify(name)}; the types are ${typeNames.join(', ')}`);
        }
      }
      if (new Set(names).size !== names.length) problem(keyword, '"type" lists a type twice');
    } else if (keyword === 'required') {
      if (!Array.isArray(value) || value.some((name) => typeof name !== 'string')) {
        problem(keyword, `"required" must be a list of property names, got ${kindOf(value)}`);
      }
    } else if (keyword === 'enum') {
      if (!Array.isArray(value)) problem(keyword, `"enum" must be a list of values, got ${kindOf(value)}`);
      else if (value.length === 0) problem(keyword, '"enum" must list at least one value');
    } else if (schemaMapKeywordSet.has(keyword)) {
      if (!isObject(value)) problem(keyword, `"${keyword}" must be a mapping of names to schemas, got ${kindOf(value)}`);
      else for (const [name, member] of Object.entries(value)) walkChild(member, child(at, name), context);
    } else if (schemaListKeywordSet.has(keyword)) {
      if (!Array.isArray(value) || value.length === 0) problem(keyword, `"${keyword}" must be a non-empty list of schemas`);
      else value.forEach((member, index) => walkChild(member, child(at, index), context));
    } else if (keyword === 'items') {
      // A list is draft-04 tuple validation, still common in OpenAPI specs.
      if (Array.isArray(value)) value.forEach((member, index) => walkChild(member, child(at, index), context));
      else walkChild(value, at, context);
    } else if (schemaKeywordSet.has(keyword)) {
      walkChild(value, at, context);
    } else if (countKeywordSet.has(keyword)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        problem(keyword, `"${keyword}" must be a non-negative integer, got ${kindOf(value)}`);
      }
    } else if (numberKeywordSet.has(keyword)) {
      if (typeof value !== 'number') problem(keyword, `"${keyword}" must be a number, got ${kindOf(value)}`);
    } else if (keyword === 'exclusiveMinimum' || keyword === 'exclusiveMaximum') {
      // A number since draft 6; a boolean in OpenAPI 3.0.
      if (typeof value !== 'number' && typeof value !== 'boolean') problem(keyword, `"${keyword}" must be a number, got ${kindOf(value)}`);
    } else if (keyword === 'multipleOf') {
      if (typeof value !== 'number' || value <= 0) problem(keyword, `"multipleOf" must be a number above 0, got ${kindOf(value)}`);
    } else if (keyword === 'pattern') {
      if (typeof value !== 'string') problem(keyword, `"pattern" must be a string, got ${kindOf(value)}`);
      else {
        const reason = regexProblem(value);
        if (reason) problem(keyword, `"pattern" is not a valid regular expression: ${reason}`, 'TS0028');
      }
    } else if (stringKeywordSet.has(keyword)) {
      if (typeof value !== 'string') problem(keyword, `"${keyword}" must be a string, got ${kindOf(value)}`);
    } else if (booleanKeywordSet.has(keyword)) {
      if (typeof value !== 'boolean') problem(keyword, `"${keyword}" must be true or false, got ${kindOf(value)}`);
    } else if (keyword === 'examples') {
      if (!Array.isArray(value)) problem(keyword, `"examples" must be a list, got ${kindOf(value)}`);
    } else if (keyword === 'dependentRequired') {
      const ok = isObject(value) && Object.values(value).every((list) => Array.isArray(list) && list.every((name) => typeof name === 'string'));
      if (!ok) problem(keyword, '"dependentRequired" must map property names to lists of property names');
    } else if (keyword === 'discriminator') {
      if (!isObject(value) || typeof value['propertyName'] !== 'string') {
        problem(keyword, '"discriminator" must be a mapping with a string "propertyName"');
      }
    } else if (keyword === '$ref') {
      if (typeof value !== 'string') problem(keyword, `"$ref" must be a string, got ${kindOf(value)}`);
      else {
        const reason = refProblem(value, context);
        if (reason) problem(keyword, reason);
      }
    } else if (context.flagMisspelledKeywords && !knownKeywords.includes(keyword)) {
      // Only near misses: a short unknown word is more likely a deliberate annotation than a typo.
      const match = closestMatch(keyword, knownKeywords);
      if (match !== undefined && keyword.length >= 5 && match.length >= 5 && editDistance(keyword, match) <= 2) {
        context.problems.push({
          path: pointerOf(at),
          message: `unknown keyword "${keyword}" has no effect; did you mean "${match}"?`,
          code: 'TS0020',
          severity: 'warning',
        });
      }
    }
  }
}

function refProblem(ref: string, context: CheckContext): string | undefined {
  if (!ref.startsWith('#')) return `"$ref" ${JSON.stringify(ref)} points outside this schema; only local references (#/$defs/…) are supported`;
  const segments = parsePointer(ref).map((segment) => decodeURIComponent(segment));
  if (segments[0] === '$defs' && segments.length >= 2) {
    const name = segments[1] ?? '';
    const local = context.root['$defs'];
    if ((isObject(local) && name in local) || Object.hasOwn(context.shared, name)) return undefined;
    return `"$ref" ${JSON.stringify(ref)} names a missing definition "${name}"`;
  }
  let current: unknown = context.root;
  for (const segment of segments) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current)) current = current[segment];
    else current = undefined;
    if (current === undefined) return `"$ref" ${JSON.stringify(ref)} does not resolve inside this schema`;
  }
  return undefined;
}
