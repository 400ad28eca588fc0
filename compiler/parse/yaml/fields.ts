/**
 * The closed field list of every object in `toolkit.yaml`. The parser rejects any other field,
 * and `toolsmith.schema.json` declares exactly these (a test keeps the two in agreement: each kind
 * here is a definition of the same name there).
 */
export const definitionFields = {
  Toolkit: [
    'slug', 'name', 'description', 'categories', 'logo', 'docsUrl', 'baseUrl', 'headers',
    'connection', 'auth', 'tools', 'triggers', 'openapi',
  ],
  ConnectionField: ['name', 'label', 'description', 'pattern', 'default', 'required'],
  CredentialField: ['name', 'label', 'description', 'secret', 'required', 'default'],
  InjectRule: ['in', 'name', 'value'],
  AuthOAuth2: [
    'scheme', 'label', 'description', 'fields', 'inject', 'grant', 'authorizationUrl', 'tokenUrl', 'refreshUrl',
    'revocationUrl', 'pkce', 'scopeSeparator', 'scopes', 'defaultScopes', 'authorizationParams', 'tokenAuthMethod',
  ],
  AuthApiKey: ['scheme', 'label', 'description', 'fields', 'inject'],
  AuthBearer: ['scheme', 'label', 'description', 'fields', 'inject'],
  AuthBasic: ['scheme', 'label', 'description', 'fields', 'inject'],
  AuthNone: ['scheme', 'label', 'description'],
  AuthCustom: ['scheme', 'label', 'description', 'fields', 'inject'],
  Tool: [
    'slug', 'name', 'description', 'importance', 'scopes', 'tags', 'hints', 'deprecated',
    'request', 'parameters', 'body', 'response',
  ],
  ToolHints: ['readOnly', 'idempotent', 'destructive', 'openWorld'],
  Request: ['method', 'path', 'headers'],
  Parameter: ['name', 'in', 'required', 'description', 'schema', 'style', 'explode', 'allowReserved', 'deprecated'],
  Body: ['contentType', 'required', 'description', 'schema', 'encoding'],
  BodyEncoding: ['contentType', 'style', 'explode', 'allowReserved'],
  Response: ['kind', 'contentType', 'schema', 'file'],
  ResponseFile: ['from', 'encoding', 'mimeType', 'name'],
  Trigger: ['slug', 'name', 'description', 'type', 'scopes', 'config', 'payload', 'webhook', 'poll'],
  Webhook: ['match', 'signature', 'eventId', 'challenge'],
  WebhookMatchRule: ['header', 'body', 'equals', 'oneOf'],
  WebhookSignature: [
    'algorithm', 'header', 'encoding', 'prefix', 'timestampHeader', 'signedPayload', 'toleranceSeconds',
  ],
  WebhookChallenge: ['type', 'field'],
  Poll: ['tool', 'arguments', 'intervalSeconds', 'itemsPath', 'dedupeKey'],
  OpenApi: ['spec', 'include', 'exclude', 'tools'],
  OpenApiToolOverride: ['slug', 'name', 'description', 'importance', 'scopes', 'tags', 'hints'],
} as const satisfies Record<string, readonly string[]>;

export type DefinitionKind = keyof typeof definitionFields;

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export const parameterLocations = ['path', 'query', 'header', 'cookie'] as const;
export const parameterStyles = [
  'form', 'simple', 'label', 'matrix', 'spaceDelimited', 'pipeDelimited', 'deepObject',
] as const;
export const authSchemeKinds = ['oauth2', 'api_key', 'bearer', 'basic', 'none', 'custom'] as const;
export const responseKinds = ['json', 'text', 'file', 'empty'] as const;
export const fileFieldEncodings = ['base64', 'base64url'] as const;
export const signatureAlgorithms = ['hmac-sha256', 'hmac-sha1', 'slack-v0', 'stripe', 'standard-webhooks'] as const;
export const triggerTypes = ['webhook', 'poll'] as const;
