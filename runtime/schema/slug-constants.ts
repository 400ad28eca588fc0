/**
 * Slug constants of generated toolkits (`GithubTool.STAR_A_REPOSITORY === 'GITHUB_STAR_A_REPOSITORY'`). The
 * compiler types each constant with `slugKey` and the generated module builds the object with `slugConstants`,
 * so the key rule is written once: a string of slugs costs a fraction of what an object literal of a thousand
 * properties costs to compile at import.
 */

/** The constant's key for a slug: the slug without the toolkit prefix, `_`-led when that starts with a digit or is empty. */
export function slugKey(slug: string, prefix: string): string {
  const short = slug.startsWith(prefix) ? slug.slice(prefix.length) : slug;
  return /^[0-9]/.test(short) || short === '' ? `_${short}` : short;
}

/** `{ [slugKey(slug)]: slug }` for each space-separated slug. */
export function slugConstants(prefix: string, slugs: string): Record<string, string> {
  const constants: Record<string, string> = {};
  for (const slug of slugs.split(' ')) constants[slugKey(slug, prefix)] = slug;
  return constants;
}
