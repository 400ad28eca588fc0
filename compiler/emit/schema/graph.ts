/**
 * The reference graph of shared schemas: strongly connected components (Tarjan) in dependency order,
 * so each schema can be defined after what it uses, and references inside a cycle go through `z.lazy`.
 */
import { directRefs, type Schema } from './schema-shape.js';

export interface SchemaGraph {
  /** Keys in an order where every non-cyclic reference points backwards. */
  readonly order: readonly string[];
  /** key → id of its component; two keys in one component reference each other (or one references itself). */
  readonly component: ReadonlyMap<string, number>;
  /** Components that are cycles (more than one member, or a self reference). */
  readonly cyclic: ReadonlySet<number>;
}

export function analyzeSharedSchemas(shared: Readonly<Record<string, Schema>>): SchemaGraph {
  const keys = Object.keys(shared).sort();
  const edges = new Map<string, string[]>(keys.map((key) => [key, [...directRefs(shared[key], shared)].sort()]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  const cyclic = new Set<number>();
  const order: string[] = [];
  let counter = 0;
  let components = 0;

  // Iterative Tarjan: GitHub-sized graphs would overflow a recursive one.
  for (const root of keys) {
    if (index.has(root)) continue;
    const work: Array<{ key: string; next: number }> = [{ key: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.key) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ key: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.key, Math.min(low.get(frame.key)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.key, Math.min(low.get(parent.key)!, low.get(frame.key)!));
      if (low.get(frame.key) === index.get(frame.key)) {
        const members: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          members.push(member);
          component.set(member, components);
        } while (member !== frame.key);
        members.sort();
        if (members.length > 1 || (edges.get(members[0]!) ?? []).includes(members[0]!)) cyclic.add(components);
        order.push(...members);
        components++;
      }
    }
  }
  return { order, component, cyclic };
}

/** True when a reference from `from` to `to` must be deferred (`z.lazy`): both are in one cycle. */
export function needsLazy(graph: SchemaGraph, from: string | undefined, to: string): boolean {
  if (from === undefined) return false;
  const a = graph.component.get(from);
  return a !== undefined && a === graph.component.get(to) && graph.cyclic.has(a);
}
