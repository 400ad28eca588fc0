/**
 * JSON pointers and internal `$ref` resolution over a parsed spec document.
 * Refs are followed lazily, only for the nodes an import actually visits (GitHub's spec is 13 MB).
 */

/** Escapes one pointer segment (RFC 6901). */
// Pointers are built for every schema node an import visits: segments without `~` or `/` (nearly all)
// skip the regular expressions.
export function escapePointerSegment(segment: string): string {
  if (segment.indexOf('~') === -1 && segment.indexOf('/') === -1) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerSegment(segment: string): string {
  if (segment.indexOf('~') === -1) return segment;
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Appends segments to a pointer. */
export function joinPointer(pointer: string, ...segments: ReadonlyArray<string | number>): string {
  let out = pointer;
  for (const segment of segments) out += '/' + (typeof segment === 'number' ? String(segment) : escapePointerSegment(segment));
  return out;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  const segments = pointer.slice(1).split('/');
  for (let index = 0; index < segments.length; index++) segments[index] = unescapePointerSegment(segments[index]!);
  return segments;
}

/** The value at `pointer` inside `root`, or undefined when any segment is missing. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const segment of splitPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      node = node[Number(segment)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
      node = (node as Record<string, unknown>)[segment];
    }
  }
  return node;
}

/**
 * The JSON pointer a `$ref` names inside the document, or undefined for an external ref.
 * `#/components/schemas/Foo%20Bar` is URI-decoded as the spec requires.
 */
export function refToPointer(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  const fragment = ref.slice(1);
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface Resolved<T = unknown> {
  /** The node after following every `$ref`. */
  readonly value: T;
  /** Pointer of the resolved node in the document. */
  readonly pointer: string;
  /** Set when a `$ref` could not be followed; `value` is then undefined. */
  readonly brokenRef?: string;
}

/**
 * Follows `$ref` chains from `node` (found at `pointer`) to the first non-ref node.
 * Cycles of pure refs and refs into nothing come back as `brokenRef`.
 */
export function resolveNode(root: unknown, node: unknown, pointer: string): Resolved {
  let current = node;
  let at = pointer;
  const seen = new Set<string>();
  while (isPlainObject(current) && typeof current['$ref'] === 'string') {
    const ref = current['$ref'];
    const target = refToPointer(ref);
    if (target === undefined || seen.has(target)) return { value: undefined, pointer: at, brokenRef: ref };
    seen.add(target);
    const next = valueAtPointer(root, target);
    if (next === undefined) return { value: undefined, pointer: at, brokenRef: ref };
    current = next;
    at = target;
  }
  return { value: current, pointer: at };
}
