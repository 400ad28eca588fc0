/**
 * The `openapi:` section of toolkit.yaml: which operations to import and per-operation overrides.
 *
 * Selectors (for `include` and `exclude`):
 * - `tag:<Tag>`            operations carrying that tag (case-insensitive);
 * - `METHOD /path`         one operation (`*` as METHOD means any; the path may hold globs);
 * - `/path/glob`           any method; `*` matches within one segment, `**` across segments;
 * - anything else          an operationId.
 * Override keys are an operationId or `METHOD /path`.
 */
import type { IR } from '../../ir/types.js';
import { isPlainObject, joinPointer } from './refs.js';
import type { Reporter } from './report.js';

export interface ToolOverride {
  readonly key: string;
  readonly slug?: string;
  readonly name?: string;
  readonly description?: string;
  readonly importance?: number;
  readonly scopes?: readonly string[];
  readonly tags?: readonly string[];
  readonly hints?: Partial<IR.ToolHints>;
  readonly pointer: string;
}

export interface Selector {
  readonly text: string;
  readonly pointer: string;
  matches(operation: SelectableOperation): boolean;
  /** True when the selector names one operation (operationId or exact `METHOD /path`). */
  readonly byName: boolean;
}

export interface SelectableOperation {
  readonly method: IR.HttpMethod;
  readonly path: string;
  readonly operationId?: string;
  readonly tags: readonly string[];
}

export interface Overlay {
  readonly spec: string;
  readonly include?: readonly Selector[];
  readonly exclude: readonly Selector[];
  readonly tools: readonly ToolOverride[];
}

const METHOD_SELECTOR = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|\*)\s+(\/\S*)$/i;
const HINT_KEYS = ['readOnly', 'idempotent', 'destructive', 'openWorld'] as const;

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') {
      source += '[^/]*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** Path templates compare without parameter names: `/a/{x}` equals `/a/{id}`. */
export function normalizePathTemplate(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '') || '/';
}

export function operationKeyMatches(key: string, operation: SelectableOperation): boolean {
  const method = METHOD_SELECTOR.exec(key.trim());
  if (method) {
    return (method[1] === '*' || method[1]!.toUpperCase() === operation.method) &&
      normalizePathTemplate(method[2]!) === normalizePathTemplate(operation.path);
  }
  return operation.operationId === key;
}

export function parseSelector(text: string, pointer: string): Selector {
  const trimmed = text.trim();
  if (/^tag:/i.test(trimmed)) {
    const tag = trimmed.slice(4).trim().toLowerCase();
    return { text, pointer, byName: false, matches: (op) => op.tags.some((t) => t.toLowerCase() === tag) };
  }
  const method = METHOD_SELECTOR.exec(trimmed);
  if (method) {
    const verb = method[1]!.toUpperCase();
    const path = method[2]!;
    const hasGlob = path.includes('*');
    const pattern = hasGlob ? globToRegExp(normalizePathTemplate(path)) : undefined;
    const exact = normalizePathTemplate(path);
    return {
      text, pointer, byName: !hasGlob && verb !== '*',
      matches: (op) => (verb === '*' || verb === op.method) &&
        (pattern ? pattern.test(normalizePathTemplate(op.path)) : exact === normalizePathTemplate(op.path)),
    };
  }
  if (trimmed.startsWith('/')) {
    const pattern = globToRegExp(normalizePathTemplate(trimmed));
    return { text, pointer, byName: false, matches: (op) => pattern.test(normalizePathTemplate(op.path)) };
  }
  return { text, pointer, byName: true, matches: (op) => op.operationId === trimmed };
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

/** Wrong-typed fields are skipped silently here: the YAML parser's shape check already reported them. */
function readOverride(key: string, raw: unknown, pointer: string): ToolOverride | undefined {
  if (!isPlainObject(raw)) return undefined;
  const out: { -readonly [K in keyof ToolOverride]: ToolOverride[K] } = { key, pointer };
  for (const field of ['slug', 'name', 'description'] as const) {
    const value = raw[field];
    if (typeof value === 'string') out[field] = value;
  }
  if (typeof raw['importance'] === 'number') out.importance = raw['importance'];
  const scopes = stringList(raw['scopes']);
  if (scopes) out.scopes = scopes;
  const tags = stringList(raw['tags']);
  if (tags) out.tags = tags;
  const hints = raw['hints'];
  if (isPlainObject(hints)) {
    const parsed: Partial<Record<(typeof HINT_KEYS)[number], boolean>> = {};
    for (const hint of HINT_KEYS) {
      const value = hints[hint];
      if (typeof value === 'boolean') parsed[hint] = value;
    }
    out.hints = parsed;
  }
  return out;
}

/**
 * Reads the overlay. The YAML parser has checked its shape (unknown fields, wrong types) against
 * toolkit.yaml already; only a missing `spec` is reported here, since nothing can go on without it.
 */
export function readOverlay(raw: unknown, file: string, reporter: Reporter): Overlay | undefined {
  const base = '/openapi';
  if (typeof raw === 'string') return { spec: raw, exclude: [], tools: [] };
  if (!isPlainObject(raw) || typeof raw['spec'] !== 'string' || raw['spec'].trim() === '') {
    reporter.error('TS0003', '`openapi.spec` must name the spec file, relative to toolkit.yaml', { file, pointer: isPlainObject(raw) && raw['spec'] !== undefined ? joinPointer(base, 'spec') : base }, 'e.g. spec: ./openapi.json');
    return undefined;
  }
  const selectors = (field: 'include' | 'exclude'): Selector[] | undefined =>
    stringList(raw[field])?.map((text, i) => parseSelector(text, joinPointer(base, field, i)));
  const tools: ToolOverride[] = [];
  if (isPlainObject(raw['tools'])) {
    for (const [key, value] of Object.entries(raw['tools'])) {
      const override = readOverride(key, value, joinPointer(base, 'tools', key));
      if (override) tools.push(override);
    }
  }
  const include = selectors('include');
  return { spec: raw['spec'], ...(include ? { include } : {}), exclude: selectors('exclude') ?? [], tools };
}
