/** Stable identifier-ish names for shared schemas and slugs. */

/** Words of a name: split on non-alphanumerics and on camelCase boundaries (`HTTPServer` → HTTP, Server). */
export function words(text: string): string[] {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** `issue-event_for issue` → `IssueEventForIssue`; keeps inner capitals (`JiraIssue` stays). */
export function pascalCase(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const parts = ascii.split(/[^A-Za-z0-9]+/).filter((part) => part.length > 0);
  const joined = parts.map((part) => part[0]!.toUpperCase() + part.slice(1)).join('');
  if (joined === '') return 'Schema';
  return /^[0-9]/.test(joined) ? `Schema${joined}` : joined;
}

/** `repos/list-for-org` → `REPOS_LIST_FOR_ORG`. */
export function upperSnake(text: string): string {
  return words(text).map((word) => word.toUpperCase()).join('_');
}

/** FNV-1a 32-bit, base36, upper case: a short stable hash for suffixes. */
export function shortHash(text: string, length = 6): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).toUpperCase().padStart(length, '0').slice(-length);
}

/** Hands out unique names: the first claimant gets `base`, later ones `base2`, `base3`… */
export class NameTable {
  private readonly taken = new Set<string>();

  claim(base: string): string {
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }
}
