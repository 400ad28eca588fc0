/**
 * Small helpers shared by the per-provider lowerings. Pure functions over plain JSON Schema objects;
 * nothing here imports compiler-only packages, so the runtime can lower custom tools with the same code.
 */
import { createHash } from 'node:crypto';
import type { ArgumentFix, JsonSchema } from '../../runtime/types.js';

export type Schema = { [keyword: string]: unknown };

export function isSchemaObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, stable hash of text (hex). */
export function stableHash(text: string, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * Makes `name` match `[allowed]{1,max}` (and, when given, a first-character rule), keeping it readable:
 * bad characters become `_`, and a name that had to change or is too long gets a stable hash suffix
 * so two different names never collapse into one.
 */
export function safeName(
  name: string,
  options: { readonly allowed: RegExp; readonly max: number; readonly first?: RegExp; readonly taken?: ReadonlySet<string> },
): string {
  const allowedOnly = wholeMatch(options.allowed);
  const valid = (candidate: string): boolean =>
    candidate.length >= 1 && candidate.length <= options.max && allowedOnly.test(candidate)
    && (options.first === undefined || options.first.test(candidate[0] ?? ''));
  if (valid(name) && !options.taken?.has(name)) return name;
  let cleaned = [...name].map((c) => (options.allowed.test(c) ? c : '_')).join('').replace(/_+/g, '_').replace(/(.)_$/, '$1');
  if (cleaned === '' || (options.first !== undefined && !options.first.test(cleaned[0] ?? ''))) cleaned = `_${cleaned}`;
  const suffix = `_${stableHash(name, 6)}`;
  let candidate = cleaned === name && cleaned.length <= options.max ? cleaned : `${cleaned.slice(0, options.max - suffix.length)}${suffix}`;
  for (let attempt = 1; options.taken?.has(candidate); attempt += 1) {
    const extra = `_${stableHash(`${name}#${attempt}`, 6)}`;
    candidate = `${cleaned.slice(0, options.max - extra.length)}${extra}`;
  }
  return candidate;
}

const wholeMatches = new WeakMap<RegExp, RegExp>();

/**
 * `allowed` (a one-character pattern) repeated over a whole string, code point by code point: one regular
 * expression test per name instead of one per character (safeName runs for every property of every tool).
 */
function wholeMatch(allowed: RegExp): RegExp {
  let whole = wholeMatches.get(allowed);
  if (!whole) {
    whole = new RegExp(`^(?:${allowed.source})*$`, 'u');
    wholeMatches.set(allowed, whole);
  }
  return whole;
}

const PROVIDER_TOOL_NAME = { allowed: /[a-zA-Z0-9_-]/, max: 64, first: /[a-zA-Z_]/ } as const;

/** The tool name a provider sees: `^[a-zA-Z0-9_-]{1,64}$` (OpenAI and Anthropic; Gemini accepts a superset). */
export function providerToolName(slug: string): string {
  return safeName(slug, PROVIDER_TOOL_NAME);
}

/** Types named by a schema (`type` string or array, OpenAPI `nullable`). */
export function typesOf(schema: Schema): string[] {
  const raw = schema['type'];
  const types = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((t): t is string => typeof t === 'string') : [];
  if (schema['nullable'] === true && !types.includes('null') && types.length > 0) types.push('null');
  return types;
}

/** Resolves a local `#/$defs/Name` (or `#/definitions/Name`) reference against the root schema. */
export function resolveLocalRef(root: Schema, ref: string): Schema | undefined {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (!match) return undefined;
  const defs = root[match[1] as string];
  if (!isSchemaObject(defs)) return undefined;
  const name = (match[2] as string).replace(/~1/g, '/').replace(/~0/g, '~');
  const target = defs[name];
  return isSchemaObject(target) ? target : undefined;
}

/**
 * `allOf` whose parts (local `$ref`s resolved) are all object schemas → one object with properties and
 * `required` united; undefined when a part is not an object (then the caller has to fall back).
 */
export function mergeObjectAllOf(input: Schema, root: Schema): Schema | undefined {
  const { allOf, ...rest } = input;
  const merged: Schema = { type: 'object', properties: {}, required: [] as string[] };
  for (const raw of [rest, ...(Array.isArray(allOf) ? allOf : [])]) {
    const part = isSchemaObject(raw) && typeof raw['$ref'] === 'string' ? resolveLocalRef(root, raw['$ref']) : raw;
    if (!isSchemaObject(part) || Array.isArray(part['allOf']) || Array.isArray(part['anyOf']) || Array.isArray(part['oneOf']) || typeof part['$ref'] === 'string') return undefined;
    const types = typesOf(part);
    if (types.length > 0 && !types.includes('object')) return undefined;
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' && isSchemaObject(value)) Object.assign(merged['properties'] as Schema, value);
      else if (key === 'required' && Array.isArray(value)) (merged['required'] as string[]).push(...value.filter((r): r is string => typeof r === 'string'));
      else if (key !== 'type' && !(key in merged)) merged[key] = value;
    }
  }
  return merged;
}

/** Describes keywords a provider cannot take, so the model still reads them. */
export function describeDropped(description: unknown, dropped: ReadonlyArray<readonly [string, unknown]>): string | undefined {
  const base = typeof description === 'string' ? description.trim() : '';
  if (dropped.length === 0) return base === '' ? undefined : base;
  const words = dropped.map(([keyword, value]) => `${keyword}: ${formatValue(value)}`).join('; ');
  return base === '' ? `(${words})` : `${base} (${words})`;
}

function formatValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** A string field standing in for a value the provider cannot describe: the model sends JSON text. */
export function jsonStringField(original: Schema, why: string): Schema {
  const description = typeof original['description'] === 'string' ? `${original['description'].trim()} ` : '';
  return { type: 'string', description: `${description}(${why}: send it as a JSON-encoded string)`.trim() };
}

/** Keywords that are private to the compiler or to OpenAPI tooling and must never reach a model. */
export function isPrivateKeyword(keyword: string): boolean {
  return keyword.startsWith('x-') || keyword === 'discriminator' || keyword === 'xml' || keyword === 'externalDocs'
    || keyword === '$schema' || keyword === '$id' || keyword === '$comment' || keyword === '$anchor';
}

/** A `format` that marks an uploaded file in the flat schema. */
export function isFileFormat(schema: Schema): boolean {
  return schema['format'] === 'binary' || schema['contentEncoding'] === 'binary' || schema['x-toolsmith-file'] === true
    || schema['x-file'] === true;
}

export const FILE_DESCRIPTION = 'A local file path or an https URL of the file';

/** Records fixes in provider-side paths. */
export class FixRecorder {
  readonly fixes: ArgumentFix[] = [];
  readonly changes: string[] = [];
  private readonly seenChanges = new Set<string>();

  fix(fix: ArgumentFix): void {
    this.fixes.push(fix);
  }

  change(words: string): void {
    if (this.seenChanges.has(words)) return;
    this.seenChanges.add(words);
    this.changes.push(words);
  }
}

/** Human-readable location of a path (`issue.labels[]`), `(root)` for the root. */
export function pathWords(path: readonly string[]): string {
  if (path.length === 0) return '(root)';
  return path.reduce((text, segment) => (segment === '[]' || segment === '{}' ? `${text}${segment}` : text === '' ? segment : `${text}.${segment}`), '');
}

export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

export function asJsonSchema(schema: Schema): JsonSchema {
  return schema;
}
