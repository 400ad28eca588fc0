/** Hand-built compiled toolkits for executor tests (zod schemas written directly). */
import { z } from 'zod';
import type { AuthScheme, CompiledTool, CompiledToolkit, InputMapping, CompiledRequest, ToolHints } from '../../../runtime/types.js';

const HINTS: ToolHints = { readOnly: false, idempotent: false, destructive: false, openWorld: true };

export interface ToolSpec {
  readonly slug: string;
  readonly toolkit?: string;
  readonly method?: CompiledRequest['method'];
  readonly path: string;
  readonly input?: z.ZodObject;
  readonly inputs?: readonly InputMapping[];
  readonly body?: CompiledRequest['body'];
  readonly response?: CompiledRequest['response'];
  readonly hints?: Partial<ToolHints>;
  readonly importance?: number;
  readonly scopes?: readonly string[];
  readonly headers?: Record<string, string>;
  readonly deprecated?: boolean;
}

export function tool(spec: ToolSpec): CompiledTool {
  const input = spec.input ?? z.object({});
  const { $schema: _ignored, ...parameters } = z.toJSONSchema(input, { io: 'input' }) as Record<string, unknown>;
  return {
    slug: spec.slug,
    name: spec.slug.toLowerCase(),
    description: `Test tool ${spec.slug}`,
    toolkit: spec.toolkit ?? 'test',
    importance: spec.importance ?? 50,
    scopes: spec.scopes ?? [],
    tags: [],
    hints: { ...HINTS, ...spec.hints },
    ...(spec.deprecated ? { deprecated: true } : {}),
    input: input as z.ZodType<Record<string, unknown>>,
    output: z.unknown(),
    inputParameters: parameters,
    outputParameters: {},
    request: {
      method: spec.method ?? 'GET', path: spec.path, ...(spec.headers ? { headers: spec.headers } : {}),
      ...(spec.body ? { body: spec.body } : {}), response: spec.response ?? { kind: 'json' },
    },
    inputs: spec.inputs ?? [],
  };
}

export function toolkit(slug: string, baseUrl: string, tools: readonly CompiledTool[], auth: readonly AuthScheme[] = [], extra: Partial<CompiledToolkit> = {}): CompiledToolkit {
  return {
    slug, name: slug, description: `Test toolkit ${slug}`, categories: ['test'], baseUrl, headers: {}, connection: [],
    auth, tools, triggers: [], ...extra,
  };
}

export const noAuth: AuthScheme = { scheme: 'none', fields: [], inject: [] };
export const apiKeyHeader: AuthScheme = {
  scheme: 'api_key', fields: [{ name: 'api_key', secret: true, required: true }],
  inject: [{ in: 'header', name: 'X-Api-Key', value: '{{credentials.api_key}}' }],
};
export const bearer: AuthScheme = {
  scheme: 'bearer', fields: [{ name: 'token', secret: true, required: true }],
  inject: [{ in: 'header', name: 'Authorization', value: 'Bearer {{credentials.token}}' }],
};
export const basic: AuthScheme = {
  scheme: 'basic', fields: [{ name: 'username', secret: false, required: true }, { name: 'password', secret: true, required: true }],
  inject: [{ in: 'header', name: 'Authorization', value: "Basic {{base64 credentials.username ':' credentials.password}}" }],
};
export const oauth2: AuthScheme = {
  scheme: 'oauth2', grant: 'authorization_code', tokenUrl: 'https://example.invalid/token', pkce: true, scopeSeparator: ' ',
  scopes: { read: 'Read', write: 'Write' }, defaultScopes: ['read'], authorizationParams: {}, tokenAuthMethod: 'client_secret_post',
  fields: [{ name: 'access_token', secret: true, required: true }],
  inject: [{ in: 'header', name: 'Authorization', value: 'Bearer {{credentials.access_token}}' }],
};
