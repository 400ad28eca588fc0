/**
 * `toolsmith.tools`: get (for a provider), execute, proxyExecute, and custom tools. Typed over the loaded
 * toolkits so a wrong slug or a wrong argument fails to compile.
 */
import type { CompiledTool, CompiledToolkit, ToolInputOf, ToolOutputOf, ToolSlugOf } from '../types.js';
import type { ConnectedAccountRecord } from '../store/types.js';
import type { ToolExecuteResult } from '../execute/types.js';
import { ToolsmithError } from '../errors.js';
import { needsNoAccount } from '../auth/inject.js';
import { executeTool, newLogId, type CallOptions } from '../execute/execute-tool.js';
import { proxyExecute as runProxy, type ProxyExecuteParams } from '../execute/proxy.js';
import { failureResult } from '../execute/result.js';
import { parseArguments } from '../execute/validate.js';
import { applyAfterExecute, applyBeforeExecute, applyModifySchema } from '../modifiers/apply.js';
import type { ExecuteModifiers, ExecuteParams, GetModifiers, ResolvedExecuteParams } from '../modifiers/types.js';
import { runCustomTool } from '../custom-tools/run-custom-tool.js';
import type { RegisteredTool } from './registry.js';
import type { RuntimeContext } from './context.js';
import { selectAccount } from '../accounts/select-account.js';
import { selectTools, type GetToolsOptions, type SearchIndex } from './select-tools.js';
import { buildSearchIndex } from './search.js';

/** The params with parsed arguments; copied only when they were a JSON string. */
function withArguments(params: ExecuteParams<unknown>, args: Record<string, unknown>): ResolvedExecuteParams {
  return params.arguments === args ? params as ResolvedExecuteParams : { ...params, arguments: args };
}

/** Slugs of custom tools, always `LOCAL_…`. */
export type LocalToolSlug = `LOCAL_${string}`;

type Known<TK, S extends string> = S extends ToolSlugOf<TK> ? true : false;
export type InputFor<TK, S extends string> = Known<TK, S> extends true ? ToolInputOf<TK, S> : Record<string, unknown>;
export type OutputFor<TK, S extends string> = Known<TK, S> extends true ? ToolOutputOf<TK, S> : unknown;

/** A result whose data is the tool's output type on success and the API's error body otherwise. */
export type TypedExecuteResult<Output> =
  | (ToolExecuteResult<Output> & { readonly successful: true; readonly error: null })
  | (ToolExecuteResult<unknown> & { readonly successful: false; readonly error: string });

export class ToolsNamespace<TK extends CompiledToolkit<string, any>, Wrapped = unknown> {
  private searchIndex: { version: number; index: SearchIndex } | undefined;
  /** Forces a token refresh after a 401; one function per namespace, not one per call. */
  readonly #refresh: (stale: ConnectedAccountRecord) => Promise<ConnectedAccountRecord>;

  constructor(private readonly context: RuntimeContext) {
    this.#refresh = (stale) => this.context.resolveCredentials(stale, { forceRefresh: true });
  }

  /** Tools chosen by the filters, wrapped by the provider for `userId` (modifiers apply to schemas and calls). */
  async get(userId: string, options: GetToolsOptions, modifiers: GetModifiers = {}): Promise<Wrapped> {
    if (typeof userId !== 'string' || userId === '') throw new ToolsmithError('INVALID_OPTIONS', 'tools.get: give the userId the tools will act for.');
    const tools = await this.getRaw(options, modifiers);
    const provider = await this.context.provider();
    return provider.wrapTools(tools, {
      userId,
      execute: (slug, args) => this.execute(slug as ToolSlugOf<TK>, { userId, arguments: args as never }, modifiers) as Promise<ToolExecuteResult>,
    }) as Wrapped;
  }

  /** The chosen tools as CompiledTool objects (no provider), with `modifySchema` applied. */
  async getRaw(options: GetToolsOptions, modifiers: Pick<GetModifiers, 'modifySchema'> = {}): Promise<CompiledTool[]> {
    const chosen = await selectTools(this.context.registry, options, () => this.search());
    return chosen.map((tool) => applyModifySchema(modifiers.modifySchema, tool));
  }

  private async search(): Promise<SearchIndex> {
    const { registry } = this.context;
    if (!this.searchIndex || this.searchIndex.version !== registry.version) {
      const version = registry.version;
      this.searchIndex = { version, index: await buildSearchIndex(registry.allTools().filter((tool) => !tool.deprecated)) };
    }
    return this.searchIndex.index;
  }

  /**
   * Executes a tool for a user. Bad arguments, HTTP errors, timeouts and rejected files come back as
   * `{ successful: false, error }`; an unknown tool, a missing account and an aborted call throw ToolsmithError.
   */
  async execute<S extends ToolSlugOf<TK> | LocalToolSlug>(
    slug: S, params: ExecuteParams<InputFor<TK, S>>, modifiers: ExecuteModifiers = {},
  ): Promise<TypedExecuteResult<OutputFor<TK, S>>> {
    const registered = this.context.registry.require(slug);
    const logId = newLogId();
    const parsed = parseArguments(params.arguments);
    if (!parsed.ok) return failureResult(`Invalid arguments for ${registered.tool.slug}: ${parsed.error}`, logId) as TypedExecuteResult<never>;
    // Modifier machinery only when a modifier is set: most calls have none.
    const resolved: ResolvedExecuteParams = modifiers.beforeExecute
      ? await applyBeforeExecute(modifiers, registered.tool, { ...params, arguments: parsed.value })
      : withArguments(params, parsed.value);
    const result = await this.run(registered, resolved, logId, modifiers);
    return (modifiers.afterExecute ? await applyAfterExecute(modifiers, registered.tool, result) : result) as TypedExecuteResult<OutputFor<TK, S>>;
  }

  private async run(registered: RegisteredTool, params: ResolvedExecuteParams, logId: string, modifiers: ExecuteModifiers): Promise<ToolExecuteResult> {
    const { tool, toolkit, custom } = registered;
    const callOptions: CallOptions = params.signal || params.timeoutMs
      ? { logId, ...(params.signal ? { signal: params.signal } : {}), ...(params.timeoutMs ? { timeoutMs: params.timeoutMs } : {}) }
      : { logId };
    if (custom) {
      const extended = custom.options.extendsToolkit ? this.context.registry.toolkits.get(custom.options.extendsToolkit) : undefined;
      const account = extended && custom.options.preload ? await this.accountFor(extended, params) : undefined;
      const inherit = (target: string): Pick<ExecuteParams, 'userId' | 'connectedAccountId'> => ({
        ...(params.userId !== undefined ? { userId: params.userId } : {}),
        ...((account ?? params.connectedAccountId) && target === extended?.slug
          ? { connectedAccountId: account?.id ?? params.connectedAccountId } : {}),
      });
      return runCustomTool(tool, custom, params.arguments, {
        userId: params.userId,
        connectedAccountId: account?.id ?? params.connectedAccountId,
        account,
        signal: params.signal,
        logId,
        execute: (slug, args) => {
          const target = this.context.registry.require(slug).tool.toolkit;
          return this.execute(slug as LocalToolSlug, { ...inherit(target), arguments: args as never, ...(params.signal ? { signal: params.signal } : {}) }, modifiers);
        },
        proxyExecute: (proxy) => {
          const target = proxy.toolkit ?? extended?.slug;
          if (!target) throw new ToolsmithError('INVALID_OPTIONS', `${tool.slug}: proxyExecute needs a toolkit (the tool extends none).`);
          return this.proxyExecute({ ...proxy, toolkit: target, ...inherit(target) });
        },
      });
    }
    if (!toolkit) throw new ToolsmithError('TOOLKIT_NOT_FOUND', `Tool ${tool.slug} has no toolkit loaded.`);
    if (params.customAuthParams) {
      const custom = params.customAuthParams;
      const headers: Record<string, string> = {};
      const query: Array<[string, string]> = [];
      for (const parameter of custom.parameters) {
        if (parameter.in === 'header') headers[parameter.name.toLowerCase()] = parameter.value;
        else query.push([parameter.name, parameter.value]);
      }
      const target = custom.baseUrl ? { ...toolkit, baseUrl: custom.baseUrl } : toolkit;
      return executeTool(this.context.executor, { toolkit: target, tool, customAuth: { headers, query, cookies: [] } }, params.arguments, callOptions);
    }
    const account = await this.accountFor(toolkit, params);
    return executeTool(this.context.executor, account ? { toolkit, tool, account, refresh: this.#refresh } : { toolkit, tool }, params.arguments, callOptions);
  }

  /** The account a call uses, credentials made current; undefined for toolkits that need none. */
  private async accountFor(toolkit: CompiledToolkit, params: Pick<ExecuteParams, 'userId' | 'connectedAccountId'>): Promise<ConnectedAccountRecord | undefined> {
    const authOptional = needsNoAccount(toolkit);
    if (authOptional && (params.connectedAccountId === undefined && toolkit.auth.every((scheme) => scheme.scheme === 'none'))) return undefined;
    let account: ConnectedAccountRecord;
    try {
      account = await selectAccount(this.context.accounts, params.connectedAccountId === undefined
        ? (params.userId === undefined ? { toolkit: toolkit.slug } : { toolkit: toolkit.slug, userId: params.userId })
        : {
          toolkit: toolkit.slug, connectedAccountId: params.connectedAccountId,
          ...(params.userId !== undefined ? { userId: params.userId } : {}),
        });
    } catch (error) {
      if (authOptional && ToolsmithError.is(error, 'NO_CONNECTED_ACCOUNT')) return undefined;
      throw error;
    }
    return this.context.resolveCredentials(account);
  }

  /**
   * A raw HTTP call with the user's credentials. `endpoint` is untrusted: it is resolved against the account's
   * base URL and refused (PROXY_HOST_REJECTED) when it would reach another origin.
   */
  async proxyExecute(params: ProxyExecuteParams): Promise<ToolExecuteResult> {
    const toolkit = this.context.registry.toolkits.get(params.toolkit);
    if (!toolkit) throw new ToolsmithError('TOOLKIT_NOT_FOUND', `proxyExecute: no toolkit "${params.toolkit}" is loaded.`, { toolkit: params.toolkit });
    if (typeof params.endpoint !== 'string' || params.endpoint === '') throw new ToolsmithError('INVALID_OPTIONS', 'proxyExecute: give an endpoint, e.g. "/user".');
    const account = await this.accountFor(toolkit, params);
    return runProxy(this.context.executor, account ? { toolkit, account, refresh: this.#refresh } : { toolkit, account }, params);
  }
}
