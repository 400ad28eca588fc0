/**
 * Vercel AI SDK (`ai`): a `ToolSet` of agentic tools whose `execute` runs the call as the bound user
 * (with the modifiers given to `tools.get`). The input schema is handed over exactly as lowered: marked
 * with the AI SDK's own schema symbol (what its `jsonSchema()` helper returns, read first by the SDK),
 * and also typed as a Standard Schema, so no SDK import is needed at run time.
 */
import type { CompiledTool, JsonSchema, ProviderDialect } from '../types.js';
import { resultForModel, runToolCall, ToolNameIndex } from './shared.js';
import type { ProviderContext, ToolsmithProvider } from './types.js';

const AI_SDK_SCHEMA = Symbol.for('vercel.ai.schema');

/** A Standard Schema (v1) with a JSON Schema converter, the shape the AI SDK accepts as `inputSchema`. */
export interface StandardJsonSchema {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => { readonly value: unknown };
    readonly jsonSchema: {
      readonly input: (options: { readonly target: string }) => Record<string, unknown>;
      readonly output: (options: { readonly target: string }) => Record<string, unknown>;
    };
  };
}

export interface VercelTool {
  description: string;
  inputSchema: StandardJsonSchema;
  strict?: boolean;
  execute: (input: unknown) => Promise<{ successful: boolean; data: unknown; error: string | null }>;
}

export type VercelToolSet = Record<string, VercelTool>;

export interface VercelProviderOptions {
  /** Which lowered schema to send: the model behind the AI SDK decides (default `anthropic`, plain JSON Schema). */
  readonly dialect?: Exclude<ProviderDialect, 'gemini'>;
}

export function aiSdkSchema(schema: JsonSchema): StandardJsonSchema {
  const convert = (): Record<string, unknown> => schema;
  return {
    [AI_SDK_SCHEMA]: true,
    _type: undefined,
    jsonSchema: schema,
    validate: (value: unknown) => ({ success: true, value }),
    '~standard': { version: 1, vendor: 'toolsmith', validate: (value: unknown) => ({ value }), jsonSchema: { input: convert, output: convert } },
  } as StandardJsonSchema;
}

export class VercelProvider implements ToolsmithProvider<VercelToolSet> {
  readonly name = 'vercel';
  readonly agentic = true;
  private readonly index = new ToolNameIndex();

  constructor(private readonly options: VercelProviderOptions = {}) {}

  wrapTools(tools: readonly CompiledTool[], context: ProviderContext): VercelToolSet {
    const dialect = this.options.dialect ?? 'anthropic';
    const set: VercelToolSet = {};
    for (const tool of tools) {
      const entry = this.index.add(tool, dialect);
      set[entry.name] = {
        description: tool.description,
        inputSchema: aiSdkSchema(entry.schema.parameters),
        ...(dialect === 'openai' ? { strict: entry.schema.strict === true } : {}),
        execute: async (input: unknown) => resultForModel(await runToolCall(context, this.index, entry.name, input)),
      };
    }
    return set;
  }
}
