/**
 * What every adapter shares: the lowered schema of a tool for a dialect (built at compile time, lowered
 * here only for tools without one, such as custom tools), the provider-side name → tool index that
 * `handleToolCalls` needs, and one tool call run as the user with the lowering undone first.
 */
import { lowerForDialect } from '../../compiler/lower/index.js';
import { ToolsmithError } from '../errors.js';
import type { ToolExecuteResult } from '../execute/types.js';
import type { CompiledTool, ProviderDialect, ProviderSchema } from '../types.js';
import { restoreArguments } from './restore-arguments.js';
import type { ProviderContext, ProviderWarning } from './types.js';

const lowered = new WeakMap<CompiledTool, Partial<Record<ProviderDialect, ProviderSchema>>>();

/** The tool's schema for `dialect`: the build-time one, else lowered now (once per tool object). */
export function schemaFor(tool: CompiledTool, dialect: ProviderDialect): ProviderSchema {
  const built = tool.providerSchemas?.[dialect];
  if (built) return built;
  let cache = lowered.get(tool);
  if (!cache) {
    cache = {};
    lowered.set(tool, cache);
  }
  const cached = cache[dialect];
  if (cached) return cached;
  const schema = lowerForDialect(dialect, tool.slug, tool.inputParameters);
  cache[dialect] = schema;
  return schema;
}

export interface IndexedTool {
  readonly tool: CompiledTool;
  readonly schema: ProviderSchema;
  /** The name the provider sees. */
  readonly name: string;
}

/** Provider-side tool names → tools, filled by every `wrapTools` of one provider instance. */
export class ToolNameIndex {
  private readonly byName = new Map<string, IndexedTool>();

  add(tool: CompiledTool, dialect: ProviderDialect): IndexedTool {
    const schema = schemaFor(tool, dialect);
    const entry: IndexedTool = { tool, schema, name: schema.name ?? tool.slug };
    this.byName.set(entry.name, entry);
    return entry;
  }

  get(name: string): IndexedTool | undefined {
    return this.byName.get(name);
  }
}

/** Warnings an adapter reports instead of throwing (e.g. OpenAI strict mode impossible for a tool). */
export function strictWarnings(entries: readonly IndexedTool[]): ProviderWarning[] {
  return entries
    .filter((entry) => entry.schema.strict === false)
    .map((entry) => ({ tool: entry.tool.slug, message: entry.schema.changes.find((c) => c.startsWith('strict mode impossible')) ?? 'sent non-strict' }));
}

function failure(error: string, status?: number): ToolExecuteResult {
  return { data: null, error, successful: false, logId: '', ...(status === undefined ? {} : { status }) };
}

/**
 * Runs one call as the user: parses the arguments (object or JSON text), undoes lowering, executes.
 * Never throws: an unknown tool, bad arguments or an execution error come back as an unsuccessful result
 * the model can read.
 */
export async function runToolCall(
  context: ProviderContext, index: ToolNameIndex, name: string, rawArguments: unknown,
): Promise<ToolExecuteResult & { readonly slug: string }> {
  const entry = index.get(name);
  const slug = entry?.tool.slug ?? name;
  let args: Record<string, unknown>;
  try {
    args = parseArguments(rawArguments, slug);
    if (entry) args = restoreArguments(args, entry.schema, slug);
  } catch (error) {
    return { ...failure(error instanceof Error ? error.message : String(error)), slug };
  }
  try {
    return { ...(await context.execute(slug, args)), slug };
  } catch (error) {
    const message = ToolsmithError.is(error) || error instanceof Error ? error.message : String(error);
    return { ...failure(message), slug };
  }
}

function parseArguments(raw: unknown, slug: string): Record<string, unknown> {
  if (raw === undefined || raw === null || raw === '') return {};
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ToolsmithError('INVALID_ARGUMENTS', `Arguments for ${slug} are not valid JSON; send a JSON object.`, { tool: slug });
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ToolsmithError('INVALID_ARGUMENTS', `Arguments for ${slug} must be a JSON object.`, { tool: slug });
  }
  return value as Record<string, unknown>;
}

/** What the model reads back: the result without internal fields. */
export function resultForModel(result: ToolExecuteResult): { successful: boolean; data: unknown; error: string | null } {
  return { successful: result.successful, data: result.data, error: result.error };
}

export function resultText(result: ToolExecuteResult): string {
  return JSON.stringify(resultForModel(result));
}

/**
 * The state a provider instance keeps between `tools.get` and `handleToolCalls`: provider-side names and
 * the execute function bound to each user by the last `wrapTools` for that user (modifiers included).
 */
export class ProviderState {
  readonly index = new ToolNameIndex();
  private readonly contexts = new Map<string, ProviderContext>();

  remember(context: ProviderContext | undefined): void {
    if (context) this.contexts.set(context.userId, context);
  }

  /** The context for `userId`: the one given, else the one `tools.get(userId)` bound. */
  contextFor(userId: string, given?: ProviderContext): ProviderContext {
    const context = given ?? this.contexts.get(userId);
    if (!context) {
      throw new ToolsmithError('INVALID_OPTIONS',
        `handleToolCalls: no tools were fetched for user "${userId}" with this provider; call tools.get("${userId}", …) first.`, { userId });
    }
    return context;
  }
}
