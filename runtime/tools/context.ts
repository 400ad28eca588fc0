/** What the namespaces of one Toolsmith instance share. Internal: not exported from the package. */
import type { ConnectedAccountRecord, Store } from '../store/types.js';
import type { AccountsContext } from '../accounts/context.js';
import type { ExecutorConfig } from '../execute/execute-tool.js';
import type { ToolsmithProvider } from '../providers/types.js';
import type { ToolRegistry } from './registry.js';

/**
 * Makes an account's credentials current: refreshes OAuth2 tokens near expiry, or always with `forceRefresh`.
 * Engineer F's `resolveCredentials` plugs in here.
 */
export type CredentialResolver = (account: ConnectedAccountRecord, options?: { readonly forceRefresh?: boolean }) => Promise<ConnectedAccountRecord>;

export interface RuntimeContext {
  readonly registry: ToolRegistry;
  readonly executor: ExecutorConfig;
  /** The store (the default one opens on first use). */
  readonly store: Store;
  /** What the accounts module needs (store, toolkits, token fetch, clock). */
  readonly accounts: AccountsContext;
  readonly resolveCredentials: CredentialResolver;
  provider(): Promise<ToolsmithProvider>;
}
