/**
 * The provider used when the options give none: OpenAI Chat Completions tools, as in Composio. Loaded on the
 * first `tools.get`, so apps that only execute never load schema lowering.
 */
import type { OpenAIProvider } from '../providers/openai.js';

export type DefaultProvider = OpenAIProvider;

export async function loadDefaultProvider(): Promise<OpenAIProvider> {
  const { OpenAIProvider: Provider } = await import('../providers/openai.js');
  return new Provider();
}
