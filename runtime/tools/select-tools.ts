/**
 * `tools.get` filters, with Composio's rules: `tools` alone; `toolkits` (importance order, default limit 20);
 * one toolkit with `scopes`; `search`, optionally within `toolkits`. Anything else is INVALID_OPTIONS.
 */
import type { CompiledTool } from '../types.js';
import { ToolsmithError } from '../errors.js';
import type { ToolRegistry } from './registry.js';

export interface GetToolsOptions {
  /** Exact slugs; cannot be combined with other filters. */
  readonly tools?: readonly string[];
  /** Toolkit slugs: their tools, most important first. */
  readonly toolkits?: readonly string[];
  /** With exactly one toolkit: tools usable with any of these scopes. */
  readonly scopes?: readonly string[];
  /** A query over names, descriptions and tags, optionally within `toolkits`. */
  readonly search?: string;
  /** Default 20 (toolkits, scopes) or 10 (search). */
  readonly limit?: number;
}

export interface SearchIndex {
  search(query: string, options?: { toolkits?: readonly string[]; limit?: number }): Array<{ tool: CompiledTool; score: number }>;
}

const KEYS = new Set(['tools', 'toolkits', 'scopes', 'search', 'limit']);

function invalid(message: string): ToolsmithError {
  return new ToolsmithError('INVALID_OPTIONS', `tools.get: ${message}`);
}

function stringList(value: unknown, key: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw invalid(`\`${key}\` must be an array of non-empty strings.`);
  }
  return value.length === 0 ? undefined : value as string[];
}

/** `search` is awaited only when the options ask for a search. */
export async function selectTools(registry: ToolRegistry, options: GetToolsOptions, search: () => Promise<SearchIndex>): Promise<CompiledTool[]> {
  if (typeof options !== 'object' || options === null) throw invalid('give an options object, e.g. { toolkits: ["github"] }.');
  const unknown = Object.keys(options).filter((key) => !KEYS.has(key));
  if (unknown.length > 0) throw invalid(`unknown option(s) ${unknown.join(', ')}; use tools, toolkits, scopes, search, limit.`);
  const tools = stringList(options.tools, 'tools');
  const toolkits = stringList(options.toolkits, 'toolkits');
  const scopes = stringList(options.scopes, 'scopes');
  const query = options.search;
  if (query !== undefined && (typeof query !== 'string' || query.trim() === '')) throw invalid('`search` must be a non-empty string.');
  const limit = options.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 10_000)) throw invalid('`limit` must be an integer from 1 to 10000.');

  if (tools) {
    const others = [toolkits && 'toolkits', scopes && 'scopes', query !== undefined && 'search', limit !== undefined && 'limit'].filter(Boolean);
    if (others.length > 0) throw invalid(`\`tools\` cannot be combined with ${others.join(', ')}; ask for exact slugs alone.`);
    return tools.map((slug) => registry.require(slug).tool);
  }
  for (const slug of toolkits ?? []) {
    if (!registry.hasToolkit(slug)) {
      throw new ToolsmithError('TOOLKIT_NOT_FOUND', `tools.get: no toolkit "${slug}" is loaded (loaded: ${[...registry.toolkits.keys(), ...registry.customToolkits.keys()].join(', ') || 'none'}).`, { toolkit: slug });
    }
  }
  if (query !== undefined) {
    if (scopes) throw invalid('`search` cannot be combined with `scopes`.');
    return (await search()).search(query, { ...(toolkits ? { toolkits } : {}), limit: limit ?? 10 }).map((hit) => hit.tool);
  }
  if (!toolkits) throw invalid(scopes ? '`scopes` needs exactly one toolkit in `toolkits`.' : 'give `tools`, `toolkits` or `search`.');
  const listed = toolkits.flatMap((slug) => registry.toolsOf(slug).filter((tool) => !tool.deprecated));
  if (scopes) {
    if (toolkits.length !== 1) throw invalid('`scopes` needs exactly one toolkit in `toolkits`.');
    const wanted = new Set(scopes);
    return listed.filter((tool) => tool.scopes.length === 0 || tool.scopes.some((scope) => wanted.has(scope))).slice(0, limit ?? 20);
  }
  if (toolkits.length > 1) listed.sort((a, b) => b.importance - a.importance || (a.slug < b.slug ? -1 : 1));
  return listed.slice(0, limit ?? 20);
}
