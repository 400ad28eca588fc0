/**
 * LangChain (`@langchain/core`): one structured tool per compiled tool, built with LangChain's own `tool()`
 * helper and a JSON Schema, executing as the bound user. Pass `tool` from `@langchain/core/tools` to get
 * the exact `DynamicStructuredTool` type of your copy of LangChain; without it the helper is loaded
 * on the first `wrapTools`, so apps that never use LangChain never load it.
 */
import { createRequire } from 'node:module';
import { ToolsmithError } from '../errors.js';
import type { CompiledTool, JsonSchema } from '../types.js';
import { resultText, runToolCall, ToolNameIndex } from './shared.js';
import type { ProviderContext, ToolsmithProvider } from './types.js';

export interface LangChainToolFields {
  name: string;
  description: string;
  schema: JsonSchema;
}

/** LangChain's `tool(func, fields)` helper, as far as we call it. */
export type LangChainToolHelper<T> = (func: (input: Record<string, unknown>) => Promise<string>, fields: LangChainToolFields) => T;

/** What any LangChain structured tool offers (the default type when no helper is passed). */
export interface LangChainToolLike {
  readonly name: string;
  readonly description: string;
  invoke(input: unknown, config?: unknown): Promise<unknown>;
}

export class LangChainProvider<T = LangChainToolLike> implements ToolsmithProvider<T[]> {
  readonly name = 'langchain';
  readonly agentic = true;
  private readonly index = new ToolNameIndex();
  private helper: LangChainToolHelper<T> | undefined;

  constructor(options: { readonly tool?: LangChainToolHelper<T> } = {}) {
    this.helper = options.tool;
  }

  wrapTools(tools: readonly CompiledTool[], context: ProviderContext): T[] {
    const helper = this.loadHelper();
    return tools.map((tool) => {
      const entry = this.index.add(tool, 'anthropic');
      return helper(async (input) => resultText(await runToolCall(context, this.index, entry.name, input)), {
        name: entry.name,
        description: tool.description,
        schema: entry.schema.parameters,
      });
    });
  }

  private loadHelper(): LangChainToolHelper<T> {
    if (this.helper) return this.helper;
    try {
      const loaded = createRequire(import.meta.url)('@langchain/core/tools') as { tool: LangChainToolHelper<T> };
      this.helper = loaded.tool;
      return loaded.tool;
    } catch (error) {
      throw new ToolsmithError('PROVIDER_ERROR',
        'LangChainProvider needs @langchain/core: install it, or pass { tool } from "@langchain/core/tools".', {}, { cause: error });
    }
  }
}
