/**
 * The shape of `generated/catalog.json` as the catalog site and `catalog diff` read it, and a
 * reader that names what is wrong (file, field) instead of failing later on a missing property.
 */
import { readFile } from 'node:fs/promises';

export type JsonSchema = { readonly [keyword: string]: unknown };

export interface CatalogAuthScheme {
  readonly scheme: string;
  readonly label?: string;
  readonly grant?: string;
  readonly scopes?: Readonly<Record<string, string>>;
  readonly defaultScopes?: readonly string[];
}

export interface CatalogToolkit {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly logo?: string;
  readonly docsUrl?: string;
  readonly auth: readonly CatalogAuthScheme[];
  readonly counts: { readonly tools: number; readonly triggers: number };
  /** Shared schemas the toolkit's tool schemas point at with `$ref: '#/$defs/X'`. */
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
}

export interface CatalogTool {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly toolkit: string;
  readonly importance: number;
  readonly scopes: readonly string[];
  readonly tags: readonly string[];
  readonly hints?: { readonly readOnly?: boolean; readonly idempotent?: boolean; readonly destructive?: boolean; readonly openWorld?: boolean };
  readonly deprecated?: boolean;
  readonly inputParameters: JsonSchema;
  readonly outputParameters: JsonSchema;
}

export interface CatalogTrigger {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly toolkit: string;
  readonly type: string;
  readonly config: JsonSchema;
  readonly payload: JsonSchema;
}

export interface Catalog {
  readonly toolkits: readonly CatalogToolkit[];
  readonly tools: readonly CatalogTool[];
  readonly triggers: readonly CatalogTrigger[];
}

/** Thrown for a catalog that cannot be read; the message names the file and the field. */
export class CatalogFileError extends Error {
  override readonly name = 'CatalogFileError';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireList(file: string, raw: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = raw[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new CatalogFileError(`${file}: "${key}" must be an array.`);
  value.forEach((item, index) => {
    if (!isObject(item)) throw new CatalogFileError(`${file}: ${key}[${index}] must be an object.`);
    if (typeof item['slug'] !== 'string' || item['slug'] === '') {
      throw new CatalogFileError(`${file}: ${key}[${index}] has no "slug" string.`);
    }
  });
  return value as Record<string, unknown>[];
}

function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * A tool or trigger schema, self-contained: the catalog keeps shared schemas once per toolkit
 * (`toolkits[].$defs`), so they are attached here unless the schema carries its own.
 */
function schema(value: unknown, defs: Record<string, unknown> | undefined): JsonSchema {
  if (!isObject(value)) return {};
  if (defs === undefined || isObject(value['$defs'])) return value;
  const { 'x-defs': _used, ...rest } = value;
  return { ...rest, $defs: defs };
}

/** Parsed JSON → a catalog with every field present (defaults for the optional ones). */
export function toCatalog(raw: unknown, file = 'catalog'): Catalog {
  if (!isObject(raw)) throw new CatalogFileError(`${file}: a catalog must be a JSON object with "toolkits", "tools" and "triggers".`);
  if (!Array.isArray(raw['toolkits']) || !Array.isArray(raw['tools'])) {
    throw new CatalogFileError(`${file}: not a toolsmith catalog (no "toolkits" and "tools" arrays).`);
  }
  const toolkits = requireList(file, raw, 'toolkits').map((item): CatalogToolkit => {
    const counts = isObject(item['counts']) ? item['counts'] : {};
    return {
      slug: text(item['slug']),
      name: text(item['name'], text(item['slug'])),
      description: text(item['description']),
      categories: strings(item['categories']),
      ...(typeof item['logo'] === 'string' && { logo: item['logo'] }),
      ...(typeof item['docsUrl'] === 'string' && { docsUrl: item['docsUrl'] }),
      auth: (Array.isArray(item['auth']) ? item['auth'] : []).filter(isObject).map((scheme) => ({
        scheme: text(scheme['scheme'], 'none'),
        ...(typeof scheme['label'] === 'string' && { label: scheme['label'] }),
        ...(typeof scheme['grant'] === 'string' && { grant: scheme['grant'] }),
        ...(isObject(scheme['scopes']) && { scopes: scheme['scopes'] as Record<string, string> }),
        ...(Array.isArray(scheme['defaultScopes']) && { defaultScopes: strings(scheme['defaultScopes']) }),
      })),
      counts: {
        tools: typeof counts['tools'] === 'number' ? counts['tools'] : 0,
        triggers: typeof counts['triggers'] === 'number' ? counts['triggers'] : 0,
      },
      ...(isObject(item['$defs']) && { $defs: item['$defs'] as Record<string, JsonSchema> }),
    };
  });
  const defsOf = new Map(toolkits.map((toolkit) => [toolkit.slug, toolkit.$defs as Record<string, unknown> | undefined]));
  const tools = requireList(file, raw, 'tools').map((item): CatalogTool => ({
    slug: text(item['slug']),
    name: text(item['name'], text(item['slug'])),
    description: text(item['description']),
    toolkit: text(item['toolkit']),
    importance: typeof item['importance'] === 'number' ? item['importance'] : 50,
    scopes: strings(item['scopes']),
    tags: strings(item['tags']),
    ...(isObject(item['hints']) && { hints: item['hints'] as CatalogTool['hints'] }),
    ...(item['deprecated'] === true && { deprecated: true }),
    inputParameters: schema(item['inputParameters'], defsOf.get(text(item['toolkit']))),
    outputParameters: schema(item['outputParameters'], defsOf.get(text(item['toolkit']))),
  }));
  const triggers = requireList(file, raw, 'triggers').map((item): CatalogTrigger => ({
    slug: text(item['slug']),
    name: text(item['name'], text(item['slug'])),
    description: text(item['description']),
    toolkit: text(item['toolkit']),
    type: text(item['type'], 'webhook'),
    config: schema(item['config'], defsOf.get(text(item['toolkit']))),
    payload: schema(item['payload'], defsOf.get(text(item['toolkit']))),
  }));
  return { toolkits, tools, triggers };
}

export async function readCatalogFile(file: string): Promise<Catalog> {
  let contents: string;
  try {
    contents = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CatalogFileError(
      code === 'ENOENT' ? `${file}: no such file; run "toolsmith build" first or pass --catalog.` : `${file}: cannot read (${code ?? 'error'}).`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(contents);
  } catch (error) {
    throw new CatalogFileError(`${file}: not valid JSON (${(error as Error).message}).`);
  }
  return toCatalog(raw, file);
}
