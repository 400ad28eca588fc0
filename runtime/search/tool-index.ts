/**
 * The lexical tool index behind `tools.get({ search })` and the router's search meta tool:
 * minisearch (BM25) over a tool's slug words, name, description, tags and toolkit, with our own
 * stemming and synonyms, then boosted by the tool's importance and by toolkits the query names.
 */
import MiniSearch from 'minisearch';
import type { CompiledTool } from '../types.js';
import { expandQuery, processIndexTerm, splitWords, stem } from './text.js';

export interface ToolSearchOptions {
  /** Only tools of these toolkits (slugs, case-insensitive). */
  readonly toolkits?: readonly string[];
  /** At most this many results; default 10. */
  readonly limit?: number;
}

export interface ToolSearchResult {
  readonly tool: CompiledTool;
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

export class ToolIndex {
  readonly #tools: CompiledTool[] = [];
  readonly #search: MiniSearch<ToolDocument>;
  /** Stemmed toolkit words → toolkit slug, to notice "on slack" or "in github". */
  readonly #toolkitWords = new Map<string, string>();

  constructor(tools: readonly CompiledTool[]) {
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
      documents.push(toDocument(id, tool));
      const toolkit = tool.toolkit.toLowerCase();
      this.#toolkitWords.set(stem(toolkit), toolkit);
      this.#toolkitWords.set(toolkit, toolkit);
    }
    this.#search.addAll(documents);
  }

  /** Number of tools indexed. */
  get size(): number {
    return this.#tools.length;
  }

  search(query: string, options: ToolSearchOptions = {}): ToolSearchResult[] {
    const limit = Math.max(0, Math.floor(options.limit ?? defaultLimit));
    const toolkitFilter = options.toolkits && options.toolkits.length > 0
      ? new Set(options.toolkits.map((slug) => slug.toLowerCase()))
      : undefined;
    const inScope = (tool: CompiledTool): boolean => !toolkitFilter || toolkitFilter.has(tool.toolkit.toLowerCase());
    if (limit === 0) return [];

    const terms = expandQuery(query);
    if (terms.length === 0) {
      // Nothing to match: the most important tools in scope.
      return this.#tools
        .filter(inScope)
        .sort(byImportance)
        .slice(0, limit)
        .map((tool) => ({ tool, score: 0 }));
    }
    const weights = new Map(terms.map(({ term, weight }) => [term, weight]));
    const named = new Set<string>();
    for (const { term, weight } of terms) {
      const toolkit = this.#toolkitWords.get(term);
      if (toolkit && weight === 1) named.add(toolkit);
    }

    const hits = this.#search.search(terms.map(({ term }) => term).join(' '), {
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      boost: fieldBoost,
      boostTerm: (term) => weights.get(term) ?? 1,
      fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
      prefix: (term) => term.length >= 4,
      weights: { fuzzy: 0.3, prefix: 0.4 },
      combineWith: 'OR',
      filter: (result) => {
        const tool = this.#tools[result.id as number];
        return tool !== undefined && inScope(tool);
      },
    });

    const ranked: ToolSearchResult[] = [];
    for (const hit of hits) {
      const tool = this.#tools[hit.id as number];
      if (!tool) continue;
      let score = hit.score * importanceFactor(tool.importance);
      if (named.size > 0 && named.has(tool.toolkit.toLowerCase())) score *= 1.6;
      ranked.push({ tool, score });
    }
    ranked.sort((left, right) => right.score - left.score || byImportance(left.tool, right.tool));
    return ranked.slice(0, limit);
  }
}

/** 0 → 0.8, 50 → 1, 100 → 1.2: importance orders near-ties without overriding the text match. */
function importanceFactor(importance: number): number {
  const clamped = Math.min(100, Math.max(0, Number.isFinite(importance) ? importance : 50));
  return 0.8 + clamped * 0.004;
}

function byImportance(left: CompiledTool, right: CompiledTool): number {
  return right.importance - left.importance || left.slug.localeCompare(right.slug);
}

function toDocument(id: number, tool: CompiledTool): ToolDocument {
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
