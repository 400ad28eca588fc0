/** Pins the public entry point: adding or removing an export must be a deliberate change here. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as entry from '../../runtime/index.js';

it('exports exactly these values', () => {
  expect(Object.keys(entry).sort()).toEqual([
    'AnthropicProvider', 'GeminiProvider', 'LangChainProvider', 'OpenAIProvider', 'OpenAIResponsesProvider', 'Toolsmith',
    'ToolsmithError', 'VercelProvider', 'createFileStore', 'createPostgresStore', 'renderTemplate',
    'Triggers', 'createWebhookServer', 'verifySignature', 'standardWebhooksKey',
    'createToolRouter', 'ToolRouter', 'MANAGE_CONNECTIONS', 'MULTI_EXECUTE_TOOL', 'SEARCH_TOOLS',
  ].sort());
});

it('exports exactly these names (values and types), explicitly', () => {
  const source = readFileSync(new URL('../../runtime/index.ts', import.meta.url), 'utf8');
  expect(source).not.toMatch(/export \*/);
  const names = [...source.matchAll(/export (?:type )?\{([^}]*)\}/g)]
    .flatMap((match) => (match[1] ?? '').split(',').map((name) => name.trim()).filter(Boolean)).sort();
  expect(names).toEqual([
    'AccountFilter', 'AccountsApi', 'AfterExecute', 'AnthropicProvider', 'AuthConfig', 'AuthConfigsApi', 'ConnectedAccount',
    'CreateAccountOptions', 'CreateAuthConfigOptions', 'FileStoreOptions', 'GeminiProvider', 'LangChainProvider', 'ListAccountsFilter',
    'OpenAIProvider', 'OpenAIResponsesProvider', 'PostgresStoreOptions', 'VercelProvider', 'createFileStore', 'createPostgresStore', 'ArgumentFix', 'AuthConfigRecord', 'AuthScheme', 'AuthSchemeName', 'BeforeExecute',
    'CompiledRequest', 'CompiledTool', 'CompiledToolkit', 'CompiledTrigger', 'ConnectedAccountRecord', 'ConnectedAccountStatus',
    'ConnectionField', 'CredentialField', 'CustomAuthParams', 'CustomToolContext', 'CustomToolOptions', 'CustomToolkitOptions',
    'ExecuteModifiers', 'ExecuteParams', 'GetModifiers', 'GetToolsOptions', 'HttpMethod', 'InjectRule', 'InputMapping', 'JsonSchema',
    'LocalToolSlug', 'ModifySchema', 'ParameterStyle', 'ProviderContext', 'ProviderDialect', 'ProviderSchema', 'ProviderWarning',
    'ProxyExecuteParams', 'ProxyParameter', 'RetryOptions', 'SavedFile', 'Store', 'ToolExecuteParams', 'ToolExecuteResult',
    'ToolHints', 'ToolInputOf', 'ToolOutputOf', 'ToolSlugOf', 'ToolkitDetails', 'ToolkitSummary', 'ToolkitTypes', 'Toolsmith',
    'ToolsmithError', 'ToolsmithErrorCode', 'ToolsmithOptions', 'ToolsmithProvider', 'TriggerConfigOf', 'TriggerEvent',
    'TriggerPayloadOf', 'TriggerSlugOf', 'TypedExecuteResult', 'renderTemplate',
    'Triggers', 'createWebhookServer', 'verifySignature', 'standardWebhooksKey', 'CreateTriggerOptions', 'CreatedTrigger',
    'DeadLetter', 'SubscribeFilters', 'TriggerHandler', 'TriggerInstance', 'TriggerListFilters', 'TriggersOptions', 'TriggerType',
    'WebhookRoute', 'createToolRouter', 'ToolRouter', 'MANAGE_CONNECTIONS', 'MULTI_EXECUTE_TOOL', 'SEARCH_TOOLS', 'ToolRouterOptions',
  ].sort());
});
