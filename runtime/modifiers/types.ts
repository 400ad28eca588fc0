/**
 * Modifiers, shaped like Composio's: `modifySchema` changes what a model sees (on `tools.get`), `beforeExecute`
 * changes a call's parameters (arguments, account, custom auth), `afterExecute` changes the result.
 */
import type { CompiledTool } from '../types.js';
import type { ToolExecuteParams, ToolExecuteResult } from '../execute/types.js';

/** Credentials supplied by the caller instead of a connected account (Composio's `customAuthParams`). */
export interface CustomAuthParams {
  /** Replaces the toolkit base URL for this call (trusted: it comes from the developer's code). */
  readonly baseUrl?: string;
  readonly parameters: ReadonlyArray<{ readonly in: 'header' | 'query'; readonly name: string; readonly value: string }>;
}

export interface ExecuteParams<Args = Record<string, unknown>> extends Omit<ToolExecuteParams, 'arguments'> {
  readonly arguments?: Args | string;
  /** When given, the call uses these instead of a connected account. */
  readonly customAuthParams?: CustomAuthParams;
}

/** The parameters as `beforeExecute` sees them: arguments always an object. */
export interface ResolvedExecuteParams extends Omit<ExecuteParams, 'arguments'> {
  readonly arguments: Record<string, unknown>;
}

export interface ModifierContext { readonly toolSlug: string; readonly toolkitSlug: string }

export type ModifySchema = (context: ModifierContext & { readonly schema: CompiledTool }) => CompiledTool;
export type BeforeExecute = (context: ModifierContext & { readonly params: ResolvedExecuteParams }) =>
  ResolvedExecuteParams | Promise<ResolvedExecuteParams>;
export type AfterExecute = (context: ModifierContext & { readonly result: ToolExecuteResult }) =>
  ToolExecuteResult | Promise<ToolExecuteResult>;

export interface ExecuteModifiers {
  readonly beforeExecute?: BeforeExecute;
  readonly afterExecute?: AfterExecute;
}

export interface GetModifiers extends ExecuteModifiers {
  readonly modifySchema?: ModifySchema;
}
