/**
 * Picks the connected account a call runs with: the one named by `connectedAccountId` (only if it belongs to
 * the user), else the user's most recent ACTIVE account for the toolkit. Messages never reveal whether another
 * user's account exists.
 */
import type { ConnectedAccountRecord, Store } from '../store/types.js';
import { ToolsmithError } from '../errors.js';

export interface AccountSelector {
  readonly userId?: string | undefined;
  readonly connectedAccountId?: string | undefined;
  readonly toolkit: string;
}

function checkUsable(account: ConnectedAccountRecord): ConnectedAccountRecord {
  switch (account.status) {
    case 'ACTIVE': return account;
    case 'INACTIVE':
      throw new ToolsmithError('CONNECTED_ACCOUNT_DISABLED', `Connected account ${account.id} is disabled; enable it first.`, { connectedAccountId: account.id });
    case 'EXPIRED':
      throw new ToolsmithError('CONNECTED_ACCOUNT_EXPIRED',
        `Connected account ${account.id} has expired${account.statusReason ? ` (${account.statusReason})` : ''}; the user must connect again.`,
        { connectedAccountId: account.id });
    default:
      throw new ToolsmithError('NO_CONNECTED_ACCOUNT', `Connected account ${account.id} is ${account.status.toLowerCase()}, not active; finish connecting it.`, { connectedAccountId: account.id });
  }
}

export async function selectAccount(store: Store, selector: AccountSelector): Promise<ConnectedAccountRecord> {
  const { userId, connectedAccountId, toolkit } = selector;
  if (connectedAccountId !== undefined) {
    const account = await store.accounts.get(connectedAccountId);
    if (!account || (userId !== undefined && account.userId !== userId) || account.toolkit !== toolkit) {
      throw new ToolsmithError('CONNECTED_ACCOUNT_NOT_FOUND',
        `No connected account ${connectedAccountId} for ${userId === undefined ? 'toolkit' : `user "${userId}" and toolkit`} "${toolkit}".`,
        { connectedAccountId, toolkit });
    }
    return checkUsable(account);
  }
  if (userId === undefined) {
    throw new ToolsmithError('INVALID_OPTIONS', `Give a userId (or a connectedAccountId) to call a "${toolkit}" tool.`, { toolkit });
  }
  const accounts = await store.accounts.list({ userId, toolkit });
  const active = accounts.find((account) => account.status === 'ACTIVE');
  if (active) return active;
  const newest = accounts[0];
  if (newest && (newest.status === 'EXPIRED' || newest.status === 'INACTIVE')) return checkUsable(newest);
  throw new ToolsmithError('NO_CONNECTED_ACCOUNT',
    `User "${userId}" has no active connected account for "${toolkit}"; create one with connectedAccounts.create or initiate.`,
    { userId, toolkit });
}
