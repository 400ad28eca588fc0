/**
 * The search index behind `tools.get({ search })`: engineer E's ToolIndex, loaded on first search so apps that
 * never search do not load it.
 */
import type { CompiledTool } from '../types.js';
import type { SearchIndex } from './select-tools.js';

export async function buildSearchIndex(tools: readonly CompiledTool[]): Promise<SearchIndex> {
  const { ToolIndex } = await import('../search/tool-index.js');
  return new ToolIndex(tools);
}
