/** Custom (LOCAL_) tools: code that runs in the app, with the user's connected accounts at hand. */
import type { z } from 'zod';
import type { ToolExecuteResult } from '../execute/types.js';
import type { ProxyExecuteParams } from '../execute/proxy.js';

/** What a custom tool's `execute` receives besides its input. */
export interface CustomToolContext {
  readonly userId: string | undefined;
  readonly connectedAccountId: string | undefined;
  /** The toolkit the tool belongs to (`extendsToolkit`, the custom toolkit, or `local`). */
  readonly toolkit: string;
  /**
   * With `preload` and `extendsToolkit`: the user's account for that toolkit, refreshed, credentials included
   * (they are the user's own; do not log them).
   */
  readonly account?: { readonly id: string; readonly connection: Readonly<Record<string, string>>; readonly credentials: Readonly<Record<string, string>> };
  /** Runs another tool as the same user (same account when it is the same toolkit). */
  execute(slug: string, args: Record<string, unknown>): Promise<ToolExecuteResult>;
  /** A proxy call as the same user; `toolkit` defaults to the extended toolkit. */
  proxyExecute(params: Omit<ProxyExecuteParams, 'userId' | 'connectedAccountId' | 'toolkit'> & { readonly toolkit?: string }): Promise<ToolExecuteResult>;
  readonly signal: AbortSignal | undefined;
}

export interface CustomToolOptions<Schema extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly description: string;
  readonly inputParams: Schema;
  /** Returns the data, or a full `{ data, error, successful }` result; a throw becomes `{ successful: false }`. */
  execute(input: z.output<Schema>, context: CustomToolContext): unknown;
  /** A loaded toolkit this tool belongs to: it then uses that toolkit's connected accounts. */
  readonly extendsToolkit?: string;
  /** Resolve the user's account for `extendsToolkit` before `execute` (as `context.account`). */
  readonly preload?: boolean;
  readonly importance?: number;
  readonly tags?: readonly string[];
}

export interface CustomToolEntry {
  readonly options: CustomToolOptions;
}

export interface CustomToolkitOptions {
  readonly name: string;
  readonly description: string;
  readonly tools: ReadonlyArray<CustomToolOptions & { readonly slug: string }>;
}
