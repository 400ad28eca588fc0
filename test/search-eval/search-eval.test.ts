/**
 * Search quality over the whole catalog: the labelled tasks must reach the targets (recall@1 ≥ 0.7,
 * recall@5 ≥ 0.9), and every label must name a tool that exists. Tools come from
 * generated/catalog.json when it exists, else straight from definitions/.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchableTool } from '../../runtime/search/tool-index.js';
import { loadSearchableTools, runSearchEval, targets } from '../../scripts/search-eval.js';

let tools: SearchableTool[];

beforeAll(async () => {
  const catalog = 'generated/catalog.json';
  tools = await loadSearchableTools(existsSync(catalog) ? { catalog } : { definitions: 'definitions' });
}, 120_000);

describe.each(['test/search-eval/tasks.json', 'test/search-eval/holdout.json'])('search evaluation %s', (file) => {
  it('labels only tools that exist and meets the recall targets', () => {
    const result = runSearchEval(tools, file);
    expect(result.total).toBeGreaterThan(50);
    expect(result.unknownLabels).toEqual([]);
    const report = result.misses.slice(0, 10).map((miss) => `${miss.task} → ${miss.expected} (rank ${miss.rank ?? '>10'})`);
    expect(result.recallAt1, report.join('\n')).toBeGreaterThanOrEqual(targets.recallAt1);
    expect(result.recallAt5, report.join('\n')).toBeGreaterThanOrEqual(targets.recallAt5);
  });
});

it('the main evaluation set has at least 150 tasks across every toolkit in definitions/', () => {
  const result = runSearchEval(tools, 'test/search-eval/tasks.json');
  expect(result.total).toBeGreaterThanOrEqual(150);
  expect(Object.keys(result.perToolkit).sort()).toEqual([...new Set(tools.map((tool) => tool.toolkit))].sort());
});
