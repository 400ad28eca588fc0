/**
 * Every tool the runtime knows, by slug: compiled tools from the loaded toolkits and custom (LOCAL_) tools.
 * Lookups are map reads; lists are kept sorted by importance so `tools.get` never sorts per call.
 */
import type { CompiledTool, CompiledToolkit } from '../types.js';
import { ToolsmithError } from '../errors.js';
import type { CustomToolEntry } from '../custom-tools/types.js';

export interface RegisteredTool {
  readonly tool: CompiledTool;
  /** The compiled toolkit; undefined for a tool of a custom toolkit. */
  readonly toolkit: CompiledToolkit | undefined;
  readonly custom?: CustomToolEntry;
}

export interface CustomToolkitInfo { readonly slug: string; readonly name: string; readonly description: string }

function byImportance(a: CompiledTool, b: CompiledTool): number {
  return b.importance - a.importance || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

export class ToolRegistry {
  readonly toolkits = new Map<string, CompiledToolkit>();
  readonly customToolkits = new Map<string, CustomToolkitInfo>();
  private readonly tools = new Map<string, RegisteredTool>();
  private readonly byToolkit = new Map<string, CompiledTool[]>();
  /** Bumped on every change, so derived indexes (search) know to rebuild. */
  version = 0;

  constructor(toolkits: readonly CompiledToolkit[]) {
    for (const toolkit of toolkits) {
      if (!toolkit || typeof toolkit.slug !== 'string' || !Array.isArray(toolkit.tools)) {
        throw new ToolsmithError('INVALID_OPTIONS', 'Every entry of `toolkits` must be a compiled toolkit (import it from generated/).');
      }
      if (this.toolkits.has(toolkit.slug)) {
        throw new ToolsmithError('INVALID_OPTIONS', `Toolkit "${toolkit.slug}" is given twice in \`toolkits\`.`);
      }
      this.toolkits.set(toolkit.slug, toolkit);
      for (const tool of toolkit.tools) this.add({ tool, toolkit });
    }
  }

  private add(entry: RegisteredTool): void {
    if (this.tools.has(entry.tool.slug)) {
      throw new ToolsmithError('INVALID_OPTIONS', `Tool slug ${entry.tool.slug} is defined twice.`, { tool: entry.tool.slug });
    }
    this.tools.set(entry.tool.slug, entry);
    const list = this.byToolkit.get(entry.tool.toolkit) ?? [];
    list.push(entry.tool);
    list.sort(byImportance);
    this.byToolkit.set(entry.tool.toolkit, list);
    this.version++;
  }

  addCustom(entry: RegisteredTool): void { this.add(entry); }

  get(slug: string): RegisteredTool | undefined { return this.tools.get(slug); }

  /** Throws TOOL_NOT_FOUND with close slugs as suggestions. */
  require(slug: string): RegisteredTool {
    const found = this.tools.get(slug);
    if (found) return found;
    const upper = typeof slug === 'string' ? slug.toUpperCase() : '';
    const exact = this.tools.get(upper);
    if (exact) return exact;
    const words = upper.split('_').filter((word) => word.length > 2);
    const suggestions = [...this.tools.keys()]
      .map((candidate) => ({ candidate, score: words.filter((word) => candidate.includes(word)).length }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map((entry) => entry.candidate);
    throw new ToolsmithError('TOOL_NOT_FOUND',
      `No tool ${String(slug)}.${suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : ''}`, { tool: String(slug) });
  }

  /** Tools of one toolkit (compiled or custom), most important first. */
  toolsOf(toolkit: string): readonly CompiledTool[] { return this.byToolkit.get(toolkit) ?? []; }

  hasToolkit(slug: string): boolean { return this.toolkits.has(slug) || this.customToolkits.has(slug); }

  allTools(): CompiledTool[] { return [...this.tools.values()].map((entry) => entry.tool); }

  /** Slug prefixes custom tools may not use: LOCAL_, TOOLSMITH_ and every loaded toolkit's `SLUG_`. */
  reservedPrefixes(): string[] {
    return ['LOCAL_', 'TOOLSMITH_', ...[...this.toolkits.keys()].map((slug) => `${slug.toUpperCase()}_`)];
  }
}
