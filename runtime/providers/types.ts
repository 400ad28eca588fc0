/**
 * A provider turns compiled tools into one model SDK's tool objects (OpenAI, Anthropic, Gemini, Vercel AI SDK,
 * LangChain…). `tools.get` calls `wrapTools` with the tools chosen and an execute function bound to the user.
 */
import type { CompiledTool } from '../types.js';
import type { ToolExecuteResult } from '../execute/types.js';

export interface ProviderContext {
  readonly userId: string;
  /** Executes a tool as that user, with the modifiers given to `tools.get` applied. */
  execute(slug: string, args: Record<string, unknown>): Promise<ToolExecuteResult>;
}

export interface ProviderWarning {
  readonly tool: string;
  readonly message: string;
}

export interface ToolsmithProvider<Wrapped = unknown> {
  readonly name: string;
  /** Agentic providers (Vercel AI SDK, LangChain) return tools that execute themselves. */
  readonly agentic: boolean;
  wrapTools(tools: readonly CompiledTool[], context: ProviderContext): Wrapped;
  /**
   * Non-agentic providers: runs the tool calls in a model response as `userId` (with the execute function
   * the last `wrapTools` for that user bound, unless `context` is given) and returns messages ready to append.
   */
  handleToolCalls?(userId: string, response: unknown, context?: ProviderContext): Promise<unknown[]>;
}
