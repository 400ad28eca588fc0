/**
 * Which account a call runs with: the one named by `connectedAccountId` (only if it belongs to the user and the
 * toolkit), else the user's most recent ACTIVE account for the toolkit. A foreign or unknown id gets the same
 * CONNECTED_ACCOUNT_NOT_FOUND, so no one can probe for other users' accounts.
 */
import type { ConnectedAccountRecord } from '../store/types.js';
import { ToolsmithError } from '../errors.js';
import type { AccountsContext } from './context.js';

export interface SelectAccountOptions {
  /** Required unless `connectedAccountId` is given by a trusted caller. */
  readonly userId?: string;
  readonly toolkit: string;
  readonly connectedAccountId?: string;
}

export function notFound(id: string): ToolsmithError {
  return new ToolsmithError('CONNECTED_ACCOUNT_NOT_FOUND',
    `Connected account ${id} was not found for this user; list the user's accounts with connectedAccounts.list().`,
    { connectedAccountId: id });
}

/** Loads an account that the user may reach; throws CONNECTED_ACCOUNT_NOT_FOUND otherwise. */
export async function loadOwnedAccount(ctx: AccountsContext, id: string, userId: string | undefined): Promise<ConnectedAccountRecord> {
  if (typeof id !== 'string' || id === '') throw new ToolsmithError('INVALID_OPTIONS', 'A connected account id (ca_…) is required.');
  const record = await ctx.store.accounts.get(id);
  if (!record || (userId !== undefined && record.userId !== userId)) throw notFound(id);
  return record;
}

/** Throws the error that explains why a non-ACTIVE account cannot be used. */
export function assertUsable(record: ConnectedAccountRecord): void {
  switch (record.status) {
    case 'ACTIVE': return;
    case 'INACTIVE':
      throw new ToolsmithError('CONNECTED_ACCOUNT_DISABLED',
        `Connected account ${record.id} is disabled; enable it with connectedAccounts.enable().`, { connectedAccountId: record.id });
    case 'EXPIRED':
      throw new ToolsmithError('CONNECTED_ACCOUNT_EXPIRED',
        `Connected account ${record.id} (${record.toolkit}) has expired${record.statusReason ? ` (${record.statusReason})` : ''}; ` +
        'the user must connect again.', { connectedAccountId: record.id, toolkit: record.toolkit });
    case 'INITIATED':
      throw new ToolsmithError('NO_CONNECTED_ACCOUNT',
        `Connected account ${record.id} has not finished connecting; complete the OAuth2 flow first.`, { connectedAccountId: record.id });
    case 'FAILED':
      throw new ToolsmithError('NO_CONNECTED_ACCOUNT',
        `Connected account ${record.id} failed to connect${record.statusReason ? ` (${record.statusReason})` : ''}; connect again.`,
        { connectedAccountId: record.id });
  }
}

export async function selectAccount(ctx: AccountsContext, options: SelectAccountOptions): Promise<ConnectedAccountRecord> {
  const { userId, toolkit, connectedAccountId } = options;
  if (connectedAccountId !== undefined) {
    const record = await loadOwnedAccount(ctx, connectedAccountId, userId);
    if (record.toolkit !== toolkit) throw notFound(connectedAccountId);
    assertUsable(record);
    return record;
  }
  if (typeof userId !== 'string' || userId === '') {
    throw new ToolsmithError('INVALID_OPTIONS', `A userId (or a connectedAccountId) is required to call ${toolkit} tools.`, { toolkit });
  }
  // Only ACTIVE accounts are opened (decrypted); the others are read redacted, just to explain why none can be used.
  const active = (await ctx.store.accounts.list({ userId, toolkit, statuses: ['ACTIVE'] })).find((record) => record.status === 'ACTIVE');
  if (active) return active;
  const others = await ctx.store.accounts.list({ userId, toolkit, statuses: ['EXPIRED', 'INACTIVE'], redacted: true });
  const newest = others.find((record) => record.status === 'EXPIRED' || record.status === 'INACTIVE');
  if (newest) assertUsable(newest);
  throw new ToolsmithError('NO_CONNECTED_ACCOUNT',
    `User ${userId} has no active connected account for ${toolkit}; create one with connectedAccounts.create() or initiate().`,
    { userId, toolkit });
}
