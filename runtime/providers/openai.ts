/**
 * OpenAI Chat Completions (the default provider): `ChatCompletionFunctionTool` objects with the schema
 * lowered for strict mode at build time, and `handleToolCalls` answering every call of every choice,
 * in parallel, with `role: 'tool'` messages ready to append.
 */
import type { CompiledTool, JsonSchema } from '../types.js';
import { ProviderState, resultText, runToolCall, strictWarnings } from './shared.js';
import type { ProviderContext, ProviderWarning, ToolsmithProvider } from './types.js';

export interface OpenAiChatTool {
  type: 'function';
  function: { name: string; description: string; parameters: JsonSchema; strict: boolean };
}

export interface OpenAiToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string;
}

/** The part of a `ChatCompletion` this reads. */
export interface OpenAiChatCompletionLike {
  readonly choices: ReadonlyArray<{
    readonly message: {
      readonly tool_calls?: ReadonlyArray<{ readonly id: string; readonly type: string; readonly function?: { readonly name: string; readonly arguments: string } }> | null;
    };
  }>;
}

export interface OpenAiProviderOptions {
  /** Send strict schemas where lowering made them possible (default true). */
  readonly strict?: boolean;
}

export class OpenAIProvider implements ToolsmithProvider<OpenAiChatTool[]> {
  readonly name = 'openai';
  readonly agentic = false;
  /** Set by the last `wrapTools` (tools whose schema could not be strict). */
  warnings: ProviderWarning[] = [];
  private readonly state = new ProviderState();

  constructor(private readonly options: OpenAiProviderOptions = {}) {}

  wrapTools(tools: readonly CompiledTool[], context?: ProviderContext): OpenAiChatTool[] {
    this.state.remember(context);
    return this.prepare(tools).tools;
  }

  /** The tools and what the provider could not honour, without throwing. */
  prepare(tools: readonly CompiledTool[]): { tools: OpenAiChatTool[]; warnings: ProviderWarning[] } {
    const entries = tools.map((tool) => this.state.index.add(tool, 'openai'));
    const strictAllowed = this.options.strict !== false;
    const wrapped = entries.map((entry): OpenAiChatTool => ({
      type: 'function',
      function: {
        name: entry.name,
        description: entry.tool.description,
        parameters: entry.schema.parameters,
        strict: strictAllowed && entry.schema.strict === true,
      },
    }));
    this.warnings = strictWarnings(entries);
    return { tools: wrapped, warnings: this.warnings };
  }

  /** Executes every function call of every choice in parallel; one tool message per call, in order. */
  async handleToolCalls(userId: string, response: OpenAiChatCompletionLike, given?: ProviderContext): Promise<OpenAiToolMessage[]> {
    const context = this.state.contextFor(userId, given);
    const calls = response.choices.flatMap((choice) => choice.message.tool_calls ?? []).filter((call) => call.type === 'function' && call.function);
    return Promise.all(calls.map(async (call) => {
      const result = await runToolCall(context, this.state.index, call.function?.name ?? '', call.function?.arguments);
      return { role: 'tool' as const, tool_call_id: call.id, content: resultText(result) };
    }));
  }
}
