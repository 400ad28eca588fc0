/** Runs a custom tool: validates input with its Zod schema, gives it a context bound to the caller. */
import type { ToolExecuteResult } from '../execute/types.js';
import type { ConnectedAccountRecord } from '../store/types.js';
import { ToolsmithError } from '../errors.js';
import { failureResult, successResult } from '../execute/result.js';
import { parseArguments, validateArguments } from '../execute/validate.js';
import type { CompiledTool } from '../types.js';
import type { CustomToolContext, CustomToolEntry } from './types.js';

export interface CustomRunEnvironment {
  readonly userId: string | undefined;
  readonly connectedAccountId: string | undefined;
  readonly account: ConnectedAccountRecord | undefined;
  readonly signal: AbortSignal | undefined;
  readonly logId: string;
  execute: CustomToolContext['execute'];
  proxyExecute: CustomToolContext['proxyExecute'];
}

function looksLikeResult(value: unknown): value is ToolExecuteResult {
  return typeof value === 'object' && value !== null && 'successful' in value && typeof (value as { successful: unknown }).successful === 'boolean'
    && 'data' in value;
}

export async function runCustomTool(tool: CompiledTool, entry: CustomToolEntry, rawArguments: unknown, environment: CustomRunEnvironment): Promise<ToolExecuteResult> {
  const parsed = parseArguments(rawArguments);
  if (!parsed.ok) return failureResult(`Invalid arguments for ${tool.slug}: ${parsed.error}`, environment.logId);
  const checked = validateArguments(tool, parsed.value);
  if (!checked.ok) return failureResult(checked.error, environment.logId);
  const account = environment.account;
  const context: CustomToolContext = {
    userId: environment.userId,
    connectedAccountId: environment.connectedAccountId ?? account?.id,
    toolkit: tool.toolkit,
    ...(account ? { account: { id: account.id, connection: account.connection, credentials: account.credentials } } : {}),
    execute: environment.execute,
    proxyExecute: environment.proxyExecute,
    signal: environment.signal,
  };
  let value: unknown;
  try {
    value = await entry.options.execute(checked.value, context);
  } catch (error) {
    // Configuration problems of nested calls (no account…) stay errors the app must see.
    if (ToolsmithError.is(error) && error.code !== 'CUSTOM_TOOL_INVALID') throw error;
    const message = error instanceof Error ? error.message : String(error);
    return failureResult(`${tool.slug} failed: ${message}`, environment.logId);
  }
  if (looksLikeResult(value)) return { ...value, logId: value.logId ?? environment.logId };
  return successResult(value ?? null, undefined, environment.logId);
}
