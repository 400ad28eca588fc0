/**
 * Compile-time proof (checked by `tsc --noEmit`) that each adapter's objects are assignable to the real
 * SDK types, so `tools.get` output goes straight into each SDK call.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { FunctionDeclaration, Schema, Tool as GeminiSdkTool, Type } from '@google/genai';
import { tool as langchainTool, type StructuredToolInterface } from '@langchain/core/tools';
import type { ToolSet } from 'ai';
import type { ChatCompletionFunctionTool, ChatCompletionToolMessageParam } from 'openai/resources/chat/completions';
import type { FunctionTool, ResponseInputItem } from 'openai/resources/responses/responses';
import type OpenAI from 'openai';
import type { AnthropicTool, AnthropicToolResultMessage } from '../../runtime/providers/anthropic.js';
import type { GeminiContent, GeminiFunctionDeclaration, GeminiSchema, GeminiTool } from '../../runtime/providers/gemini.js';
import { LangChainProvider } from '../../runtime/providers/langchain.js';
import type { OpenAiChatTool, OpenAiToolMessage, OpenAiChatCompletionLike } from '../../runtime/providers/openai.js';
import type { OpenAiFunctionCallOutput, OpenAiResponsesTool, OpenAiResponseLike } from '../../runtime/providers/openai-responses.js';
import type { AnthropicMessageLike } from '../../runtime/providers/anthropic.js';
import type { GeminiResponseLike } from '../../runtime/providers/gemini.js';
import type { VercelToolSet } from '../../runtime/providers/vercel.js';

declare const openaiTools: OpenAiChatTool[];
declare const openaiMessages: OpenAiToolMessage[];
export const chatTools: ChatCompletionFunctionTool[] = openaiTools;
export const chatMessages: ChatCompletionToolMessageParam[] = openaiMessages;
export const chatParams: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
  model: 'gpt-4.1', messages: [...openaiMessages], tools: openaiTools,
};
// The SDK's response type is what handleToolCalls reads.
declare const completion: OpenAI.Chat.ChatCompletion;
export const completionIn: OpenAiChatCompletionLike = completion;

declare const responsesTools: OpenAiResponsesTool[];
declare const responsesOutputs: OpenAiFunctionCallOutput[];
export const functionTools: FunctionTool[] = responsesTools;
export const responseInputs: ResponseInputItem[] = responsesOutputs;
declare const response: OpenAI.Responses.Response;
export const responseIn: OpenAiResponseLike = response;

declare const anthropicTools: AnthropicTool[];
declare const anthropicMessages: AnthropicToolResultMessage[];
export const claudeTools: Anthropic.Tool[] = anthropicTools;
export const claudeMessages: Anthropic.MessageParam[] = anthropicMessages;
declare const claudeMessage: Anthropic.Message;
export const claudeIn: AnthropicMessageLike = claudeMessage;

// Gemini's `type` is a string enum; our schema uses its string values (`${Type}`), which serialize identically.
type WithTypeNames<S> = { [K in keyof S]: K extends 'type' ? `${Type}` : K extends 'items' ? WithTypeNames<Schema> : K extends 'anyOf' ? WithTypeNames<Schema>[] : K extends 'properties' ? Record<string, WithTypeNames<Schema>> : S[K] };
declare const geminiSchema: GeminiSchema;
export const geminiParameters: WithTypeNames<Schema> = geminiSchema;
declare const geminiDeclaration: GeminiFunctionDeclaration;
export const geminiDeclarationOut: Omit<FunctionDeclaration, 'parameters'> = geminiDeclaration;
declare const geminiTools: GeminiTool[];
type GeminiToolWithTypeNames = Omit<GeminiSdkTool, 'functionDeclarations'> & {
  functionDeclarations?: Array<Omit<FunctionDeclaration, 'parameters'> & { parameters?: WithTypeNames<Schema> }>;
};
export const geminiToolsOut: GeminiToolWithTypeNames[] = geminiTools;
declare const geminiContents: GeminiContent[];
export const geminiContentsOut: import('@google/genai').Content[] = geminiContents;
declare const geminiResponse: import('@google/genai').GenerateContentResponse;
export const geminiIn: GeminiResponseLike = geminiResponse;
// @ts-expect-error a lower-case type name is not one of Gemini's
export const wrongType: GeminiSchema = { type: 'string' };

declare const vercelTools: VercelToolSet;
export const aiTools: ToolSet = vercelTools;

const langchain = new LangChainProvider({ tool: langchainTool });
declare const context: import('../../runtime/providers/types.js').ProviderContext;
export const lcTools: StructuredToolInterface[] = langchain.wrapTools([], context);
