/** Provider adapters: each turns compiled tools into one model SDK's tool objects. */
export { AnthropicProvider } from './anthropic.js';
export type { AnthropicMessageLike, AnthropicTool, AnthropicToolResultBlock, AnthropicToolResultMessage } from './anthropic.js';
export { GeminiProvider } from './gemini.js';
export type { GeminiContent, GeminiFunctionDeclaration, GeminiResponseLike, GeminiSchema, GeminiTool, GeminiTypeName } from './gemini.js';
export { LangChainProvider } from './langchain.js';
export type { LangChainToolFields, LangChainToolHelper, LangChainToolLike } from './langchain.js';
export { OpenAIProvider } from './openai.js';
export type { OpenAiChatCompletionLike, OpenAiChatTool, OpenAiProviderOptions, OpenAiToolMessage } from './openai.js';
export { OpenAIResponsesProvider } from './openai-responses.js';
export type { OpenAiFunctionCallOutput, OpenAiResponseLike, OpenAiResponsesTool } from './openai-responses.js';
export { restoreArguments } from './restore-arguments.js';
export { schemaFor } from './shared.js';
export { VercelProvider, aiSdkSchema } from './vercel.js';
export type { StandardJsonSchema, VercelProviderOptions, VercelTool, VercelToolSet } from './vercel.js';
export type { ProviderContext, ProviderWarning, ToolsmithProvider } from './types.js';
