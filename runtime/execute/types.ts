/** Shapes of tool execution shared by the executor, providers, MCP, the router and triggers. */

/** The normalized result of every tool call. */
export interface ToolExecuteResult<Data = unknown> {
  readonly data: Data;
  /** A message a model can act on, or null on success. */
  readonly error: string | null;
  readonly successful: boolean;
  /** HTTP status, when a request was sent. */
  readonly status?: number;
  /** Correlates this call with runtime logs. */
  readonly logId: string;
}

export interface ToolExecuteParams {
  readonly userId?: string;
  /** Selects an account other than the user's default one for this toolkit. */
  readonly connectedAccountId?: string;
  /** An object or a JSON string. */
  readonly arguments?: Record<string, unknown> | string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}
