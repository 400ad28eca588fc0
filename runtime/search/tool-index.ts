/**
 * The lexical tool index behind `tools.get({ search })` and the router's search meta tool:
 * minisearch (BM25) over a tool's slug words, name, description, tags and toolkit, with our own
 * stemming and synonyms. Scores are then shaped by how much of the task a tool covers, whether its
 * action (create, list, delete…) is the one asked for, toolkits the task names, and importance.
 */
import MiniSearch from 'minisearch';
import type { CompiledTool } from '../types.js';
import { taskActions, toolActions, type Action } from './synonyms.js';
import { processIndexTerm, queryGroups, splitWords, stem, type QueryGroup } from './text.js';

export interface ToolSearchOptions {
  /** Only tools of these toolkits (slugs, case-insensitive). */
  readonly toolkits?: readonly string[];
  /** At most this many results; default 10. */
  readonly limit?: number;
}

/** What the index reads of a tool: a `CompiledTool`, or a catalog.json tool entry. */
export type SearchableTool = Pick<CompiledTool, 'slug' | 'name' | 'description' | 'toolkit' | 'importance' | 'tags'>;

export interface ToolSearchResult<Tool extends SearchableTool = CompiledTool> {
  readonly tool: Tool;
  readonly score: number;
}

interface ToolDocument {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly tags: string;
  readonly toolkit: string;
}

const fieldBoost = { name: 3, slug: 2.5, tags: 1.5, toolkit: 1.5, description: 1 };
const defaultLimit = 10;
/** Leading text of a description matters most; long OpenAPI descriptions are cut to keep BM25 fair. */
const descriptionLimit = 600;
/** Multiplier for tools of a toolkit the task names ("… on slack"). */
const namedToolkitBoost = 10;

export class ToolIndex<Tool extends SearchableTool = CompiledTool> {
  readonly #tools: Tool[] = [];
  readonly #actions: Array<Action | undefined> = [];
  /** Stemmed words of each tool's slug (without the toolkit prefix). */
  readonly #slugTerms: Array<readonly string[]> = [];
  readonly #search: MiniSearch<ToolDocument>;
  /** Toolkit words (slug, stemmed slug) → toolkit slug, to notice "on slack" or "in github". */
  readonly #toolkitWords = new Map<string, string>();

  constructor(tools: readonly Tool[]) {
    this.#search = new MiniSearch<ToolDocument>({
      fields: ['slug', 'name', 'description', 'tags', 'toolkit'],
      storeFields: [],
      tokenize: (text) => splitWords(text),
      processTerm: (term) => processIndexTerm(term),
    });
    const seen = new Set<string>();
    const documents: ToolDocument[] = [];
    for (const tool of tools) {
      if (seen.has(tool.slug)) continue;
      seen.add(tool.slug);
      const id = this.#tools.length;
      this.#tools.push(tool);
      this.#actions.push(actionOfTool(tool));
      const document = toDocument(id, tool);
      documents.push(document);
      this.#slugTerms.push([...new Set(splitWords(document.slug).map(processIndexTerm).filter((term) => term !== null))]);
      const toolkit = tool.toolkit.toLowerCase();
      this.#toolkitWords.set(toolkit, toolkit);
      this.#toolkitWords.set(stem(toolkit), toolkit);
    }
    this.#search.addAll(documents);
  }

  /** Number of tools indexed. */
  get size(): number {
    return this.#tools.length;
  }

  search(query: string, options: ToolSearchOptions = {}): Array<ToolSearchResult<Tool>> {
    const limit = Math.max(0, Math.floor(options.limit ?? defaultLimit));
    const toolkitFilter = options.toolkits && options.toolkits.length > 0
      ? new Set(options.toolkits.map((slug) => slug.toLowerCase()))
      : undefined;
    const inScope = (tool: Tool): boolean => !toolkitFilter || toolkitFilter.has(tool.toolkit.toLowerCase());
    if (limit === 0) return [];

    const named = this.#namedToolkits(query);
    // A toolkit's name says where to look, not what to do: it boosts but does not count as coverage.
    const groups = queryGroups(query).filter((group) => !named.words.has(group.word));
    const terms = new Map<string, number>();
    for (const group of groups) {
      for (const { term, weight } of group.terms) if (weight > (terms.get(term) ?? 0)) terms.set(term, weight);
    }
    if (terms.size === 0) {
      // Nothing to match (or only a toolkit named): the most important tools in scope.
      return this.#tools
        .filter((tool) => inScope(tool) && (named.toolkits.size === 0 || named.toolkits.has(tool.toolkit.toLowerCase())))
        .sort(byImportance)
        .slice(0, limit)
        .map((tool) => ({ tool, score: 0 }));
    }
    const intent = taskAction(groups);

    const hits = this.#search.search([...terms.keys()].join(' '), {
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      boost: fieldBoost,
      boostTerm: (term) => terms.get(term) ?? 1,
      fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
      prefix: (term) => term.length >= 4,
      weights: { fuzzy: 0.3, prefix: 0.4 },
      combineWith: 'OR',
      filter: (result) => {
        const tool = this.#tools[result.id as number];
        return tool !== undefined && inScope(tool);
      },
    });

    const ranked: Array<ToolSearchResult<Tool>> = [];
    for (const hit of hits) {
      const id = hit.id as number;
      const tool = this.#tools[id];
      if (!tool) continue;
      let score = hit.score * coverageFactor(groups, new Set(hit.queryTerms));
      score *= actionFactor(intent, this.#actions[id]);
      score *= precisionFactor(this.#slugTerms[id] ?? [], new Set(hit.terms));
      score *= importanceFactor(tool.importance);
      if (named.toolkits.has(tool.toolkit.toLowerCase())) score *= namedToolkitBoost;
      ranked.push({ tool, score });
    }
    ranked.sort((left, right) => right.score - left.score || byImportance(left.tool, right.tool));
    return ranked.slice(0, limit);
  }

  /** Toolkits the query names, by slug ("github") or by its words run together ("hacker news"). */
  #namedToolkits(query: string): { toolkits: Set<string>; words: Set<string> } {
    const toolkits = new Set<string>();
    const words = new Set<string>();
    const list = splitWords(query);
    list.forEach((word, index) => {
      const single = this.#toolkitWords.get(word) ?? this.#toolkitWords.get(stem(word));
      if (single) {
        toolkits.add(single);
        words.add(word);
      }
      const next = list[index + 1];
      const pair = next === undefined ? undefined : this.#toolkitWords.get(word + next);
      if (pair && next !== undefined) {
        toolkits.add(pair);
        words.add(word);
        words.add(next);
      }
    });
    return { toolkits, words };
  }
}

/**
 * Share of the task's words a tool matched (a word counts when it or a synonym matched), softened:
 * a tool matching every word scores in full, one matching half of them about 0.6.
 */
function coverageFactor(groups: readonly QueryGroup[], matched: ReadonlySet<string>): number {
  if (groups.length === 0) return 1;
  let covered = 0;
  let total = 0;
  for (const group of groups) {
    // Words that only stand for synonyms (e.g. "which") weigh less than content words.
    const weight = group.terms.some((term) => term.weight === 1) ? 1 : 0.5;
    total += weight;
    const hit = group.terms.find((term) => matched.has(term.term));
    if (hit) covered += weight * (hit.weight === 1 ? 1 : 0.75);
  }
  const share = covered / total;
  return 0.2 + 0.8 * share;
}

/**
 * Share of the tool's slug words the task matched: of two tools matching the same words, the one
 * with fewer unrelated words (GET_ISSUE over GET_ISSUE_TYPES_FOR_PROJECT) is the tighter fit.
 */
function precisionFactor(slugTerms: readonly string[], matched: ReadonlySet<string>): number {
  if (slugTerms.length === 0) return 1;
  const hits = slugTerms.filter((term) => matched.has(term)).length;
  return 0.5 + 0.5 * (hits / slugTerms.length);
}

/** The action the task asks for: the first word in it that names one. */
function taskAction(groups: readonly QueryGroup[]): Action | undefined {
  for (const group of groups) {
    const action = taskActions[group.word];
    if (action) return action;
  }
  return undefined;
}

const readActions = new Set<Action>(['get', 'list', 'search']);

function actionFactor(wanted: Action | undefined, action: Action | undefined): number {
  if (!wanted || !action) return 1;
  if (wanted === action) return 1.5;
  const wantedRead = readActions.has(wanted);
  const actionRead = readActions.has(action);
  if (wantedRead && actionRead) return 1;
  return 0.7;
}

function actionOfTool(tool: SearchableTool): Action | undefined {
  const prefix = tool.toolkit.toUpperCase() + '_';
  const rest = tool.slug.startsWith(prefix) ? tool.slug.slice(prefix.length) : tool.slug;
  for (const word of rest.toLowerCase().split('_')) {
    const action = toolActions[word];
    if (action) return action;
  }
  return undefined;
}

/** 0 → 0.7, 50 → 1, 100 → 1.3: importance orders near-ties without overriding the text match. */
function importanceFactor(importance: number): number {
  const clamped = Math.min(100, Math.max(0, Number.isFinite(importance) ? importance : 50));
  return 0.7 + clamped * 0.006;
}

function byImportance(left: SearchableTool, right: SearchableTool): number {
  return right.importance - left.importance || left.slug.localeCompare(right.slug);
}

function toDocument(id: number, tool: SearchableTool): ToolDocument {
  const prefix = tool.toolkit.toUpperCase() + '_';
  const slugWords = tool.slug.startsWith(prefix) ? tool.slug.slice(prefix.length) : tool.slug;
  return {
    id,
    slug: slugWords.replace(/_/g, ' '),
    name: tool.name,
    description: tool.description.slice(0, descriptionLimit),
    tags: tool.tags.join(' '),
    toolkit: tool.toolkit.replace(/_/g, ' '),
  };
}
