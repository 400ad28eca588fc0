/** Helpers for the every-tool lowering test. */
type Json = { [key: string]: unknown };
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface FlatTool { readonly slug: string; readonly schema: Json }

/** Names of the `#/$defs/<name>` entries a schema references. */
export function collectRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, out);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) out.push(v.slice('#/$defs/'.length).replace(/~1/g, '/').replace(/~0/g, '~'));
      else collectRefs(v, out);
    }
  }
  return out;
}
