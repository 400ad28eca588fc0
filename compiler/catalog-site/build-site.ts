/**
 * `toolsmith catalog`: a static site from catalog.json, rendered with handlebars. An index of toolkits
 * with instant search and category filters, a page per toolkit (auth, scopes, triggers, tools in
 * importance order, paged), and a page per tool (schema tables, scopes, TypeScript example). Data the
 * pages' scripts need is inlined, so the site works from file:// as well as from any static host.
 */
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Catalog, CatalogAuthScheme, CatalogTool, CatalogToolkit, JsonSchema } from './catalog-file.js';
import { toolExample } from './example.js';
import { plainText, schemaTable } from './schema-table.js';

export interface CatalogSiteOptions {
  readonly catalog: Catalog;
  readonly outDir: string;
  /** Tools per page on a toolkit page; default 50. */
  readonly pageSize?: number;
}

export interface CatalogSiteResult {
  readonly outDir: string;
  readonly files: number;
  readonly bytes: number;
  readonly elapsedMs: number;
}

/** Marks a folder as ours, so a rebuild may clear it and a stray --out never wipes other files. */
const MARKER = '.toolsmith-catalog';
const here = dirname(fileURLToPath(import.meta.url));
const assetNames = ['site.css', 'index.js', 'toolkit.js', 'tool.js'] as const;

export class CatalogSiteError extends Error {
  override readonly name = 'CatalogSiteError';
}

const schemeTitles: Record<string, string> = {
  oauth2: 'OAuth 2.0', api_key: 'API key', bearer: 'Bearer token', basic: 'Basic auth', none: 'No authentication', custom: 'Custom',
};

/** `<` escaped so inline JSON can never close its script tag. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function monogram(name: string): string {
  const letters = name.split(/\s+/).filter(Boolean).map((word) => word[0]!.toUpperCase());
  return (letters.length > 1 ? letters.slice(0, 2).join('') : name.slice(0, 2)).toUpperCase();
}

function toolBadges(tool: CatalogTool, full: boolean): string[] {
  const badges: string[] = [];
  if (tool.deprecated) badges.push('deprecated');
  if (tool.hints?.readOnly) badges.push('read-only');
  if (tool.hints?.destructive) badges.push('destructive');
  if (full && tool.hints?.idempotent && !tool.hints.readOnly) badges.push('idempotent');
  return badges;
}

function tableView(schema: JsonSchema): ReturnType<typeof schemaTable> & { empty: boolean } {
  const table = schemaTable(schema, { maxDepth: 3, maxRows: 120 });
  return { ...table, empty: table.rows.length === 0 && (table.rootType === 'object' || table.rootType === 'any') };
}

function authView(scheme: CatalogAuthScheme): object {
  const defaults = new Set(scheme.defaultScopes ?? []);
  return {
    scheme: scheme.scheme,
    title: scheme.label ?? schemeTitles[scheme.scheme] ?? scheme.scheme,
    grant: scheme.grant,
    scopes: Object.entries(scheme.scopes ?? {}).map(([name, description]) => ({ name, description, isDefault: defaults.has(name) })),
  };
}

async function loadTemplates(): Promise<{ layout: Handlebars.TemplateDelegate; index: Handlebars.TemplateDelegate; toolkit: Handlebars.TemplateDelegate; tool: Handlebars.TemplateDelegate }> {
  const engine = Handlebars.create();
  const read = (name: string): Promise<string> => readFile(join(here, 'templates', `${name}.hbs`), 'utf8');
  engine.registerHelper('join', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '');
  engine.registerPartial('logo', await read('logo'));
  engine.registerPartial('schema', await read('schema'));
  engine.registerPartial('toolRow', await read('tool-row'));
  const compile = async (name: string): Promise<Handlebars.TemplateDelegate> => engine.compile(await read(name), { strict: false });
  return { layout: await compile('layout'), index: await compile('index'), toolkit: await compile('toolkit'), tool: await compile('tool') };
}

/** Refuses a non-empty folder that is not a previous catalog site; clears one that is. */
async function prepareOutDir(outDir: string): Promise<void> {
  let entries: string[] = [];
  try {
    entries = await readdir(outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new CatalogSiteError(`${outDir} is not empty and holds no catalog site; choose an empty folder with --out.`);
  }
  for (const entry of ['index.html', 'toolkits', 'tools', 'assets']) await rm(join(outDir, entry), { recursive: true, force: true });
  await mkdir(join(outDir, 'toolkits'), { recursive: true });
  await mkdir(join(outDir, 'tools'), { recursive: true });
  await mkdir(join(outDir, 'assets'), { recursive: true });
  await writeFile(join(outDir, MARKER), 'Built by toolsmith catalog; the folder is cleared on each build.\n');
}

export async function buildCatalogSite(options: CatalogSiteOptions): Promise<CatalogSiteResult> {
  const started = performance.now();
  const { catalog, outDir } = options;
  const pageSize = options.pageSize ?? 50;
  const templates = await loadTemplates();
  await prepareOutDir(outDir);
  const totals = { toolkits: catalog.toolkits.length, tools: catalog.tools.length, triggers: catalog.triggers.length };
  const page = (body: string, title: string, root: string, kind: string, scripts: readonly string[]): string =>
    templates.layout({ body, title, root, page: kind, scripts, totals });

  const toolkits = [...catalog.toolkits].sort((left, right) => left.name.localeCompare(right.name));
  const bySlug = new Map<string, CatalogToolkit>(toolkits.map((toolkit) => [toolkit.slug, toolkit]));
  const toolsOf = new Map<string, CatalogTool[]>();
  const ordered = [...catalog.tools].sort((left, right) => right.importance - left.importance || left.slug.localeCompare(right.slug));
  for (const tool of ordered) {
    const list = toolsOf.get(tool.toolkit) ?? [];
    list.push(tool);
    toolsOf.set(tool.toolkit, list);
  }

  // Pages are written in small batches as they are rendered, so memory stays flat for big catalogs.
  let files = 0;
  let bytes = 0;
  let pending: Array<Promise<void>> = [];
  const emit = async (path: string, contents: string): Promise<void> => {
    files += 1;
    bytes += Buffer.byteLength(contents);
    pending.push(writeFile(join(outDir, path), contents));
    if (pending.length >= 64) {
      await Promise.all(pending);
      pending = [];
    }
  };
  // Index.
  const categoryCounts = new Map<string, number>();
  for (const toolkit of toolkits) for (const category of toolkit.categories) categoryCounts.set(category, (categoryCounts.get(category) ?? 0) + 1);
  const categories = [...categoryCounts].sort(([left], [right]) => left.localeCompare(right)).map(([slug, count]) => ({
    slug, count, label: slug.replace(/[-_]+/g, ' ').replace(/^./, (letter) => letter.toUpperCase()),
  }));
  const indexData = {
    toolkits: Object.fromEntries(toolkits.map((toolkit) => [toolkit.slug, { name: toolkit.name, categories: toolkit.categories }])),
    tools: ordered.map((tool) => [tool.slug, tool.name, tool.toolkit, plainText(tool.description, 140), tool.importance]),
  };
  const indexBody = templates.index({
    categories,
    toolkits: toolkits.map((toolkit) => ({
      ...toolkit,
      monogram: monogram(toolkit.name),
      authNames: toolkit.auth.map((scheme) => schemeTitles[scheme.scheme] ?? scheme.scheme),
      searchText: [toolkit.name, toolkit.slug, toolkit.description, ...toolkit.categories].join(' ').toLowerCase(),
    })),
    data: inlineJson(indexData),
  });
  await emit('index.html', page(indexBody, 'Toolkits', '', 'index', ['index.js']));

  // Toolkit pages.
  for (const toolkit of toolkits) {
    const tools = toolsOf.get(toolkit.slug) ?? [];
    const rows = tools.map((tool) => ({ slug: tool.slug, name: tool.name, summary: plainText(tool.description, 200), badges: toolBadges(tool, false) }));
    const body = templates.toolkit({
      toolkit: { ...toolkit, monogram: monogram(toolkit.name) },
      auth: toolkit.auth.map(authView),
      triggers: catalog.triggers.filter((trigger) => trigger.toolkit === toolkit.slug).map((trigger) => ({
        ...trigger, payload: tableView(trigger.payload), config: tableView(trigger.config),
      })),
      tools: rows,
      firstPage: rows.slice(0, pageSize),
      paged: rows.length > pageSize,
      pageSize,
      data: inlineJson({ tools: rows.map((row) => [row.slug, row.name, row.summary, row.badges]) }),
    });
    await emit(`toolkits/${toolkit.slug}.html`, page(body, toolkit.name, '../', 'toolkit', ['toolkit.js']));
  }

  // Tool pages.
  for (const tool of ordered) {
    const toolkit = bySlug.get(tool.toolkit) ?? { slug: tool.toolkit, name: tool.toolkit };
    const body = templates.tool({
      tool,
      toolkit,
      badges: toolBadges(tool, true),
      description: plainText(tool.description, 4000),
      input: tableView(tool.inputParameters),
      output: tableView(tool.outputParameters),
      example: toolExample(tool),
    });
    await emit(`tools/${tool.slug}.html`, page(body, `${tool.name} (${toolkit.name})`, '../', 'tool', ['tool.js']));
  }

  await Promise.all(pending);
  for (const name of assetNames) {
    await copyFile(join(here, 'assets', name), join(outDir, 'assets', name));
    bytes += (await stat(join(outDir, 'assets', name))).size;
  }
  return { outDir, files: files + assetNames.length, bytes, elapsedMs: performance.now() - started };
}
