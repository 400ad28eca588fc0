/**
 * The provider used when the options give none: engineer G's OpenAI provider (runtime/providers/openai.ts),
 * loaded on first `tools.get`. Until that module exists, tools come back as CompiledTool objects.
 */
import type { CompiledTool } from '../types.js';
import type { ToolsmithProvider } from '../providers/types.js';

const OPENAI_PROVIDER_MODULE = '../providers/openai.js';

/** Hands the compiled tools back unchanged. */
export const rawProvider: ToolsmithProvider<readonly CompiledTool[]> = {
  name: 'raw',
  agentic: false,
  wrapTools: (tools) => tools,
};

export async function loadDefaultProvider(): Promise<ToolsmithProvider> {
  let loaded: Record<string, unknown>;
  try {
    loaded = await import(OPENAI_PROVIDER_MODULE) as Record<string, unknown>;
  } catch {
    return rawProvider;
  }
  for (const value of Object.values(loaded)) {
    if (typeof value === 'function' && /^OpenAI.*Provider$/.test(value.name)) {
      try {
        return new (value as new () => ToolsmithProvider)();
      } catch {
        continue;
      }
    }
    if (value && typeof value === 'object' && 'wrapTools' in value) return value as ToolsmithProvider;
  }
  return rawProvider;
}
