/**
 * The runtime entry point: `new Toolsmith({ toolkits })` and its namespaces (tools, toolkits, and the
 * connected accounts, auth configs and triggers of the other runtime modules).
 */
import type { CompiledTool, CompiledToolkit } from './types.js';
import type { Store } from './store/types.js';
import type { ToolsmithProvider } from './providers/types.js';
import { ToolsmithError } from './errors.js';
import { createAccountsApi, type AccountsApi } from './accounts/accounts-api.js';
import { createAuthConfigsApi, type AuthConfigsApi } from './accounts/auth-configs-api.js';
import type { AccountsContext } from './accounts/context.js';
import { resolveCredentials } from './auth/credentials.js';
import { createFileStore } from './store/file-store.js';
import { lazyStore } from './tools/lazy-store.js';
import type { RetryOptions } from './execute/send.js';
import type { ExecutorConfig } from './execute/execute-tool.js';
import { nodeTransport } from './execute/node-transport.js';
import { fetchTransport } from './execute/transport.js';
import { ToolRegistry } from './tools/registry.js';
import { ToolsNamespace } from './tools/tools-namespace.js';
import type { CredentialResolver, RuntimeContext } from './tools/context.js';
import { loadDefaultProvider, type DefaultProvider } from './tools/default-provider.js';
import { ToolkitsNamespace } from './toolkits-namespace.js';
import { buildCustomTool, customToolSlug, normalizeSlugPart } from './custom-tools/create-tool.js';
import type { CustomToolkitOptions, CustomToolOptions } from './custom-tools/types.js';
import type { z } from 'zod';
import { Triggers } from './triggers/triggers.js';
import type { Clock, TriggerLogger, TriggersOptions } from './triggers/types.js';

export interface ToolsmithOptions<Toolkits extends readonly CompiledToolkit<string, any>[], Provider extends ToolsmithProvider> {
  readonly toolkits: Toolkits;
  /** Where accounts, auth configs and records live; default: the embedded store under `.toolsmith/`, opened on first use. */
  readonly store?: Store;
  /** Directory of the default embedded store; default `.toolsmith`. Ignored when `store` is given. */
  readonly storeDir?: string;
  /** Turns tools into one model SDK's objects; default: the OpenAI provider. */
  readonly provider?: Provider;
  /** Where binary responses are saved; default `.toolsmith/files`. */
  readonly fileDir?: string;
  /** Directories upload fields may read local files from (after resolving symlinks); default: the working directory. */
  readonly allowedFileDirs?: readonly string[];
  readonly maxUploadBytes?: number;
  readonly maxDownloadBytes?: number;
  /**
   * Largest JSON or text response body read into memory, counted after decompression; default 100 MiB. A larger
   * one fails the call with RESPONSE_TOO_LARGE (binary bodies go to disk under `maxDownloadBytes` instead).
   */
  readonly maxResponseBytes?: number;
  /**
   * Testing only: lets file URLs in arguments reach loopback addresses (and plain http to them).
   * Never enable in production; it lets tool arguments reach services on the host.
   */
  readonly allowLoopbackFileUrls?: boolean;
  /**
   * A fetch for API calls and token requests (not for file URLs), e.g. to instrument or intercept them. Default:
   * API calls go through node:http(s) with keep-alive, several times cheaper per call than Node's fetch.
   */
  readonly fetch?: typeof fetch;
  /** Total time per call, retries included; default 60 s. */
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Makes account credentials current (OAuth2 refresh); default: `resolveCredentials` of runtime/auth/credentials.ts. */
  readonly resolveCredentials?: CredentialResolver;
  /** OAuth2 tuning passed to the accounts module: refresh margin, token request timeout, connect-flow lifetime, clock. */
  readonly accounts?: Pick<AccountsContext, 'refreshMarginMs' | 'tokenTimeoutMs' | 'stateTtlMs' | 'now'>;
  /** Webhook receiver, polling and delivery settings (docs/triggers.md); `logger` and `clock` are injectable. */
  readonly triggers?: TriggersOptions & { readonly logger?: TriggerLogger; readonly clock?: Clock };
}

type WrappedBy<P> = P extends ToolsmithProvider<infer Wrapped> ? Wrapped : unknown;

export class Toolsmith<
  const Toolkits extends readonly CompiledToolkit<string, any>[] = readonly CompiledToolkit[],
  Provider extends ToolsmithProvider = DefaultProvider,
> {
  readonly tools: ToolsNamespace<Toolkits[number], WrappedBy<Provider>>;
  readonly toolkits: ToolkitsNamespace;
  /** Connected accounts (`ca_…`): create, initiate/complete (OAuth2), list, get, delete, enable, disable. */
  readonly connectedAccounts: AccountsApi;
  /** Auth configs (`ac_…`): an app's own OAuth2 client credentials and scopes per toolkit. */
  readonly authConfigs: AuthConfigsApi;
  /** Trigger instances (`ti_…`), the webhook receiver, polling (`start`/`stop`), subscriptions and dead letters. */
  readonly triggers: Triggers<Toolkits[number]>;
  /** The store in use (the default embedded one opens on first use). */
  readonly store: Store;
  /** Shared by every namespace (other runtime modules, e.g. triggers, build on it). */
  protected readonly context: RuntimeContext;
  private readonly registry: ToolRegistry;

  constructor(options: ToolsmithOptions<Toolkits, Provider>) {
    if (!options || !Array.isArray(options.toolkits)) {
      throw new ToolsmithError('INVALID_OPTIONS', 'new Toolsmith({ toolkits }) needs `toolkits`: an array of compiled toolkits from generated/.');
    }
    if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
      throw new ToolsmithError('INVALID_OPTIONS', '`timeoutMs` must be a positive number of milliseconds.');
    }
    this.registry = new ToolRegistry(options.toolkits);
    const executor: ExecutorConfig = {
      transport: options.fetch ? fetchTransport(options.fetch) : nodeTransport,
      timeoutMs: options.timeoutMs ?? 60_000,
      ...(options.retry ? { retry: options.retry } : {}),
      files: {
        ...(options.fileDir ? { fileDir: options.fileDir } : {}),
        ...(options.allowedFileDirs ? { allowedFileDirs: options.allowedFileDirs } : {}),
        ...(options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {}),
        ...(options.maxDownloadBytes ? { maxDownloadBytes: options.maxDownloadBytes } : {}),
        ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}),
        urlPolicy: { allowLoopback: options.allowLoopbackFileUrls === true },
      },
    };
    let provider: Promise<ToolsmithProvider> | undefined;
    const storeDir = options.storeDir;
    this.store = options.store ?? lazyStore(() => createFileStore(storeDir ? { dir: storeDir } : {}));
    this.ownsStore = options.store === undefined;
    const accounts: AccountsContext = {
      ...options.accounts,
      store: this.store,
      toolkits: this.registry.toolkits,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    };
    this.context = {
      registry: this.registry,
      executor,
      store: this.store,
      accounts,
      resolveCredentials: options.resolveCredentials ?? ((account, resolveOptions) => resolveCredentials(accounts, account, resolveOptions)),
      provider: () => (provider ??= options.provider ? Promise.resolve(options.provider) : loadDefaultProvider()),
    };
    this.tools = new ToolsNamespace(this.context);
    this.toolkits = new ToolkitsNamespace(this.registry);
    this.connectedAccounts = createAccountsApi(accounts);
    this.authConfigs = createAuthConfigsApi(accounts);
    const { logger: triggerLogger, clock: triggerClock, ...triggerOptions } = options.triggers ?? {};
    this.triggers = new Triggers<Toolkits[number]>({
      store: this.store,
      toolkits: options.toolkits,
      executeTool: (slug, params) => this.tools.execute(slug as never, params as never),
      ...(triggerLogger ? { logger: triggerLogger } : {}),
      ...(triggerClock ? { clock: triggerClock } : {}),
      options: triggerOptions,
    });
  }

  /**
   * Runs the tool calls in a model response (OpenAI, OpenAI Responses, Anthropic, Gemini) as `userId` and returns the
   * messages to append to the conversation. Agentic providers (Vercel AI SDK, LangChain) execute their own tools.
   */
  async handleToolCalls(userId: string, response: unknown): Promise<unknown[]> {
    const provider = await this.context.provider();
    if (!provider.handleToolCalls) {
      throw new ToolsmithError('PROVIDER_ERROR', `The ${provider.name} provider executes its own tools; handleToolCalls is for OpenAI, Anthropic and Gemini.`);
    }
    return provider.handleToolCalls(userId, response);
  }

  private readonly ownsStore: boolean;

  /** Closes the store when this instance opened it (the default embedded store); a given store stays open. */
  async close(): Promise<void> {
    if (this.ownsStore) await this.store.close();
  }

  /**
   * Adds a custom tool, slug `LOCAL_<SLUG>` (or `LOCAL_<TOOLKIT>_<SLUG>` with `extendsToolkit`). Its `execute`
   * gets `context.execute` / `context.proxyExecute`, which act with the calling user's connected accounts.
   */
  createTool<Schema extends z.ZodObject>(slug: string, options: CustomToolOptions<Schema>): CompiledTool<z.output<Schema>> {
    const extended = options?.extendsToolkit;
    if (extended !== undefined && !this.registry.toolkits.has(extended)) {
      throw new ToolsmithError('CUSTOM_TOOL_INVALID', `extendsToolkit "${extended}" is not a loaded toolkit.`, { slug });
    }
    const finalSlug = customToolSlug(slug, extended, this.registry.reservedPrefixes());
    const tool = buildCustomTool(finalSlug, extended ?? 'local', options as unknown as CustomToolOptions);
    this.registry.addCustom({ tool, toolkit: extended ? this.registry.toolkits.get(extended) : undefined, custom: { options: options as unknown as CustomToolOptions } });
    return tool as CompiledTool<z.output<Schema>>;
  }

  /** Adds a custom toolkit: each tool gets the slug `LOCAL_<TOOLKIT>_<SLUG>` and lists under the toolkit. */
  createToolkit(slug: string, options: CustomToolkitOptions): { slug: string; name: string; description: string; tools: CompiledTool[] } {
    if (typeof slug !== 'string' || !/^[a-z][a-z0-9_]*$/.test(slug)) {
      throw new ToolsmithError('CUSTOM_TOOL_INVALID', `Custom toolkit slug "${String(slug)}" must match [a-z][a-z0-9_]*.`);
    }
    if (this.registry.hasToolkit(slug) || slug === 'local' || slug === 'toolsmith') {
      throw new ToolsmithError('CUSTOM_TOOL_INVALID', `Toolkit slug "${slug}" is already taken.`);
    }
    if (!options || !Array.isArray(options.tools) || options.tools.length === 0) {
      throw new ToolsmithError('CUSTOM_TOOL_INVALID', `Custom toolkit "${slug}" needs at least one tool.`);
    }
    const reserved = [...this.registry.reservedPrefixes(), `${normalizeSlugPart(slug)}_`];
    const tools = options.tools.map((definition) => {
      if (definition.extendsToolkit !== undefined) {
        throw new ToolsmithError('CUSTOM_TOOL_INVALID', `Tools of custom toolkit "${slug}" cannot extend another toolkit.`);
      }
      const finalSlug = customToolSlug(definition.slug, slug, reserved);
      return { tool: buildCustomTool(finalSlug, slug, definition), definition };
    });
    const seen = new Set<string>();
    for (const { tool } of tools) {
      if (seen.has(tool.slug) || this.registry.get(tool.slug)) throw new ToolsmithError('CUSTOM_TOOL_INVALID', `Tool slug ${tool.slug} is defined twice.`);
      seen.add(tool.slug);
    }
    this.registry.customToolkits.set(slug, { slug, name: options.name, description: options.description });
    for (const { tool, definition } of tools) this.registry.addCustom({ tool, toolkit: undefined, custom: { options: definition } });
    return { slug, name: options.name, description: options.description, tools: tools.map((entry) => entry.tool) };
  }
}
