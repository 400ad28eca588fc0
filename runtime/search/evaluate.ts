/**
 * Search-quality evaluation: labelled natural-language tasks searched over an index, scored as
 * recall@1, recall@5 and mean reciprocal rank, with the misses listed so they can be fixed.
 */
import type { SearchableTool, ToolIndex } from './tool-index.js';

export interface SearchTask {
  readonly task: string;
  /** The slug of the tool that does the task. */
  readonly tool: string;
  /** Other tools that do the task equally well (a hit on any counts). */
  readonly alsoCorrect?: readonly string[];
  /** Restrict the search to these toolkits (as a caller of tools.get would). */
  readonly toolkits?: readonly string[];
}

export interface SearchMiss {
  readonly task: string;
  readonly expected: string;
  /** 1-based rank of the first correct tool, or undefined when not in the top `depth`. */
  readonly rank?: number;
  readonly top: readonly string[];
}

export interface SearchEvaluation {
  readonly total: number;
  readonly recallAt1: number;
  readonly recallAt5: number;
  readonly meanReciprocalRank: number;
  /** Labels naming tools that are not in the index (counted as misses). */
  readonly unknownLabels: readonly string[];
  /** Tasks whose correct tool was not ranked first. */
  readonly misses: readonly SearchMiss[];
  readonly perToolkit: Readonly<Record<string, { total: number; recallAt1: number; recallAt5: number }>>;
}

/** Reads and checks a tasks file's parsed JSON; errors name the task index and field. */
export function parseSearchTasks(raw: unknown): SearchTask[] {
  const list = Array.isArray(raw) ? raw : (raw as { tasks?: unknown } | null)?.tasks;
  if (!Array.isArray(list)) throw new Error('The tasks file must be an array of tasks or an object with a "tasks" array.');
  return list.map((item: unknown, index) => {
    const where = `tasks[${index}]`;
    if (typeof item !== 'object' || item === null) throw new Error(`${where} must be an object.`);
    const record = item as Record<string, unknown>;
    if (typeof record['task'] !== 'string' || record['task'].trim() === '') throw new Error(`${where}.task must be a non-empty string.`);
    if (typeof record['tool'] !== 'string' || record['tool'] === '') throw new Error(`${where}.tool must be a tool slug.`);
    for (const key of ['alsoCorrect', 'toolkits'] as const) {
      const value = record[key];
      if (value !== undefined && (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string'))) {
        throw new Error(`${where}.${key} must be an array of strings.`);
      }
    }
    return record as unknown as SearchTask;
  });
}

const depth = 10;

export function evaluateSearch<Tool extends SearchableTool>(
  index: ToolIndex<Tool>,
  tasks: readonly SearchTask[],
  known: ReadonlySet<string>,
): SearchEvaluation {
  let at1 = 0;
  let at5 = 0;
  let reciprocal = 0;
  const misses: SearchMiss[] = [];
  const unknownLabels = new Set<string>();
  const perToolkit: Record<string, { total: number; at1: number; at5: number }> = {};
  for (const task of tasks) {
    const correct = new Set([task.tool, ...(task.alsoCorrect ?? [])]);
    if (!known.has(task.tool)) unknownLabels.add(task.tool);
    const results = index.search(task.task, { limit: depth, ...(task.toolkits && { toolkits: task.toolkits }) });
    const top = results.map((result) => result.tool.slug);
    const position = top.findIndex((slug) => correct.has(slug));
    const rank = position < 0 ? undefined : position + 1;
    const toolkit = task.tool.split('_')[0]!.toLowerCase();
    const bucket = (perToolkit[toolkit] ??= { total: 0, at1: 0, at5: 0 });
    bucket.total += 1;
    if (rank === 1) {
      at1 += 1;
      bucket.at1 += 1;
    } else {
      misses.push({ task: task.task, expected: task.tool, ...(rank !== undefined && { rank }), top: top.slice(0, 5) });
    }
    if (rank !== undefined && rank <= 5) {
      at5 += 1;
      bucket.at5 += 1;
    }
    if (rank !== undefined) reciprocal += 1 / rank;
  }
  const total = tasks.length;
  const ratio = (count: number, of: number): number => (of === 0 ? 0 : count / of);
  return {
    total,
    recallAt1: ratio(at1, total),
    recallAt5: ratio(at5, total),
    meanReciprocalRank: ratio(reciprocal, total),
    unknownLabels: [...unknownLabels].sort(),
    misses,
    perToolkit: Object.fromEntries(
      Object.entries(perToolkit)
        .sort(([left], [right]) => left.localeCompare(right))
        .map(([toolkit, bucket]) => [toolkit, { total: bucket.total, recallAt1: ratio(bucket.at1, bucket.total), recallAt5: ratio(bucket.at5, bucket.total) }]),
    ),
  };
}
