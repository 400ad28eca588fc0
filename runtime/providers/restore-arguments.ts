/**
 * Undoes build-time lowering on the arguments a model sent: nulls added for OpenAI strict mode removed,
 * JSON-encoded string fields parsed, stringified enum values mapped back, renamed keys given their
 * original names. Works on a copy; a JSON field that does not parse is reported, never passed on silently.
 */
import { ToolsmithError } from '../errors.js';
import type { ArgumentFix, ProviderSchema } from '../types.js';

const ORDER: Record<ArgumentFix['kind'], number> = { 'drop-null': 0, 'parse-json': 1, 'enum-value': 2, rename: 3 };

export function restoreArguments(args: Record<string, unknown>, schema: ProviderSchema | undefined, slug: string): Record<string, unknown> {
  const fixes = schema?.fixes;
  if (!fixes || fixes.length === 0) return args;
  const copy = structuredClone(args);
  // Renames last and deepest first, so every other fix still finds its provider-side path.
  const ordered = [...fixes].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || (a.kind === 'rename' ? b.path.length - a.path.length : 0));
  for (const fix of ordered) applyAt(copy, fix.path, fix, slug);
  return copy;
}

function applyAt(container: unknown, path: readonly string[], fix: ArgumentFix, slug: string): void {
  const [segment, ...rest] = path;
  if (segment === undefined || container === null || typeof container !== 'object') return;
  if (segment === '[]' || segment === '{}') {
    const entries = Array.isArray(container) ? container.map((_, i) => String(i)) : Object.keys(container);
    if (segment === '[]' && !Array.isArray(container)) return;
    for (const key of entries) {
      if (rest.length === 0) applyLeaf(container as Record<string, unknown>, key, fix, slug);
      else applyAt((container as Record<string, unknown>)[key], rest, fix, slug);
    }
    return;
  }
  if (Array.isArray(container)) return;
  const record = container as Record<string, unknown>;
  if (!Object.hasOwn(record, segment)) return;
  if (rest.length === 0) applyLeaf(record, segment, fix, slug);
  else applyAt(record[segment], rest, fix, slug);
}

function applyLeaf(record: Record<string, unknown>, key: string, fix: ArgumentFix, slug: string): void {
  const value = record[key];
  switch (fix.kind) {
    case 'drop-null':
      if (value === null) delete record[key];
      return;
    case 'parse-json':
      if (typeof value !== 'string') return;
      try {
        record[key] = JSON.parse(value);
      } catch {
        throw new ToolsmithError('INVALID_ARGUMENTS',
          `Argument ${fix.path.join('.')} of ${slug} must be a JSON-encoded string; it does not parse as JSON.`,
          { tool: slug, argument: fix.path.join('.') });
      }
      return;
    case 'enum-value': {
      if (typeof value !== 'string') return;
      const original = fix.values.find((candidate) => (typeof candidate === 'string' ? candidate : JSON.stringify(candidate)) === value);
      if (original !== undefined) record[key] = original;
      return;
    }
    case 'rename':
      if (Array.isArray(record)) return;
      delete record[key];
      record[fix.from] = value;
      return;
  }
}
