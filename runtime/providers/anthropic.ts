/**
 * Anthropic Messages API: `Tool` objects (`input_schema` lowered for Anthropic: names and property keys
 * to its patterns), and `handleToolCalls` answering every `tool_use` block with a `tool_result` block in
 * one user message; a failed call is returned with `is_error: true` so the model can react.
 */
import type { CompiledTool, JsonSchema } from '../types.js';
import { ProviderState, resultText, runToolCall } from './shared.js';
import type { ProviderContext, ToolsmithProvider } from './types.js';

export interface AnthropicTool {
  name: string;
  description: string;
  input_schema: { type: 'object'; properties?: unknown; required?: string[]; [keyword: string]: unknown };
}

export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string;
  is_error?: boolean;
}

export interface AnthropicToolResultMessage {
  role: 'user';
  content: AnthropicToolResultBlock[];
}

/** The part of a `Message` this reads. */
export interface AnthropicMessageLike {
  readonly content: ReadonlyArray<{ readonly type: string; readonly id?: string; readonly name?: string; readonly input?: unknown }>;
}

export class AnthropicProvider implements ToolsmithProvider<AnthropicTool[]> {
  readonly name = 'anthropic';
  readonly agentic = false;
  private readonly state = new ProviderState();

  wrapTools(tools: readonly CompiledTool[], context?: ProviderContext): AnthropicTool[] {
    this.state.remember(context);
    return tools.map((tool) => {
      const entry = this.state.index.add(tool, 'anthropic');
      return { name: entry.name, description: tool.description, input_schema: entry.schema.parameters as AnthropicTool['input_schema'] & JsonSchema };
    });
  }

  /** One user message with a `tool_result` per `tool_use` (empty array when the message used no tool). */
  async handleToolCalls(userId: string, message: AnthropicMessageLike, given?: ProviderContext): Promise<AnthropicToolResultMessage[]> {
    const context = this.state.contextFor(userId, given);
    const uses = message.content.filter((block) => block.type === 'tool_use');
    if (uses.length === 0) return [];
    const blocks = await Promise.all(uses.map(async (use): Promise<AnthropicToolResultBlock> => {
      const result = await runToolCall(context, this.state.index, use.name ?? '', use.input);
      return {
        type: 'tool_result',
        tool_use_id: use.id ?? '',
        content: resultText(result),
        ...(result.successful ? {} : { is_error: true }),
      };
    }));
    return [{ role: 'user', content: blocks }];
  }
}
