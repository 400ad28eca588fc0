/**
 * Catalog and search figures, printed (not asserted):
 * - catalog site build time and size for the whole catalog (cold, then rebuilt into the same folder);
 * - tool search latency p50/p99 over the full catalog, with plain minisearch (default tokenizer, no
 *   stemming, synonyms or scoring of ours) measured in the same run as the peer, plus both recalls;
 * - time to first render of the index and of the biggest toolkit page in Debian chromium (file://).
 *
 *   npx tsx scripts/bench/catalog.ts [--catalog generated/catalog.json]
 * Without a catalog file, catalog.json is produced in memory from definitions/ by the real emitter.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { buildCatalogSite } from '../../compiler/catalog-site/build-site.js';
import { readCatalogFile, toCatalog, type Catalog } from '../../compiler/catalog-site/catalog-file.js';
import { parseSearchTasks } from '../../runtime/search/evaluate.js';
import { ToolIndex } from '../../runtime/search/tool-index.js';
import { launchOfflineBrowser } from '../../test/catalog/support/browser.js';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function loadCatalog(file: string | undefined): Promise<{ catalog: Catalog; source: string }> {
  if (file !== undefined) return { catalog: await readCatalogFile(file), source: file };
  const { loadDefinitions } = await import('../../compiler/parse/load-definitions.js');
  const { catalogEmitter } = await import('../../compiler/emit/catalog-emitter.js');
  const { createPlanner } = await import('../../compiler/emit/plan.js');
  const { toolkits } = await loadDefinitions('definitions');
  const [emitted] = catalogEmitter.emitAll!(toolkits, { plan: createPlanner() });
  return { catalog: toCatalog(JSON.parse(emitted!.contents)), source: 'definitions/ (emitted in memory)' };
}

async function benchSite(catalog: Catalog): Promise<string> {
  const outDir = join(await mkdtemp(join(tmpdir(), 'toolsmith-bench-site-')), 'site');
  const cold = await buildCatalogSite({ catalog, outDir });
  const warm = await buildCatalogSite({ catalog, outDir });
  console.log(`site build: ${ms(cold.elapsedMs)} cold, ${ms(warm.elapsedMs)} rebuild; ${cold.files} files, ${mib(cold.bytes)}`);
  return outDir;
}

async function benchSearch(catalog: Catalog): Promise<void> {
  const tasks = [
    ...parseSearchTasks(JSON.parse(await readFile('test/search-eval/tasks.json', 'utf8'))),
    ...parseSearchTasks(JSON.parse(await readFile('test/search-eval/holdout.json', 'utf8'))),
  ];
  let started = performance.now();
  const index = new ToolIndex(catalog.tools);
  const ourIndexMs = performance.now() - started;
  started = performance.now();
  const plain = new MiniSearch<{ id: number; slug: string; name: string; description: string; toolkit: string }>({
    fields: ['slug', 'name', 'description', 'toolkit'],
  });
  plain.addAll(catalog.tools.map((tool, id) => ({ id, slug: tool.slug.replace(/_/g, ' '), name: tool.name, description: tool.description, toolkit: tool.toolkit })));
  const plainIndexMs = performance.now() - started;

  const rounds = 5;
  const ours: number[] = [];
  const peer: number[] = [];
  let oursHits = 0;
  let peerHits = 0;
  for (let round = 0; round < rounds; round++) {
    for (const task of tasks) {
      const correct = new Set([task.tool, ...(task.alsoCorrect ?? [])]);
      let begin = performance.now();
      const found = index.search(task.task, { limit: 5 });
      ours.push(performance.now() - begin);
      begin = performance.now();
      const plainFound = plain.search(task.task, { prefix: true, fuzzy: 0.2 }).slice(0, 5);
      peer.push(performance.now() - begin);
      if (round === 0) {
        if (found.some((result) => correct.has(result.tool.slug))) oursHits += 1;
        if (plainFound.some((result) => correct.has(catalog.tools[result.id as number]!.slug))) peerHits += 1;
      }
    }
  }
  ours.sort((a, b) => a - b);
  peer.sort((a, b) => a - b);
  console.log(`search over ${catalog.tools.length} tools, ${tasks.length} tasks × ${rounds}:`);
  console.log(`  ToolIndex        index ${ms(ourIndexMs)}, p50 ${ms(percentile(ours, 50))}, p99 ${ms(percentile(ours, 99))}, recall@5 ${(oursHits / tasks.length).toFixed(3)}`);
  console.log(`  plain minisearch index ${ms(plainIndexMs)}, p50 ${ms(percentile(peer, 50))}, p99 ${ms(percentile(peer, 99))}, recall@5 ${(peerHits / tasks.length).toFixed(3)}`);
  console.log(`  ratio (ours / plain): p50 ×${(percentile(ours, 50) / percentile(peer, 50)).toFixed(2)}, p99 ×${(percentile(ours, 99) / percentile(peer, 99)).toFixed(2)}`);
}

async function benchBrowser(site: string, catalog: Catalog): Promise<void> {
  const biggest = [...catalog.toolkits].sort((a, b) => b.counts.tools - a.counts.tools)[0];
  const browser = await launchOfflineBrowser();
  try {
    const page = await browser.context.newPage();
    const firstRender = async (path: string): Promise<{ fcp: number; loaded: number }> => {
      await page.goto(pathToFileURL(join(site, path)).href, { waitUntil: 'load' });
      // Paint entries are queued after load: wait for the first contentful paint with a buffered observer.
      // (A string, not a function: tsx would add helper calls the page does not have.)
      return page.evaluate(`new Promise((resolve) => {
        const navigation = performance.getEntriesByType('navigation')[0];
        const finish = (fcp) => resolve({ fcp, loaded: navigation ? navigation.loadEventEnd : NaN });
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) finish(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
        setTimeout(() => finish(NaN), 5000);
      })`) as Promise<{ fcp: number; loaded: number }>;
    };
    const pages = [['index.html', 'index'], ...(biggest ? [[`toolkits/${biggest.slug}.html`, `${biggest.slug} (${biggest.counts.tools} tools)`]] : [])];
    for (const [path, label] of pages) {
      const samples: Array<{ fcp: number; loaded: number }> = [];
      for (let round = 0; round < 3; round++) samples.push(await firstRender(path!));
      const fcp = samples.map((sample) => sample.fcp).sort((a, b) => a - b);
      const loaded = samples.map((sample) => sample.loaded).sort((a, b) => a - b);
      console.log(`browser ${label}: first contentful paint ${ms(percentile(fcp, 50))}, load ${ms(percentile(loaded, 50))} (median of 3)`);
    }
    await page.goto(pathToFileURL(join(site, 'index.html')).href);
    const searchMs = await page.evaluate(`new Promise((resolve) => {
      const input = document.getElementById('search');
      const begin = performance.now();
      input.value = 'create issue';
      input.dispatchEvent(new Event('input'));
      requestAnimationFrame(() => resolve(performance.now() - begin));
    })`) as number;
    console.log(`browser index search "create issue" to next frame: ${ms(searchMs)}`);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { catalog: { type: 'string' }, 'no-browser': { type: 'boolean', default: false } } });
  const file = values.catalog ?? (existsSync('generated/catalog.json') ? 'generated/catalog.json' : undefined);
  const started = performance.now();
  const { catalog, source } = await loadCatalog(file);
  console.log(`catalog: ${source}: ${catalog.toolkits.length} toolkits, ${catalog.tools.length} tools, ${catalog.triggers.length} triggers (loaded in ${ms(performance.now() - started)})`);
  const site = await benchSite(catalog);
  await benchSearch(catalog);
  if (!values['no-browser']) await benchBrowser(site, catalog);
}

main().catch((error: unknown) => {
  console.error(`bench catalog: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
