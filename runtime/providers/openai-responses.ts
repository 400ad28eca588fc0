/**
 * OpenAI Responses API: `FunctionTool` objects (`strict` always stated), and `handleToolCalls` answering
 * every `function_call` output item with a `function_call_output` input item.
 */
import type { CompiledTool, JsonSchema } from '../types.js';
import { ProviderState, resultText, runToolCall, strictWarnings } from './shared.js';
import type { ProviderContext, ProviderWarning, ToolsmithProvider } from './types.js';

export interface OpenAiResponsesTool {
  type: 'function';
  name: string;
  description: string;
  parameters: JsonSchema;
  strict: boolean;
}

export interface OpenAiFunctionCallOutput {
  type: 'function_call_output';
  call_id: string;
  output: string;
}

/** The part of a `Response` this reads. */
export interface OpenAiResponseLike {
  readonly output: ReadonlyArray<{ readonly type: string; readonly call_id?: string | null; readonly name?: string | null; readonly arguments?: unknown }>;
}

export class OpenAIResponsesProvider implements ToolsmithProvider<OpenAiResponsesTool[]> {
  readonly name = 'openai-responses';
  readonly agentic = false;
  warnings: ProviderWarning[] = [];
  private readonly state = new ProviderState();

  constructor(private readonly options: { readonly strict?: boolean } = {}) {}

  wrapTools(tools: readonly CompiledTool[], context?: ProviderContext): OpenAiResponsesTool[] {
    this.state.remember(context);
    return this.prepare(tools).tools;
  }

  prepare(tools: readonly CompiledTool[]): { tools: OpenAiResponsesTool[]; warnings: ProviderWarning[] } {
    const entries = tools.map((tool) => this.state.index.add(tool, 'openai'));
    const wrapped = entries.map((entry): OpenAiResponsesTool => ({
      type: 'function',
      name: entry.name,
      description: entry.tool.description,
      parameters: entry.schema.parameters,
      strict: this.options.strict !== false && entry.schema.strict === true,
    }));
    this.warnings = strictWarnings(entries);
    return { tools: wrapped, warnings: this.warnings };
  }

  async handleToolCalls(userId: string, response: OpenAiResponseLike, given?: ProviderContext): Promise<OpenAiFunctionCallOutput[]> {
    const context = this.state.contextFor(userId, given);
    const calls = response.output.filter((item) => item.type === 'function_call');
    return Promise.all(calls.map(async (call) => {
      const result = await runToolCall(context, this.state.index, call.name ?? '', call.arguments);
      return { type: 'function_call_output' as const, call_id: call.call_id ?? '', output: resultText(result) };
    }));
  }
}
