/**
 * Prints search quality (recall@1, recall@5, MRR) of the tool index on the labelled tasks in
 * test/search-eval/tasks.json, searched over the whole catalog.
 *
 *   npx tsx scripts/search-eval.ts [--catalog generated/catalog.json | --definitions definitions] [--tasks FILE] [--misses] [--json]
 *
 * Tools come from the catalog when it exists, else straight from the definitions. Exit code 1 when
 * a target is missed (recall@1 < 0.7 or recall@5 < 0.9).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluateSearch, parseSearchTasks, type SearchEvaluation } from '../runtime/search/evaluate.js';
import { ToolIndex, type SearchableTool } from '../runtime/search/tool-index.js';

export const targets = { recallAt1: 0.7, recallAt5: 0.9 } as const;
export const defaultTasksFile = 'test/search-eval/tasks.json';

/** Catalog tools (catalog.json `tools`) or, without a catalog, tools read from the definitions. */
export async function loadSearchableTools(source: { catalog?: string; definitions?: string }): Promise<SearchableTool[]> {
  if (source.catalog !== undefined) {
    const catalog = JSON.parse(readFileSync(source.catalog, 'utf8')) as { tools?: unknown };
    if (!Array.isArray(catalog.tools)) throw new Error(`${source.catalog} has no "tools" array; is it a toolsmith catalog?`);
    return catalog.tools as SearchableTool[];
  }
  const { loadDefinitions } = await import('../compiler/parse/load-definitions.js');
  const { toolkits } = await loadDefinitions(source.definitions ?? 'definitions');
  return toolkits.flatMap((toolkit) =>
    toolkit.tools.map((tool) => ({
      slug: tool.slug, name: tool.name, description: tool.description, toolkit: toolkit.slug, importance: tool.importance, tags: tool.tags,
    })),
  );
}

export function runSearchEval(tools: readonly SearchableTool[], tasksFile = defaultTasksFile): SearchEvaluation {
  const tasks = parseSearchTasks(JSON.parse(readFileSync(tasksFile, 'utf8')));
  const index = new ToolIndex(tools);
  return evaluateSearch(index, tasks, new Set(tools.map((tool) => tool.slug)));
}

function percent(value: number): string {
  return value.toFixed(3);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      catalog: { type: 'string' },
      definitions: { type: 'string' },
      tasks: { type: 'string', default: defaultTasksFile },
      misses: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const catalog = values.catalog ?? (values.definitions === undefined && existsSync('generated/catalog.json') ? 'generated/catalog.json' : undefined);
  const tools = await loadSearchableTools(catalog !== undefined ? { catalog } : { definitions: values.definitions ?? 'definitions' });
  const result = runSearchEval(tools, resolve(values.tasks));
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(`search eval: ${result.total} tasks over ${tools.length} tools (${catalog ?? values.definitions ?? 'definitions'})`);
    console.log(`recall@1 ${percent(result.recallAt1)} (target ${targets.recallAt1})`);
    console.log(`recall@5 ${percent(result.recallAt5)} (target ${targets.recallAt5})`);
    console.log(`MRR      ${percent(result.meanReciprocalRank)}`);
    for (const [toolkit, bucket] of Object.entries(result.perToolkit)) {
      console.log(`  ${toolkit.padEnd(12)} ${String(bucket.total).padStart(3)} tasks  r@1 ${percent(bucket.recallAt1)}  r@5 ${percent(bucket.recallAt5)}`);
    }
    if (result.unknownLabels.length > 0) console.log(`labels naming unknown tools: ${result.unknownLabels.join(', ')}`);
    if (values.misses) {
      for (const miss of result.misses) {
        console.log(`- ${miss.task}\n    expected ${miss.expected} (rank ${miss.rank ?? '>10'}); got ${miss.top.join(', ')}`);
      }
    }
  }
  return result.recallAt1 >= targets.recallAt1 && result.recallAt5 >= targets.recallAt5 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      console.error(`search-eval: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
