/**
 * Google Gemini (`@google/genai`): one `Tool` with a `FunctionDeclaration` per tool, `parameters` in
 * Gemini's OpenAPI subset (lowered at build time), and `handleToolCalls` answering every `functionCall`
 * part with a `functionResponse` part (`{ output }` or `{ error }`) in one user `Content`.
 * Type names are the strings of the SDK's `Type` enum (`'STRING'`…), so the objects serialize identically.
 */
import type { CompiledTool } from '../types.js';
import { ProviderState, resultForModel, runToolCall } from './shared.js';
import type { ProviderContext, ProviderWarning, ToolsmithProvider } from './types.js';

export type GeminiTypeName = 'TYPE_UNSPECIFIED' | 'STRING' | 'NUMBER' | 'INTEGER' | 'BOOLEAN' | 'ARRAY' | 'OBJECT' | 'NULL';

export interface GeminiSchema {
  type?: GeminiTypeName;
  format?: string;
  description?: string;
  nullable?: boolean;
  enum?: string[];
  items?: GeminiSchema;
  properties?: Record<string, GeminiSchema>;
  required?: string[];
  minItems?: string;
  maxItems?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: GeminiSchema[];
}

export interface GeminiFunctionDeclaration {
  name: string;
  description: string;
  parameters?: GeminiSchema;
}

export interface GeminiTool {
  functionDeclarations: GeminiFunctionDeclaration[];
}

export interface GeminiFunctionResponsePart {
  functionResponse: { id?: string; name: string; response: Record<string, unknown> };
}

export interface GeminiContent {
  role: 'user';
  parts: GeminiFunctionResponsePart[];
}

/** The part of a `GenerateContentResponse` this reads. */
export interface GeminiResponseLike {
  readonly candidates?: ReadonlyArray<{
    readonly content?: { readonly parts?: ReadonlyArray<{ readonly functionCall?: { readonly id?: string; readonly name?: string; readonly args?: unknown } }> };
  }>;
}

export class GeminiProvider implements ToolsmithProvider<GeminiTool[]> {
  readonly name = 'gemini';
  readonly agentic = false;
  private readonly state = new ProviderState();

  /** Set by the last `wrapTools`: where Gemini's subset made a value JSON text or lost a detail. */
  warnings: ProviderWarning[] = [];

  wrapTools(tools: readonly CompiledTool[], context?: ProviderContext): GeminiTool[] {
    this.state.remember(context);
    return this.prepare(tools).tools;
  }

  prepare(tools: readonly CompiledTool[]): { tools: GeminiTool[]; warnings: ProviderWarning[] } {
    const warnings: ProviderWarning[] = [];
    const declarations = tools.map((tool): GeminiFunctionDeclaration => {
      const entry = this.state.index.add(tool, 'gemini');
      for (const change of entry.schema.changes) {
        if (/JSON-encoded string|cannot be described/.test(change)) warnings.push({ tool: tool.slug, message: change });
      }
      const parameters = entry.schema.parameters as GeminiSchema;
      const empty = parameters.properties !== undefined && Object.keys(parameters.properties).length === 0;
      // A function without parameters leaves `parameters` unset, as Gemini documents.
      return { name: entry.name, description: tool.description, ...(empty ? {} : { parameters }) };
    });
    this.warnings = warnings;
    return { tools: declarations.length === 0 ? [] : [{ functionDeclarations: declarations }], warnings };
  }

  /** Answers the first candidate's function calls (Gemini returns one candidate for tool use). */
  async handleToolCalls(userId: string, response: GeminiResponseLike, given?: ProviderContext): Promise<GeminiContent[]> {
    const context = this.state.contextFor(userId, given);
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    const calls = parts.map((part) => part.functionCall).filter((call): call is NonNullable<typeof call> => call !== undefined);
    if (calls.length === 0) return [];
    const answered = await Promise.all(calls.map(async (call): Promise<GeminiFunctionResponsePart> => {
      const result = await runToolCall(context, this.state.index, call.name ?? '', call.args);
      const model = resultForModel(result);
      return {
        functionResponse: {
          ...(call.id ? { id: call.id } : {}),
          name: call.name ?? '',
          response: result.successful ? { output: model.data } : { error: model.error ?? 'failed', output: model.data },
        },
      };
    }));
    return [{ role: 'user', parts: answered }];
  }
}
