/**
 * The tool router: the meta tools' behaviour over a Toolsmith instance. Search ranks every loaded tool with
 * the lexical ToolIndex and reports the user's connection status per toolkit; multi-execute runs up to 20
 * calls in parallel as the user (one result per call, never throwing); manage-connections answers with the
 * account, or a connect URL from `connectedAccounts.initiate` when an OAuth2 auth config exists.
 *
 *   const router = createToolRouter(toolsmith, { redirectUri: 'https://app.example/callback' });
 *   const tools = router.get('user-1', provider);       // the provider's own objects for the 3 meta tools
 *   await provider.handleToolCalls('user-1', response); // meta calls go to the router
 */
import { cleanSchema } from '../../compiler/lower/clean.js';
import { LocalFixes } from '../../compiler/lower/fixes.js';
import { FixRecorder } from '../../compiler/lower/schema-utils.js';
import { ToolsmithError } from '../errors.js';
import type { ToolExecuteResult } from '../execute/types.js';
import type { ProviderContext, ToolsmithProvider } from '../providers/types.js';
import { ToolIndex } from '../search/tool-index.js';
import type { Toolsmith } from '../toolsmith.js';
import type { ToolkitDetails } from '../toolkits-namespace.js';
import type { CompiledTool } from '../types.js';
import {
  MANAGE_CONNECTIONS, manageConnectionsInput, metaTools, MULTI_EXECUTE_TOOL, multiExecuteInput, SEARCH_TOOLS, searchInput,
} from './meta-tools.js';

export interface ToolRouterOptions {
  /** Where OAuth2 providers send the browser back after connecting (needed for connect URLs). */
  readonly redirectUri?: string;
  /** The auth config to connect each toolkit with; default the toolkit's first OAuth2 auth config. */
  readonly authConfigIds?: Readonly<Record<string, string>>;
  /** Only these toolkits are searchable and executable; default every loaded toolkit. */
  readonly toolkits?: readonly string[];
}

type AnyToolsmith = Toolsmith<any, any>;

function ok(data: unknown): ToolExecuteResult {
  return { data, error: null, successful: true, logId: '' };
}

function failed(error: string, data: unknown = null): ToolExecuteResult {
  return { data, error, successful: false, logId: '' };
}

export class ToolRouter {
  readonly tools: readonly CompiledTool[] = metaTools;

  constructor(private readonly toolsmith: AnyToolsmith, private readonly options: ToolRouterOptions = {}) {}

  /** The meta tools wrapped by `provider` for `userId`; calls to them (and to other tools) run through the router. */
  get<Wrapped>(userId: string, provider: ToolsmithProvider<Wrapped>): Wrapped {
    return provider.wrapTools(this.tools, this.context(userId));
  }

  /** The execute function a provider (or MCP) uses: meta tools here, anything else through `tools.execute`. */
  context(userId: string): ProviderContext {
    return { userId, execute: (slug, args) => this.execute(userId, slug, args) };
  }

  async execute(userId: string, slug: string, args: Record<string, unknown>): Promise<ToolExecuteResult> {
    try {
      if (slug === SEARCH_TOOLS) return await this.search(userId, args);
      if (slug === MULTI_EXECUTE_TOOL) return await this.multiExecute(userId, args);
      if (slug === MANAGE_CONNECTIONS) return await this.manageConnections(userId, args);
      return await this.runOne(userId, slug, args);
    } catch (error) {
      return failed(error instanceof Error ? error.message : String(error));
    }
  }

  private allowedToolkit(slug: string): boolean {
    return !this.options.toolkits || this.options.toolkits.includes(slug);
  }

  private loaded: Promise<{ index: ToolIndex; slugs: Set<string> }> | undefined;

  /** Every loaded (and allowed) tool, indexed once. */
  private toolIndex(): Promise<{ index: ToolIndex; slugs: Set<string> }> {
    return (this.loaded ??= (async () => {
      const toolkits = this.toolsmith.toolkits.list().map((toolkit: { slug: string }) => toolkit.slug).filter((slug: string) => this.allowedToolkit(slug));
      const tools: CompiledTool[] = toolkits.length === 0 ? [] : await this.toolsmith.tools.getRaw({ toolkits, limit: 10_000 });
      const live = tools.filter((tool) => !tool.deprecated);
      return { index: new ToolIndex(live), slugs: new Set(live.map((tool) => tool.slug)) };
    })());
  }

  private async search(userId: string, raw: Record<string, unknown>): Promise<ToolExecuteResult> {
    const parsed = searchInput.safeParse(raw);
    if (!parsed.success) return failed(`Invalid arguments for ${SEARCH_TOOLS}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
    const { query, toolkits, limit } = parsed.data;
    const hits = (await this.toolIndex()).index.search(query, { ...(toolkits ? { toolkits } : {}), limit: limit ?? 5 });
    const status = await this.connectionStatus(userId, [...new Set(hits.map((hit) => hit.tool.toolkit))]);
    return ok({
      tools: hits.map((hit) => ({
        tool_slug: hit.tool.slug,
        name: hit.tool.name,
        description: hit.tool.description,
        toolkit: hit.tool.toolkit,
        score: Math.round(hit.score * 1000) / 1000,
        input_schema: cleanSchema(hit.tool.inputParameters, { recorder: new FixRecorder(), local: new LocalFixes() }),
        connection: status.get(hit.tool.toolkit) ?? 'unknown',
      })),
      next_step: hits.some((hit) => status.get(hit.tool.toolkit) === 'not_connected')
        ? `Call ${MANAGE_CONNECTIONS} for toolkits that are not connected, then ${MULTI_EXECUTE_TOOL}.`
        : `Call ${MULTI_EXECUTE_TOOL} with the tool_slug and arguments.`,
    });
  }

  /** Per toolkit: `connected`, `not_connected`, `not_required` (no auth), or `unknown` (no store). */
  private async connectionStatus(userId: string, toolkits: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const needed: string[] = [];
    for (const slug of toolkits) {
      const toolkit: ToolkitDetails = this.toolsmith.toolkits.get(slug);
      if (toolkit.auth.length === 0 || toolkit.auth.every((scheme) => scheme.scheme === 'none')) out.set(slug, 'not_required');
      else needed.push(slug);
    }
    if (needed.length === 0) return out;
    try {
      const accounts = await this.toolsmith.connectedAccounts.list({ userId, toolkits: needed, statuses: ['ACTIVE'] });
      for (const slug of needed) out.set(slug, accounts.some((account: { toolkit: string }) => account.toolkit === slug) ? 'connected' : 'not_connected');
    } catch {
      for (const slug of needed) out.set(slug, 'unknown');
    }
    return out;
  }

  private async multiExecute(userId: string, raw: Record<string, unknown>): Promise<ToolExecuteResult> {
    const parsed = multiExecuteInput.safeParse(raw);
    if (!parsed.success) {
      return failed(`Invalid arguments for ${MULTI_EXECUTE_TOOL}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
    }
    const results = await Promise.all(parsed.data.calls.map(async (call) => {
      const result = call.tool_slug.startsWith('TOOLSMITH_')
        ? failed(`${call.tool_slug} cannot run inside ${MULTI_EXECUTE_TOOL}; call it directly.`)
        : await this.runOne(userId, call.tool_slug, call.arguments).catch((error: unknown) => failed(error instanceof Error ? error.message : String(error)));
      return { tool_slug: call.tool_slug, successful: result.successful, data: result.data, error: result.error };
    }));
    const failures = results.filter((result) => !result.successful).length;
    return { ...ok({ results }), ...(failures === results.length ? { successful: false, error: 'Every call failed; see results.' } : {}) };
  }

  private async runOne(userId: string, slug: string, args: Record<string, unknown>): Promise<ToolExecuteResult> {
    if (this.options.toolkits && !(await this.toolIndex()).slugs.has(slug)) return failed(`Tool ${slug} is not available through this router.`);
    try {
      return await this.toolsmith.tools.execute(slug, { userId, arguments: args }) as ToolExecuteResult;
    } catch (error) {
      if (ToolsmithError.is(error, 'NO_CONNECTED_ACCOUNT')) {
        return failed(`${error.message} Call ${MANAGE_CONNECTIONS} with the toolkit to connect an account.`);
      }
      throw error;
    }
  }

  private async manageConnections(userId: string, raw: Record<string, unknown>): Promise<ToolExecuteResult> {
    const parsed = manageConnectionsInput.safeParse(raw);
    if (!parsed.success) return failed(`Invalid arguments for ${MANAGE_CONNECTIONS}: give a toolkit slug.`);
    const slug = parsed.data.toolkit.toLowerCase();
    if (!this.toolsmith.toolkits.list().some((t: { slug: string }) => t.slug === slug) || !this.allowedToolkit(slug)) {
      return failed(`No toolkit "${slug}" is available; TOOLSMITH_SEARCH_TOOLS lists toolkit slugs.`);
    }
    const toolkit: ToolkitDetails = this.toolsmith.toolkits.get(slug);
    const status = (await this.connectionStatus(userId, [slug])).get(slug);
    if (status === 'not_required') return ok({ toolkit: slug, status: 'not_required', message: `${toolkit.name} needs no account.` });
    if (status === 'connected') {
      const [account] = await this.toolsmith.connectedAccounts.list({ userId, toolkits: [slug], statuses: ['ACTIVE'] });
      return ok({ toolkit: slug, status: 'connected', connected_account_id: account?.id });
    }
    const configs = await this.toolsmith.authConfigs.list({ toolkit: slug });
    const chosen = this.options.authConfigIds?.[slug] ?? configs.find((config: { scheme: string }) => config.scheme === 'oauth2')?.id;
    if (chosen && this.options.redirectUri) {
      const initiated = await this.toolsmith.connectedAccounts.initiate(userId, chosen, { redirectUri: this.options.redirectUri });
      return ok({
        toolkit: slug, status: 'needs_connection', connect_url: initiated.redirectUrl, connected_account_id: initiated.id,
        message: `Ask the user to open connect_url to connect ${toolkit.name}, then retry.`,
      });
    }
    const fields = toolkit.auth.filter((scheme) => scheme.scheme !== 'oauth2' && scheme.scheme !== 'none')
      .map((scheme) => ({ scheme: scheme.scheme, fields: scheme.fields.map((field) => field.label ?? field.name) }));
    return ok({
      toolkit: slug, status: 'needs_credentials', schemes: fields,
      message: chosen
        ? `${toolkit.name} can be connected with OAuth2, but the router has no redirectUri configured.`
        : `Ask the user for ${toolkit.name} credentials; the app connects them with connectedAccounts.create.`,
    });
  }
}

export function createToolRouter(toolsmith: AnyToolsmith, options: ToolRouterOptions = {}): ToolRouter {
  return new ToolRouter(toolsmith, options);
}
