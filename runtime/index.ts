/** The public runtime API of `toolsmith`. Names are exported one by one; test/runtime/exports.test.ts pins them. */
export { Toolsmith } from './toolsmith.js';
export type { ToolsmithOptions } from './toolsmith.js';
export { ToolsmithError } from './errors.js';
export type { ToolsmithErrorCode } from './errors.js';
export type {
  ArgumentFix, AuthScheme, AuthSchemeName, CompiledRequest, CompiledTool, CompiledToolkit, CompiledTrigger, ConnectionField,
  CredentialField, HttpMethod, InjectRule, InputMapping, JsonSchema, ParameterStyle, ProviderDialect, ProviderSchema, ToolHints,
  ToolInputOf, ToolkitTypes, ToolOutputOf, ToolSlugOf, TriggerConfigOf, TriggerEvent, TriggerPayloadOf, TriggerSlugOf,
} from './types.js';
export type { ToolExecuteParams, ToolExecuteResult } from './execute/types.js';
export type { RetryOptions } from './execute/send.js';
export type { ProxyExecuteParams, ProxyParameter } from './execute/proxy.js';
export type { SavedFile } from './files/download.js';
export type { TypedExecuteResult, LocalToolSlug } from './tools/tools-namespace.js';
export type { GetToolsOptions } from './tools/select-tools.js';
export type {
  AfterExecute, BeforeExecute, CustomAuthParams, ExecuteModifiers, ExecuteParams, GetModifiers, ModifySchema,
} from './modifiers/types.js';
export type { CustomToolContext, CustomToolOptions, CustomToolkitOptions } from './custom-tools/types.js';
export type { ToolkitDetails, ToolkitSummary } from './toolkits-namespace.js';
export type { ProviderContext, ProviderWarning, ToolsmithProvider } from './providers/types.js';
export type { AccountFilter, AuthConfigRecord, ConnectedAccountRecord, ConnectedAccountStatus, Store } from './store/types.js';
export { renderTemplate } from './auth/template.js';
export { createFileStore } from './store/file-store.js';
export type { FileStoreOptions } from './store/file-store.js';
export { createPostgresStore } from './store/postgres-store.js';
export type { PostgresStoreOptions } from './store/postgres-store.js';
export type { AccountsApi, CreateAccountOptions, ListAccountsFilter } from './accounts/accounts-api.js';
export type { AuthConfig, AuthConfigsApi, CreateAuthConfigOptions } from './accounts/auth-configs-api.js';
export type { ConnectedAccount } from './accounts/connected-account.js';
export {
  AnthropicProvider, GeminiProvider, LangChainProvider, OpenAIProvider, OpenAIResponsesProvider, VercelProvider,
} from './providers/index.js';
export { Triggers, createWebhookServer, verifySignature, standardWebhooksKey } from './triggers/index.js';
export type {
  CreateTriggerOptions, CreatedTrigger, DeadLetter, SubscribeFilters, TriggerHandler, TriggerInstance, TriggerListFilters,
  TriggersOptions, TriggerType, WebhookRoute,
} from './triggers/index.js';
export { createToolRouter, ToolRouter, MANAGE_CONNECTIONS, MULTI_EXECUTE_TOOL, SEARCH_TOOLS } from './router/index.js';
export type { ToolRouterOptions } from './router/index.js';
