/**
 * Tool slugs: `<TOOLKIT>_<OPERATION>` in UPPER_SNAKE from the operationId (or method and path),
 * at most 60 characters. A slug that is too long, or taken, is cut and ends in `_` plus a 6-character
 * hash of what it stood for, so it stays the same from build to build whatever else the spec holds.
 */
import type { IR } from '../../ir/types.js';
import { shortHash, upperSnake } from './names.js';

export const MAX_SLUG_LENGTH = 60;
const SUFFIX_LENGTH = 7; // '_' + 6 hash characters

/** The operation part of a slug before the toolkit prefix. */
export function operationSlugPart(operationId: string | undefined, method: IR.HttpMethod, path: string, prefix: string): string {
  let part = operationId ? upperSnake(operationId) : '';
  if (part.startsWith(prefix)) part = part.slice(prefix.length);
  if (part === '') part = upperSnake(`${method} ${path.replace(/[{}]/g, ' ')}`);
  return part === '' ? method : part;
}

function cut(slug: string, identity: string): string {
  const head = slug.slice(0, MAX_SLUG_LENGTH - SUFFIX_LENGTH).replace(/_+$/, '');
  return `${head}_${shortHash(identity)}`;
}

/** Hands out unique slugs for one toolkit. */
export class SlugAllocator {
  private readonly taken = new Set<string>();
  readonly prefix: string;

  constructor(toolkitSlug: string) {
    this.prefix = `${toolkitSlug.toUpperCase()}_`;
  }

  /** Marks a slug (hand-written or overridden) as used. */
  reserve(slug: string): void {
    this.taken.add(slug);
  }

  isTaken(slug: string): boolean {
    return this.taken.has(slug);
  }

  /** A new unique slug for an operation; `identity` (`METHOD /path`) tells apart equal operationIds. */
  allocate(operationId: string | undefined, method: IR.HttpMethod, path: string): string {
    const wanted = this.prefix + operationSlugPart(operationId, method, path, this.prefix);
    let slug = wanted.length > MAX_SLUG_LENGTH ? cut(wanted, wanted) : wanted;
    if (this.taken.has(slug)) slug = cut(wanted, `${wanted}|${method} ${path}`);
    for (let n = 2; this.taken.has(slug); n++) slug = cut(wanted, `${wanted}|${method} ${path}|${n}`);
    this.taken.add(slug);
    return slug;
  }
}
