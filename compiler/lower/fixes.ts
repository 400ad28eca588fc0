/**
 * Argument fixes are first attached to the lowered schema node they concern (a property of an object,
 * the items of an array), then expanded into root paths by walking from the root and following `$ref`s.
 * That way a fix inside a shared `$defs` entry applies at every place the entry is used.
 */
import type { ArgumentFix } from '../../runtime/types.js';
import { isSchemaObject, resolveLocalRef, type Schema } from './schema-utils.js';

/** A fix relative to one node: `segment` is a property name of that node, `[]` (items) or `{}` (map values). */
export type LocalFix =
  | { readonly kind: 'drop-null' | 'parse-json'; readonly segment: string }
  | { readonly kind: 'enum-value'; readonly segment: string; readonly values: readonly unknown[] }
  | { readonly kind: 'rename'; readonly segment: string; readonly from: string };

export class LocalFixes {
  private readonly byNode = new WeakMap<Schema, LocalFix[]>();

  add(node: Schema, fix: LocalFix): void {
    const list = this.byNode.get(node);
    if (list) list.push(fix);
    else this.byNode.set(node, [fix]);
  }

  get(node: Schema): readonly LocalFix[] {
    return this.byNode.get(node) ?? [];
  }
}

/** How many times one `$ref` may repeat on the current path while expanding (recursive schemas). */
const MAX_REF_REPEAT = 3;
/** A bound on expanded fixes so a pathological schema cannot explode the output. */
const MAX_FIXES = 5_000;

export function expandFixes(root: Schema, local: LocalFixes): ArgumentFix[] {
  const out: ArgumentFix[] = [];
  const seen = new Set<string>();
  const stack: string[] = [];

  const emit = (fix: LocalFix, path: readonly string[]): void => {
    const full = [...path, fix.segment];
    const fixOut: ArgumentFix = fix.kind === 'rename'
      ? { kind: 'rename', path: full, from: fix.from }
      : fix.kind === 'enum-value'
        ? { kind: 'enum-value', path: full, values: fix.values }
        : { kind: fix.kind, path: full };
    const key = JSON.stringify(fixOut);
    if (seen.has(key) || out.length >= MAX_FIXES) return;
    seen.add(key);
    out.push(fixOut);
  };

  const walk = (node: unknown, path: readonly string[]): void => {
    if (!isSchemaObject(node)) return;
    for (const fix of local.get(node)) emit(fix, path);
    const ref = node['$ref'];
    if (typeof ref === 'string') {
      const target = resolveLocalRef(root, ref);
      if (target && stack.filter((r) => r === ref).length < MAX_REF_REPEAT) {
        stack.push(ref);
        walk(target, path);
        stack.pop();
      }
    }
    const properties = node['properties'];
    if (isSchemaObject(properties)) {
      for (const [name, child] of Object.entries(properties)) walk(child, [...path, name]);
    }
    const items = node['items'];
    if (isSchemaObject(items)) walk(items, [...path, '[]']);
    const additional = node['additionalProperties'];
    if (isSchemaObject(additional)) walk(additional, [...path, '{}']);
    for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
      const variants = node[keyword];
      if (Array.isArray(variants)) for (const variant of variants) walk(variant, path);
    }
  };

  walk(root, []);
  return out;
}
