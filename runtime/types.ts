/**
 * The compiled objects: what `generated/` exports, what the runtime accepts, and what users may inspect.
 * This file is the contract between the compiler's emitters and the runtime; it imports nothing but zod types.
 */
import type { z } from 'zod';

/** A JSON Schema object as sent to models (draft 2020-12 vocabulary). */
export type JsonSchema = { [keyword: string]: unknown };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
export type ParameterStyle =
  | 'form' | 'simple' | 'label' | 'matrix' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';

/** Where one flat input goes in the HTTP request. */
export interface InputMapping {
  /** The flat input name the model sees (collisions renamed, e.g. `body_name`). */
  readonly name: string;
  /**
   * `path` | `query` | `header` | `cookie`: a parameter named `target`;
   * `body`: the property `target` of an object body; `body-root`: the whole body (non-object bodies).
   */
  readonly in: 'path' | 'query' | 'header' | 'cookie' | 'body' | 'body-root';
  /** The name in the API. */
  readonly target: string;
  readonly required: boolean;
  readonly style?: ParameterStyle;
  readonly explode?: boolean;
  readonly allowReserved?: boolean;
  /** A file upload: the argument is a local path, an https URL, or a Buffer/Blob. */
  readonly file?: boolean;
  /** Multipart part content type. */
  readonly contentType?: string;
}

export interface CompiledRequest {
  readonly method: HttpMethod;
  /** Relative to the toolkit base URL, with `{param}` placeholders. */
  readonly path: string;
  /** Headers fixed for this tool. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: {
    readonly contentType: string;
    readonly required: boolean;
    readonly encoding?: Readonly<Record<string, {
      readonly contentType?: string; readonly style?: ParameterStyle; readonly explode?: boolean; readonly allowReserved?: boolean;
    }>>;
  };
  readonly response: {
    readonly kind: 'json' | 'text' | 'file' | 'empty';
    readonly contentType?: string;
    /** A JSON field holding encoded file bytes (JSON Pointer); the executor saves it and returns the saved file. */
    readonly fileField?: { readonly from: string; readonly encoding: 'base64' | 'base64url'; readonly mimeType?: string; readonly name?: string };
  };
}

export interface ToolHints {
  readonly readOnly: boolean;
  readonly idempotent: boolean;
  readonly destructive: boolean;
  readonly openWorld: boolean;
}

export type ProviderDialect = 'openai' | 'anthropic' | 'gemini';

/** A provider-specific input schema lowered at build time. */
export interface ProviderSchema {
  /** The tool name that provider sees, when it differs from the slug. */
  readonly name?: string;
  readonly parameters: JsonSchema;
  /** OpenAI strict mode possible for this schema. */
  readonly strict?: boolean;
  /** What lowering had to change, in words (empty when nothing). */
  readonly changes: readonly string[];
  /** Steps that turn this provider's arguments back into the tool's own before execute (applied in order). */
  readonly fixes?: readonly ArgumentFix[];
}

/**
 * One step recorded by lowering to undo it on the arguments a model sends. `path` holds provider-side
 * property names from the root; `[]` stands for every array item and `{}` for every map value.
 * - `drop-null`: null was added for OpenAI strict mode; a null here means "absent".
 * - `parse-json`: the field was turned into a JSON-encoded string; parse it back.
 * - `enum-value`: enum values were sent as strings; map each back to the original value in `values`.
 * - `rename`: the last path segment is a renamed property whose original name is `from`.
 */
export type ArgumentFix =
  | { readonly kind: 'drop-null'; readonly path: readonly string[] }
  | { readonly kind: 'parse-json'; readonly path: readonly string[] }
  | { readonly kind: 'enum-value'; readonly path: readonly string[]; readonly values: readonly unknown[] }
  | { readonly kind: 'rename'; readonly path: readonly string[]; readonly from: string };

export interface CompiledTool<Input = Record<string, unknown>, Output = unknown> {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  /** The toolkit slug. */
  readonly toolkit: string;
  readonly importance: number;
  readonly scopes: readonly string[];
  readonly tags: readonly string[];
  readonly hints: ToolHints;
  readonly deprecated?: boolean;
  /** Validates the flat arguments; built on first access. */
  readonly input: z.ZodType<Input>;
  /** Validates the response data; built on first access. */
  readonly output: z.ZodType<Output>;
  /** The flat, LLM-facing JSON Schema (self-contained: any `$ref` points into its own `$defs`). */
  readonly inputParameters: JsonSchema;
  readonly outputParameters: JsonSchema;
  readonly request: CompiledRequest;
  /** One entry per flat input, in the order of `inputParameters.properties`. */
  readonly inputs: readonly InputMapping[];
  /** Schemas lowered for each provider at build time; absent until the provider emitter runs. */
  readonly providerSchemas?: Readonly<Partial<Record<ProviderDialect, ProviderSchema>>>;
}

export interface ConnectionField {
  readonly name: string;
  readonly label?: string;
  readonly description?: string;
  readonly pattern?: string;
  readonly default?: string;
  readonly required: boolean;
}

export interface CredentialField {
  readonly name: string;
  readonly label?: string;
  readonly description?: string;
  readonly secret: boolean;
  readonly required: boolean;
  readonly default?: string;
}

/** Template: `{{credentials.x}}`, `{{connection.x}}`, and `{{base64 a ':' b}}`. */
export interface InjectRule {
  readonly in: 'header' | 'query' | 'cookie';
  readonly name: string;
  readonly value: string;
}

interface AuthSchemeBase {
  readonly label?: string;
  readonly description?: string;
  readonly fields: readonly CredentialField[];
  readonly inject: readonly InjectRule[];
}

export interface OAuth2Scheme extends AuthSchemeBase {
  readonly scheme: 'oauth2';
  readonly grant: 'authorization_code' | 'client_credentials';
  readonly authorizationUrl?: string;
  readonly tokenUrl: string;
  readonly refreshUrl?: string;
  readonly revocationUrl?: string;
  readonly pkce: boolean;
  readonly scopeSeparator: string;
  readonly scopes: Readonly<Record<string, string>>;
  readonly defaultScopes: readonly string[];
  readonly authorizationParams: Readonly<Record<string, string>>;
  readonly tokenAuthMethod: 'client_secret_basic' | 'client_secret_post';
}
export interface ApiKeyScheme extends AuthSchemeBase { readonly scheme: 'api_key' }
export interface BearerScheme extends AuthSchemeBase { readonly scheme: 'bearer' }
export interface BasicScheme extends AuthSchemeBase { readonly scheme: 'basic' }
export interface NoneScheme extends AuthSchemeBase { readonly scheme: 'none' }
export interface CustomScheme extends AuthSchemeBase { readonly scheme: 'custom' }
export type AuthScheme = OAuth2Scheme | ApiKeyScheme | BearerScheme | BasicScheme | NoneScheme | CustomScheme;
export type AuthSchemeName = AuthScheme['scheme'];

export type WebhookMatchRule =
  | { readonly header: string; readonly equals?: string; readonly oneOf?: readonly string[] }
  | { readonly body: string; readonly equals?: unknown; readonly oneOf?: readonly unknown[] };

export interface WebhookSignature {
  readonly algorithm: 'hmac-sha256' | 'hmac-sha1' | 'slack-v0' | 'stripe' | 'standard-webhooks';
  readonly header: string;
  readonly encoding: 'hex' | 'base64';
  readonly prefix?: string;
  readonly timestampHeader?: string;
  readonly signedPayload?: string;
  readonly toleranceSeconds: number;
}

export interface CompiledTrigger<Payload = unknown, Config = Record<string, unknown>> {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly toolkit: string;
  readonly type: 'webhook' | 'poll';
  readonly scopes: readonly string[];
  readonly config: z.ZodType<Config>;
  readonly payload: z.ZodType<Payload>;
  readonly configParameters: JsonSchema;
  readonly payloadParameters: JsonSchema;
  readonly webhook?: {
    readonly match: readonly WebhookMatchRule[];
    readonly signature?: WebhookSignature;
    readonly eventId?: string;
    readonly challenge?: { readonly type: string; readonly field: string };
  };
  readonly poll?: {
    readonly tool: string;
    readonly arguments: Readonly<Record<string, unknown>>;
    readonly intervalSeconds: number;
    readonly itemsPath: string;
    readonly dedupeKey: string;
  };
}

/**
 * Type-level map of a toolkit's tools and triggers: slug → input/output (or payload/config).
 * Generated toolkits fill it so `tools.execute(slug, { arguments })` is checked at compile time.
 */
export interface ToolkitTypes {
  readonly tools: Record<string, { readonly input: unknown; readonly output: unknown }>;
  readonly triggers: Record<string, { readonly payload: unknown; readonly config: unknown }>;
}

export interface CompiledToolkit<Slug extends string = string, Types extends ToolkitTypes = ToolkitTypes> {
  readonly slug: Slug;
  readonly name: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly logo?: string;
  readonly docsUrl?: string;
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly connection: readonly ConnectionField[];
  readonly auth: readonly AuthScheme[];
  readonly tools: readonly CompiledTool[];
  readonly triggers: readonly CompiledTrigger[];
  /** Phantom: never set at run time; carries slug → types for the typed runtime API. */
  readonly __types?: Types;
}

/** Slugs of the tools of a toolkit (or a union of toolkits). */
export type ToolSlugOf<T> = T extends CompiledToolkit<string, infer Types> ? Extract<keyof Types['tools'], string> : never;
/** The flat input type of a tool, from its slug. */
export type ToolInputOf<T, S extends string> = T extends CompiledToolkit<string, infer Types>
  ? S extends keyof Types['tools'] ? Types['tools'][S]['input'] : never : never;
export type ToolOutputOf<T, S extends string> = T extends CompiledToolkit<string, infer Types>
  ? S extends keyof Types['tools'] ? Types['tools'][S]['output'] : never : never;
export type TriggerSlugOf<T> = T extends CompiledToolkit<string, infer Types> ? Extract<keyof Types['triggers'], string> : never;
export type TriggerPayloadOf<T, S extends string> = T extends CompiledToolkit<string, infer Types>
  ? S extends keyof Types['triggers'] ? Types['triggers'][S]['payload'] : never : never;
export type TriggerConfigOf<T, S extends string> = T extends CompiledToolkit<string, infer Types>
  ? S extends keyof Types['triggers'] ? Types['triggers'][S]['config'] : never : never;

/** One delivered trigger event (at-least-once: `id` is the idempotency key, stable across redeliveries). */
export interface TriggerEvent<Payload = unknown> {
  readonly id: string;
  readonly triggerSlug: string;
  readonly toolkit: string;
  /** The trigger instance (`ti_…`). */
  readonly triggerId: string;
  readonly userId: string;
  readonly connectedAccountId?: string;
  readonly payload: Payload;
  /** ISO 8601. */
  readonly receivedAt: string;
  /** 1 on first delivery, higher on retries and replays. */
  readonly attempt: number;
}
