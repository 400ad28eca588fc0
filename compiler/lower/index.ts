/**
 * Build-time lowering of a tool's flat input schema for every provider dialect, with the provider's
 * validator run on the result. Used by the provider-schemas emitter and, for custom tools, by the runtime.
 */
import type { JsonSchema, ProviderDialect, ProviderSchema } from '../../runtime/types.js';
import { lowerForAnthropic } from './anthropic.js';
import { GEMINI_TOOL_NAME, lowerForGemini } from './gemini.js';
import { lowerForOpenAi, type LoweredForProvider } from './openai.js';
import { providerToolName, safeName, type Schema } from './schema-utils.js';
import { validateAnthropicSchema } from './validators/anthropic.js';
import { validateGeminiSchema } from './validators/gemini.js';
import { validateOpenAiSchema } from './validators/openai.js';

export const PROVIDER_DIALECTS: readonly ProviderDialect[] = ['openai', 'anthropic', 'gemini'];

export interface ToolLowering {
  readonly schemas: Readonly<Record<ProviderDialect, ProviderSchema>>;
  /** Why a provider's best mode was impossible (OpenAI strict), per dialect: TS0301 warnings. */
  readonly warnings: ReadonlyArray<{ readonly dialect: ProviderDialect; readonly message: string }>;
  /** Validator problems left after lowering (a lowering bug if ever non-empty): errors. */
  readonly problems: ReadonlyArray<{ readonly dialect: ProviderDialect; readonly message: string }>;
}

const LOWER: Record<ProviderDialect, (slug: string, input: Schema) => LoweredForProvider> = {
  openai: lowerForOpenAi,
  anthropic: lowerForAnthropic,
  gemini: lowerForGemini,
};

export const VALIDATE: Record<ProviderDialect, (schema: ProviderSchema, slug?: string) => string[]> = {
  openai: validateOpenAiSchema,
  anthropic: validateAnthropicSchema,
  gemini: validateGeminiSchema,
};

/**
 * Lowerings by input JSON, for slugs every provider takes unchanged as the tool name: the result then depends
 * on the input alone (the slug only ever shows up as a changed name), and big APIs repeat inputs (GitHub's
 * 1,186 tools have 704 distinct ones). Results are shared read-only. Bounded, as the runtime may lower too.
 */
const byInput = new Map<string, ToolLowering>();
const MEMO_LIMIT = 4096;

function nameUnchanged(slug: string): boolean {
  return providerToolName(slug) === slug && safeName(slug, GEMINI_TOOL_NAME) === slug;
}

export function lowerTool(slug: string, inputParameters: JsonSchema): ToolLowering {
  const key = nameUnchanged(slug) ? JSON.stringify(inputParameters) : undefined;
  const known = key === undefined ? undefined : byInput.get(key);
  if (known) return known;
  const lowering = lowerToolUncached(slug, inputParameters);
  if (key !== undefined) {
    if (byInput.size >= MEMO_LIMIT) byInput.clear();
    byInput.set(key, lowering);
  }
  return lowering;
}

function lowerToolUncached(slug: string, inputParameters: JsonSchema): ToolLowering {
  const schemas = {} as Record<ProviderDialect, ProviderSchema>;
  const warnings: Array<{ dialect: ProviderDialect; message: string }> = [];
  const problems: Array<{ dialect: ProviderDialect; message: string }> = [];
  for (const dialect of PROVIDER_DIALECTS) {
    const lowered = LOWER[dialect](slug, inputParameters);
    schemas[dialect] = lowered.schema;
    for (const message of lowered.warnings) warnings.push({ dialect, message });
    for (const message of lowered.problems ?? VALIDATE[dialect](lowered.schema, slug)) problems.push({ dialect, message });
  }
  return { schemas, warnings, problems };
}

export function lowerForDialect(dialect: ProviderDialect, slug: string, inputParameters: JsonSchema): ProviderSchema {
  return LOWER[dialect](slug, inputParameters).schema;
}

export { lowerForAnthropic, lowerForGemini, lowerForOpenAi, validateAnthropicSchema, validateGeminiSchema, validateOpenAiSchema };
