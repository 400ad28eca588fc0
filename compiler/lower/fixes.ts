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

/** The schema nodes a walk steps into from `node` (`$ref` targets resolved against the root). */
function childrenOf(node: Schema, resolve: (ref: string) => Schema | undefined): unknown[] {
  const children: unknown[] = [];
  const ref = node['$ref'];
  if (typeof ref === 'string') children.push(resolve(ref));
  const properties = node['properties'];
  if (isSchemaObject(properties)) children.push(...Object.values(properties));
  children.push(node['items'], node['additionalProperties']);
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    const variants = node[keyword];
    if (Array.isArray(variants)) children.push(...variants);
  }
  return children;
}

/**
 * Nodes from which some local fix can be reached. Walking only into these keeps the expansion
 * proportional to the fixes it produces: without it, a densely linked schema graph (Xero's accounting
 * spec) is unfolded along every path up to the repeat bound, which takes minutes.
 */
function nodesLeadingToFixes(root: Schema, local: LocalFixes, resolve: (ref: string) => Schema | undefined): Set<Schema> {
  const parents = new Map<Schema, Schema[]>();
  const visited = new Set<Schema>([root]);
  const pending: Schema[] = [root];
  const withFixes: Schema[] = [];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (local.get(node).length > 0) withFixes.push(node);
    for (const child of childrenOf(node, resolve)) {
      if (!isSchemaObject(child)) continue;
      const list = parents.get(child);
      if (list) list.push(node);
      else parents.set(child, [node]);
      if (!visited.has(child)) {
        visited.add(child);
        pending.push(child);
      }
    }
  }
  const leading = new Set<Schema>(withFixes);
  while (withFixes.length > 0) {
    for (const parent of parents.get(withFixes.pop()!) ?? []) {
      if (!leading.has(parent)) {
        leading.add(parent);
        withFixes.push(parent);
      }
    }
  }
  return leading;
}

export function expandFixes(root: Schema, local: LocalFixes): ArgumentFix[] {
  const out: ArgumentFix[] = [];
  const seen = new Set<string>();
  const onPath = new Map<string, number>();
  const targets = new Map<string, Schema | undefined>();
  const resolve = (ref: string): Schema | undefined => {
    if (!targets.has(ref)) targets.set(ref, resolveLocalRef(root, ref));
    return targets.get(ref);
  };
  const leading = nodesLeadingToFixes(root, local, resolve);

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
    // Past the bound nothing more is emitted, so there is no point walking on.
    if (!isSchemaObject(node) || !leading.has(node) || out.length >= MAX_FIXES) return;
    for (const fix of local.get(node)) emit(fix, path);
    const ref = node['$ref'];
    if (typeof ref === 'string') {
      const target = resolve(ref);
      const repeats = onPath.get(ref) ?? 0;
      if (target && repeats < MAX_REF_REPEAT) {
        onPath.set(ref, repeats + 1);
        walk(target, path);
        onPath.set(ref, repeats);
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
