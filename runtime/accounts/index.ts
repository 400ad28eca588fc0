/** Connected accounts and auth configs: what the Toolsmith class wires up. */
export { createAccountsApi } from './accounts-api.js';
export type { AccountsApi, CreateAccountOptions, ListAccountsFilter, UserScope } from './accounts-api.js';
export { AuthConfig, createAuthConfigsApi, loadAuthConfig } from './auth-configs-api.js';
export type { AuthConfigJson, AuthConfigsApi, CreateAuthConfigOptions } from './auth-configs-api.js';
export { ConnectedAccount, toConnectedAccount } from './connected-account.js';
export type { ConnectedAccountJson } from './connected-account.js';
export type { AccountsContext } from './context.js';
export { assertUsable, loadOwnedAccount, selectAccount } from './select-account.js';
export type { SelectAccountOptions } from './select-account.js';
export { resolveCredentials, canRefresh } from '../auth/credentials.js';
export type { ResolveOptions } from '../auth/credentials.js';
export type { InitiatedConnection, InitiateOptions } from '../auth/oauth2-flow.js';
