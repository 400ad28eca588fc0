/**
 * The one intermediate representation of a toolkit.
 *
 * Every parser (YAML definitions, OpenAPI 2.0 / 3.0 / 3.1 plus overlay) produces an `IR.Toolkit`;
 * every validator and emitter reads only this. Every node carries an `origin` so a diagnostic can
 * name `file:line:col` (the file plus a JSON pointer into it, resolved to a position on demand).
 *
 * All data is readonly: passes that change the IR (flattening, lowering) return new nodes.
 */
export namespace IR {
  /** A JSON Schema (draft 2020-12 vocabulary, plus OpenAPI's `nullable`, `discriminator`, `readOnly`, `writeOnly`). */
  export type JsonSchema = { readonly [keyword: string]: unknown };

  /** Where a node came from. */
  export interface Origin {
    /** Path of the source file, relative to the working directory. */
    readonly file: string;
    /** RFC 6901 JSON pointer to the node inside that file, e.g. `/tools/3/parameters/0`. */
    readonly pointer: string;
  }

  export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

  export interface Toolkit {
    /** `[a-z][a-z0-9_]*`; tool slugs start with its upper-case form plus `_`. */
    readonly slug: string;
    /** Display name, e.g. `GitHub`. */
    readonly name: string;
    readonly description: string;
    /** Free-form category slugs used by the catalog filters, e.g. `developer-tools`. */
    readonly categories: readonly string[];
    /** Logo URL or a path relative to the definition folder (the catalog copies local files). */
    readonly logo?: string;
    /** Link to the vendor's API reference. */
    readonly docsUrl?: string;
    /** Base URL of every request; may contain `{{connection.x}}` templates. */
    readonly baseUrl: string;
    /** Headers sent on every request; values may contain `{{connection.x}}` templates. */
    readonly headers: Readonly<Record<string, string>>;
    /** Non-secret per-account fields (subdomain, region…). */
    readonly connection: readonly ConnectionField[];
    /** One or more auth schemes; an account uses exactly one. */
    readonly auth: readonly AuthScheme[];
    readonly tools: readonly Tool[];
    readonly triggers: readonly Trigger[];
    /**
     * Named schemas shared between tools (OpenAPI `components.schemas`), keyed by a stable
     * PascalCase name. Tool schemas point at them with `{ $ref: '#/$defs/<Name>' }`.
     * Empty for most YAML toolkits.
     */
    readonly sharedSchemas: Readonly<Record<string, JsonSchema>>;
    /** Every file the toolkit was built from (for the build cache and `--check`). */
    readonly sourceFiles: readonly string[];
    /**
     * How the flattener treats a parameter and a body field with the same name: `report` (a TS0022
     * error, the YAML default) or `rename` (stable distinct names mapped back, TS0207 info). OpenAPI
     * toolkits set `rename`, since specs legitimately reuse names. Absent means `report`.
     */
    readonly inputCollisions?: 'report' | 'rename';
    readonly origin: Origin;
  }

  export interface ConnectionField {
    /** Referenced as `{{connection.<name>}}`. */
    readonly name: string;
    readonly label?: string;
    readonly description?: string;
    /** Regular expression the value must match. */
    readonly pattern?: string;
    readonly default?: string;
    /** Defaults to true unless a default is given. */
    readonly required: boolean;
    readonly origin: Origin;
  }

  export type AuthSchemeKind = 'oauth2' | 'api_key' | 'bearer' | 'basic' | 'none' | 'custom';

  /** A credential the user (or the OAuth2 flow) supplies; referenced as `{{credentials.<name>}}`. */
  export interface CredentialField {
    readonly name: string;
    readonly label?: string;
    readonly description?: string;
    /** Secret values are encrypted at rest and never printed. Default true. */
    readonly secret: boolean;
    /** Default true. */
    readonly required: boolean;
    readonly default?: string;
    readonly origin: Origin;
  }

  /**
   * Where a credential goes on each request. `value` is a template:
   * `{{credentials.x}}`, `{{connection.x}}`, literals, and `{{base64 a ':' b}}` (concatenate, then base64).
   */
  export interface InjectRule {
    readonly in: 'header' | 'query' | 'cookie';
    readonly name: string;
    readonly value: string;
    readonly origin: Origin;
  }

  interface AuthSchemeBase {
    readonly kind: AuthSchemeKind;
    /** Display label, e.g. `Personal access token`. */
    readonly label?: string;
    readonly description?: string;
    readonly fields: readonly CredentialField[];
    /** Always filled: either as written or the scheme's default (see `compiler/parse/auth-defaults.ts`). */
    readonly inject: readonly InjectRule[];
    readonly origin: Origin;
  }

  export interface OAuth2Scheme extends AuthSchemeBase {
    readonly kind: 'oauth2';
    readonly grant: 'authorization_code' | 'client_credentials';
    /** Required for `authorization_code`. May contain `{{connection.x}}`. */
    readonly authorizationUrl?: string;
    readonly tokenUrl: string;
    /** Defaults to `tokenUrl`. */
    readonly refreshUrl?: string;
    readonly revocationUrl?: string;
    readonly pkce: boolean;
    /** Joins scopes in the authorization request; default `" "`. */
    readonly scopeSeparator: string;
    /** Scope name → description. */
    readonly scopes: Readonly<Record<string, string>>;
    readonly defaultScopes: readonly string[];
    /** Extra query parameters on the authorization URL (e.g. `access_type: offline`). */
    readonly authorizationParams: Readonly<Record<string, string>>;
    /** How the client authenticates at the token endpoint; default `client_secret_post`. */
    readonly tokenAuthMethod: 'client_secret_basic' | 'client_secret_post';
  }

  export interface ApiKeyScheme extends AuthSchemeBase { readonly kind: 'api_key' }
  export interface BearerScheme extends AuthSchemeBase { readonly kind: 'bearer' }
  export interface BasicScheme extends AuthSchemeBase { readonly kind: 'basic' }
  export interface NoneScheme extends AuthSchemeBase { readonly kind: 'none' }
  /** Fields and inject rules entirely as the definition writes them (no defaults). */
  export interface CustomScheme extends AuthSchemeBase { readonly kind: 'custom' }

  export type AuthScheme = OAuth2Scheme | ApiKeyScheme | BearerScheme | BasicScheme | NoneScheme | CustomScheme;

  export interface ToolHints {
    readonly readOnly: boolean;
    readonly idempotent: boolean;
    readonly destructive: boolean;
    /** Talks to an open world of external entities (MCP `openWorldHint`); default true. */
    readonly openWorld: boolean;
  }

  export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

  /** OpenAPI serialization styles. */
  export type ParameterStyle =
    | 'form' | 'simple' | 'label' | 'matrix' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';

  export interface Parameter {
    /** Name in the API. */
    readonly name: string;
    readonly in: ParameterLocation;
    readonly required: boolean;
    readonly description?: string;
    readonly schema: JsonSchema;
    /** Defaults per OpenAPI: `simple` for path/header, `form` for query/cookie. */
    readonly style: ParameterStyle;
    /** Defaults per OpenAPI: true for `form`, else false. */
    readonly explode: boolean;
    readonly allowReserved: boolean;
    readonly deprecated: boolean;
    readonly origin: Origin;
  }

  export interface BodyEncoding {
    readonly contentType?: string;
    readonly style?: ParameterStyle;
    readonly explode?: boolean;
    readonly allowReserved?: boolean;
  }

  export interface Body {
    /** `application/json`, `application/x-www-form-urlencoded`, `multipart/form-data`, or another media type. */
    readonly contentType: string;
    readonly required: boolean;
    readonly description?: string;
    readonly schema: JsonSchema;
    /** Per-property encoding (OpenAPI `encoding`), for form and multipart bodies. */
    readonly encoding: Readonly<Record<string, BodyEncoding>>;
    readonly origin: Origin;
  }

  export interface Response {
    /** `json`: parsed JSON; `text`: a string; `file`: binary, saved as a file download; `empty`: no body. */
    readonly kind: 'json' | 'text' | 'file' | 'empty';
    readonly contentType?: string;
    readonly schema: JsonSchema;
    /** A field of a JSON response that holds encoded file bytes: decoded and saved like a binary download. */
    readonly fileField?: ResponseFileField;
    readonly origin: Origin;
  }

  export interface ResponseFileField {
    /** JSON Pointer into the response body, e.g. `/data`. */
    readonly from: string;
    readonly encoding: 'base64' | 'base64url';
    /** Media type of the file when the response does not say; default: detected from the bytes. */
    readonly mimeType?: string;
    /** File name to save under; default `download` plus an extension for the type. */
    readonly name?: string;
  }

  export interface Tool {
    /** `<TOOLKIT>_<ACTION>`, upper snake case, at most 60 characters. */
    readonly slug: string;
    readonly name: string;
    readonly description: string;
    /** 0–100, higher is listed first; default 50. */
    readonly importance: number;
    /** The account needs one of these scopes (any scheme's). */
    readonly scopes: readonly string[];
    readonly tags: readonly string[];
    readonly hints: ToolHints;
    readonly deprecated: boolean;
    readonly method: HttpMethod;
    /** Path relative to the base URL, with `{param}` placeholders. */
    readonly path: string;
    /** Headers fixed for this tool (e.g. a media type for one endpoint). */
    readonly headers: Readonly<Record<string, string>>;
    readonly parameters: readonly Parameter[];
    readonly body?: Body;
    readonly response: Response;
    /** Source identity for OpenAPI tools: operationId or `METHOD /path`. */
    readonly operationId?: string;
    readonly origin: Origin;
  }

  export type WebhookMatchRule =
    | { readonly header: string; readonly equals?: string; readonly oneOf?: readonly string[]; readonly origin: Origin }
    | { readonly body: string; readonly equals?: unknown; readonly oneOf?: readonly unknown[]; readonly origin: Origin };

  /**
   * How a webhook is signed.
   * - `hmac-sha256` / `hmac-sha1`: HMAC of the raw body (or of `signedPayload`) in `header`,
   *   `encoding` hex or base64, optional `prefix` (e.g. `sha256=`).
   * - `slack-v0`, `stripe`, `standard-webhooks`: the timestamped schemes, with `toleranceSeconds`.
   */
  export interface WebhookSignature {
    readonly algorithm: 'hmac-sha256' | 'hmac-sha1' | 'slack-v0' | 'stripe' | 'standard-webhooks';
    readonly header: string;
    readonly encoding: 'hex' | 'base64';
    readonly prefix?: string;
    readonly timestampHeader?: string;
    /** Template of the signed string: `{body}`, `{timestamp}`, `{id}`; default `{body}`. */
    readonly signedPayload?: string;
    readonly toleranceSeconds: number;
    readonly origin: Origin;
  }

  export interface WebhookSpec {
    readonly match: readonly WebhookMatchRule[];
    readonly signature?: WebhookSignature;
    /** JSON pointer into the body, or `header:<Name>`, of a unique event id (replay protection, idempotency). */
    readonly eventId?: string;
    /** Slack-style URL verification: when the body's `type` equals this, answer with its `challenge`. */
    readonly challenge?: { readonly type: string; readonly field: string };
  }

  export interface PollSpec {
    /** Tool slug called on each tick with the account's credentials. */
    readonly tool: string;
    readonly arguments: Readonly<Record<string, unknown>>;
    readonly intervalSeconds: number;
    /** JSON pointer to the array of items in the tool's result data; default: the data itself. */
    readonly itemsPath: string;
    /** JSON pointer inside each item that identifies it, for dedupe. */
    readonly dedupeKey: string;
  }

  export interface Trigger {
    readonly slug: string;
    readonly name: string;
    readonly description: string;
    readonly type: 'webhook' | 'poll';
    readonly scopes: readonly string[];
    /** What the user sets when enabling it. */
    readonly config: JsonSchema;
    readonly payload: JsonSchema;
    readonly webhook?: WebhookSpec;
    readonly poll?: PollSpec;
    readonly origin: Origin;
  }
}
