import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogSite } from '../../compiler/catalog-site/build-site.js';
import { readCatalogFile, type Catalog } from '../../compiler/catalog-site/catalog-file.js';
import { launchOfflineBrowser } from './support/browser.js';
import { buildFixtureCatalog, fixtureToolkits } from './support/fixture-catalog.js';

const artifacts = resolve('test-artifacts', 'catalog');
let catalog: Catalog;
let site: string;
let browser: Awaited<ReturnType<typeof launchOfflineBrowser>>;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  const fixture = await buildFixtureCatalog();
  catalog = await readCatalogFile(fixture.catalogFile);
  site = join(fixture.dir, 'site');
  await buildCatalogSite({ catalog, outDir: site, pageSize: 10 });
  await mkdir(artifacts, { recursive: true });
  browser = await launchOfflineBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // Refused logo requests are expected offline; anything else is a page bug.
    if (message.type() === 'error' && !message.text().includes('net::ERR_FAILED')) pageErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
});

const url = (path: string): string => pathToFileURL(join(site, path)).href;
const visibleCards = (): Promise<number> => page.locator('.toolkit-card:visible').count();

describe('catalog site in chromium (file://)', () => {
  it('loads the index with every toolkit', async () => {
    await page.goto(url('index.html'));
    expect(await visibleCards()).toBe(fixtureToolkits.length);
    await expect(page.locator('#result-count').textContent()).resolves.toBe(`${fixtureToolkits.length} toolkits`);
    await page.screenshot({ path: join(artifacts, 'index.png'), fullPage: true });
  });

  it('narrows toolkits and lists matching tools as the user types', async () => {
    await page.locator('#search').pressSequentially('star repo');
    await page.waitForFunction(() => !(document.getElementById('tool-results') as HTMLElement).hidden);
    const slugs = await page.locator('#tool-list .slug').allTextContents();
    expect(slugs.map((slug) => slug.trim())).toContain('GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER');
    expect(slugs.every((slug) => slug.includes('GITHUB_'))).toBe(true);
    expect(await visibleCards()).toBeLessThan(fixtureToolkits.length);
    await page.screenshot({ path: join(artifacts, 'index-search.png'), fullPage: true });

    await page.locator('#search').fill('zzzz-nothing');
    await expect(page.locator('#no-results').isVisible()).resolves.toBe(true);
    expect(await visibleCards()).toBe(0);
    await page.locator('#search').fill('');
    expect(await visibleCards()).toBe(fixtureToolkits.length);
  });

  it('filters toolkits by category', async () => {
    await page.locator('.filter[data-category="support"]').click();
    const shown = await page.locator('.toolkit-card:visible').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-slug')));
    expect(shown).toEqual(catalog.toolkits.filter((toolkit) => toolkit.categories.includes('support')).map((toolkit) => toolkit.slug));
    await page.locator('.filter[data-category=""]').click();
    expect(await visibleCards()).toBe(fixtureToolkits.length);
  });

  it('pages and filters the tools of a toolkit', async () => {
    const githubTools = catalog.tools.filter((tool) => tool.toolkit === 'github').length;
    await page.goto(url('toolkits/github.html'));
    expect(await page.locator('#tools .tool-row').count()).toBe(10);
    await page.locator('#next').click();
    await expect(page.locator('#page-info').textContent()).resolves.toBe(`11–20 of ${githubTools}`);
    await page.locator('#tool-filter').fill('pull request');
    const rows = await page.locator('#tools .tool-row').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => /pull/i.test(row) && /request/i.test(row))).toBe(true);
    const info = /^1–(\d+) of (\d+)$/.exec((await page.locator('#page-info').textContent()) ?? '');
    expect(Number(info?.[1])).toBe(rows.length);
    expect(Number(info?.[2])).toBeLessThan(githubTools);
    await page.screenshot({ path: join(artifacts, 'toolkit-github.png'), fullPage: true });
  });

  it('shows a tool page with its input schema table', async () => {
    await page.goto(url('toolkits/github.html'));
    await page.locator('#tool-filter').fill('create an issue');
    await page.locator('#tools a', { hasText: 'Create an issue' }).first().click();
    await page.waitForURL(/GITHUB_CREATE_AN_ISSUE\.html$/);
    const rows = await page.locator('#input-schema table.schema-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim())));
    expect(rows).toContainEqual(['title', 'string', 'required']);
    expect(rows).toContainEqual(['labels', 'string[]', '']);
    await expect(page.locator('#example-code').textContent()).resolves.toContain('GithubTool.CREATE_AN_ISSUE');
    await page.screenshot({ path: join(artifacts, 'tool-create-issue.png'), fullPage: true });
  });

  it('raised no page errors and reached nothing beyond file://', () => {
    expect(pageErrors).toEqual([]);
    expect(browser.blocked.every((blockedUrl) => /^https?:/.test(blockedUrl))).toBe(true);
  });
});
