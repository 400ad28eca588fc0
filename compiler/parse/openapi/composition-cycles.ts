/**
 * Cycles made only of `$ref`s and allOf/anyOf/oneOf members, with no object property or array item in
 * between (`A: anyOf [$ref B, string]`, `B: anyOf [$ref A, number]`). A recursive schema through a property
 * is fine; one through compositions alone has no base case: flattening it recurses forever and its types
 * become aliases of themselves. One member per cycle, found in document order, is marked to be dropped;
 * what is left keeps the least fixed point (A = string | number above).
 */
import { isPlainObject, joinPointer, refToPointer, valueAtPointer, type PlainObject } from './refs.js';

const COMPOSITIONS = ['allOf', 'anyOf', 'oneOf'] as const;

export interface CycleMember {
  /** The cycle as pointers, starting and ending at the same node. */
  readonly cycle: readonly string[];
}

/** Member pointers (e.g. `/components/schemas/B/anyOf/0`) that close a composition cycle. */
export function compositionCycleMembers(root: PlainObject, base: string): Map<string, CycleMember> {
  const marked = new Map<string, CycleMember>();
  const state = new Map<string, 'open' | 'done'>();
  const container = valueAtPointer(root, base);
  if (!isPlainObject(container)) return marked;

  /** Nodes a node leads to without passing a property or an item: its `$ref` target and its members. */
  const edges = (pointer: string): Array<{ to: string; member: boolean }> => {
    const node = valueAtPointer(root, pointer);
    if (!isPlainObject(node)) return [];
    const out: Array<{ to: string; member: boolean }> = [];
    if (typeof node['$ref'] === 'string') {
      const target = refToPointer(node['$ref']);
      if (target !== undefined) out.push({ to: target, member: false });
    }
    for (const keyword of COMPOSITIONS) {
      const list = node[keyword];
      if (Array.isArray(list)) list.forEach((_, index) => out.push({ to: joinPointer(pointer, keyword, index), member: true }));
    }
    return out;
  };

  for (const key of Object.keys(container)) {
    const start = joinPointer(base, key);
    if (state.has(start)) continue;
    // Iterative depth-first search; `path` holds the open nodes and whether each was reached as a member.
    const path: Array<{ pointer: string; member: boolean; next: Array<{ to: string; member: boolean }> }> = [];
    state.set(start, 'open');
    path.push({ pointer: start, member: false, next: edges(start) });
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const edge = top.next.shift();
      if (!edge) {
        state.set(top.pointer, 'done');
        path.pop();
        continue;
      }
      const seen = state.get(edge.to);
      if (seen === 'done') continue;
      if (seen === 'open') {
        const from = path.findIndex((entry) => entry.pointer === edge.to);
        const cycle = [...path.slice(from).map((entry) => entry.pointer), edge.to];
        // Drop the member nearest the edge that closes the cycle; a cycle of $refs alone has no member
        // and is left to the converter's own `$ref` cycle check.
        const member = path.slice(from + 1).reverse().find((entry) => entry.member);
        if (member && !marked.has(member.pointer)) marked.set(member.pointer, { cycle });
        continue;
      }
      state.set(edge.to, 'open');
      path.push({ pointer: edge.to, member: edge.member, next: edges(edge.to) });
    }
  }
  return marked;
}
