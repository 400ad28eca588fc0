/**
 * The search index behind `tools.get({ search })`: engineer E's ToolIndex (runtime/search/tool-index.ts).
 * Loaded on first search so apps that never search do not pay for it.
 */
import type { CompiledTool } from '../types.js';
import { ToolsmithError } from '../errors.js';
import type { SearchIndex } from './select-tools.js';

// Held in a variable so the type checker does not require the module before it is written.
const TOOL_INDEX_MODULE = '../search/tool-index.js';

export async function buildSearchIndex(tools: readonly CompiledTool[]): Promise<SearchIndex> {
  let loaded: { ToolIndex?: new (tools: readonly CompiledTool[]) => SearchIndex };
  try {
    loaded = await import(TOOL_INDEX_MODULE) as typeof loaded;
  } catch (error) {
    throw new ToolsmithError('INVALID_OPTIONS', 'tools.get({ search }) needs the search index (runtime/search/tool-index.ts), which could not be loaded.', {}, { cause: error });
  }
  if (!loaded.ToolIndex) throw new ToolsmithError('INVALID_OPTIONS', 'The search index module does not export ToolIndex.');
  return new loaded.ToolIndex(tools);
}
