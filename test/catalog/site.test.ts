import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogSite, CatalogSiteError } from '../../compiler/catalog-site/build-site.js';
import { readCatalogFile, toCatalog, type Catalog } from '../../compiler/catalog-site/catalog-file.js';
import { buildFixtureCatalog, fixtureToolkits } from './support/fixture-catalog.js';

let catalog: Catalog;
let dir: string;
let site: string;

beforeAll(async () => {
  const fixture = await buildFixtureCatalog();
  dir = fixture.dir;
  catalog = await readCatalogFile(fixture.catalogFile);
  site = join(dir, 'site');
  await buildCatalogSite({ catalog, outDir: site, pageSize: 10 });
});

const read = (path: string): Promise<string> => readFile(join(site, path), 'utf8');

function inlineData(html: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}">([^]*?)</script>`).exec(html);
  if (!match) throw new Error(`no inline data ${id}`);
  return JSON.parse(match[1]!);
}

describe('catalog site', () => {
  it('writes an index, a page per toolkit and per tool, and the assets', async () => {
    expect((await readdir(join(site, 'toolkits'))).sort()).toEqual(fixtureToolkits.map((slug) => `${slug}.html`));
    expect(await readdir(join(site, 'tools'))).toHaveLength(catalog.tools.length);
    expect((await readdir(join(site, 'assets'))).sort()).toEqual(['index.js', 'site.css', 'tool.js', 'toolkit.js']);
  });

  it('indexes every toolkit with counts, categories and auth, and inlines the tools for search', async () => {
    const html = await read('index.html');
    const github = catalog.toolkits.find((toolkit) => toolkit.slug === 'github')!;
    expect(html).toContain(`data-slug="github"`);
    expect(html).toContain(`<span class="tool-count">${github.counts.tools} tools</span>`);
    expect(html).toContain('data-category="developer-tools"');
    expect(html).toContain('OAuth 2.0, Bearer token');
    const data = inlineData(html, 'catalog-data') as { tools: unknown[][]; toolkits: Record<string, unknown> };
    expect(data.tools).toHaveLength(catalog.tools.length);
    expect(Object.keys(data.toolkits).sort()).toEqual([...fixtureToolkits]);
    // Links stay relative so the site works from file:// and under any path.
    expect(html).not.toMatch(/(href|src)="\//);
  });

  it('shows a toolkit with scopes, triggers and its tools in importance order, paged', async () => {
    const html = await read('toolkits/github.html');
    expect(html).toContain('<code>public_repo</code>');
    expect(html).toContain('GITHUB_STAR_ADDED');
    const rows = [...html.matchAll(/<li class="tool-row"><a href="\.\.\/tools\/([A-Z0-9_]+)\.html">/g)].map((match) => match[1]);
    const expected = catalog.tools.filter((tool) => tool.toolkit === 'github').sort((a, b) => b.importance - a.importance || a.slug.localeCompare(b.slug));
    expect(rows).toEqual(expected.slice(0, 10).map((tool) => tool.slug));
    expect(html).toMatch(/<nav id="pager" class="pager">/);
    const data = inlineData(html, 'toolkit-data') as { tools: unknown[][] };
    expect(data.tools.map((row) => row[0])).toEqual(expected.map((tool) => tool.slug));
  });

  it('renders a tool page with its schema tables, scopes and a TypeScript example', async () => {
    const html = await read('tools/GITHUB_CREATE_AN_ISSUE.html');
    expect(html).toMatch(/<tr class="depth-0"><td><code>title<\/code><\/td><td><code>string<\/code><\/td><td>required<\/td>/);
    expect(html).toContain('<code class="scope">public_repo</code>');
    expect(html).toContain('toolsmith.tools.execute(GithubTool.CREATE_AN_ISSUE');
    expect(html).toContain('import { github, GithubTool } from &#x27;./generated/index.js&#x27;;');
    const upload = await read('tools/SLACK_UPLOAD_FILE.html');
    // The LLM-facing schema takes a file as a path or URL string.
    expect(upload).toMatch(/<td><code>file<\/code><\/td><td><code>string<\/code><\/td><td>required<\/td><td>The file to upload\. A file to upload: a local file path/);
  });

  it('escapes catalog text in pages and in inline data', async () => {
    const hostile = toCatalog({
      toolkits: [{ slug: 'evil', name: '<img src=x onerror=alert(1)>', description: '</script><script>alert(2)</script>', categories: ['x'], auth: [], counts: { tools: 1, triggers: 0 } }],
      tools: [{ slug: 'EVIL_TOOL', name: '</script><b>bold</b>', description: '<script>alert(3)</script>', toolkit: 'evil', importance: 50, scopes: [], tags: [],
        inputParameters: { type: 'object', properties: { '<x>': { type: 'string', description: '<i>hi</i>' } } }, outputParameters: {} }],
      triggers: [],
    });
    const out = join(dir, 'hostile');
    await buildCatalogSite({ catalog: hostile, outDir: out });
    for (const page of ['index.html', 'toolkits/evil.html', 'tools/EVIL_TOOL.html']) {
      const html = await readFile(join(out, page), 'utf8');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<b>bold</b>');
    }
  });

  it('refuses a folder holding other files and replaces a previous site', async () => {
    const occupied = join(dir, 'occupied');
    await mkdir(occupied);
    await writeFile(join(occupied, 'notes.txt'), 'mine');
    await expect(buildCatalogSite({ catalog, outDir: occupied })).rejects.toThrow(CatalogSiteError);
    expect(await readFile(join(occupied, 'notes.txt'), 'utf8')).toBe('mine');
    await writeFile(join(site, 'tools', 'STALE_TOOL.html'), 'old');
    await buildCatalogSite({ catalog, outDir: site, pageSize: 10 });
    expect(await readdir(join(site, 'tools'))).not.toContain('STALE_TOOL.html');
  });
});
