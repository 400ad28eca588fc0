/** `toolsmith.toolkits`: what is loaded, as plain data (no schemas, no secrets). */
import type { AuthSchemeName, CompiledToolkit, ConnectionField } from './types.js';
import { ToolsmithError } from './errors.js';
import type { ToolRegistry } from './tools/registry.js';

export interface ToolkitSummary {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly logo?: string;
  readonly docsUrl?: string;
  readonly authSchemes: readonly AuthSchemeName[];
  readonly toolCount: number;
  readonly triggerCount: number;
  /** True for toolkits made with `createToolkit`. */
  readonly custom: boolean;
}

export interface ToolkitDetails extends ToolkitSummary {
  readonly baseUrl?: string;
  readonly connection: readonly ConnectionField[];
  /** Each scheme with the credential fields an account needs. */
  readonly auth: ReadonlyArray<{ readonly scheme: AuthSchemeName; readonly label?: string; readonly fields: ReadonlyArray<{ readonly name: string; readonly secret: boolean; readonly required: boolean; readonly label?: string }>; readonly scopes?: readonly string[] }>;
  readonly tools: ReadonlyArray<{ readonly slug: string; readonly name: string; readonly importance: number }>;
}

export class ToolkitsNamespace {
  constructor(private readonly registry: ToolRegistry) {}

  private summary(toolkit: CompiledToolkit): ToolkitSummary {
    return {
      slug: toolkit.slug, name: toolkit.name, description: toolkit.description, categories: toolkit.categories,
      ...(toolkit.logo ? { logo: toolkit.logo } : {}), ...(toolkit.docsUrl ? { docsUrl: toolkit.docsUrl } : {}),
      authSchemes: toolkit.auth.map((scheme) => scheme.scheme),
      toolCount: this.registry.toolsOf(toolkit.slug).length, triggerCount: toolkit.triggers.length, custom: false,
    };
  }

  /** Loaded toolkits, by slug; `category` keeps those in that category. */
  list(options: { readonly category?: string } = {}): ToolkitSummary[] {
    const compiled = [...this.registry.toolkits.values()]
      .filter((toolkit) => options.category === undefined || toolkit.categories.includes(options.category))
      .map((toolkit) => this.summary(toolkit));
    const custom = options.category !== undefined ? [] : [...this.registry.customToolkits.values()].map((toolkit): ToolkitSummary => ({
      ...toolkit, categories: [], authSchemes: [], toolCount: this.registry.toolsOf(toolkit.slug).length, triggerCount: 0, custom: true,
    }));
    return [...compiled, ...custom].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  }

  /** One toolkit in detail; TOOLKIT_NOT_FOUND when not loaded. */
  get(slug: string): ToolkitDetails {
    const tools = this.registry.toolsOf(slug).map((tool) => ({ slug: tool.slug, name: tool.name, importance: tool.importance }));
    const toolkit = this.registry.toolkits.get(slug);
    if (toolkit) {
      return {
        ...this.summary(toolkit), baseUrl: toolkit.baseUrl, connection: toolkit.connection, tools,
        auth: toolkit.auth.map((scheme) => ({
          scheme: scheme.scheme, ...(scheme.label ? { label: scheme.label } : {}),
          fields: scheme.fields.map((field) => ({ name: field.name, secret: field.secret, required: field.required, ...(field.label ? { label: field.label } : {}) })),
          ...(scheme.scheme === 'oauth2' ? { scopes: Object.keys(scheme.scopes) } : {}),
        })),
      };
    }
    const custom = this.registry.customToolkits.get(slug);
    if (custom) return { ...custom, categories: [], authSchemes: [], toolCount: tools.length, triggerCount: 0, custom: true, connection: [], auth: [], tools };
    throw new ToolsmithError('TOOLKIT_NOT_FOUND', `No toolkit "${slug}" is loaded.`, { toolkit: slug });
  }
}
