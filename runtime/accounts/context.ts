/**
 * What the accounts API, the OAuth2 flow and credential resolution need from the Toolsmith instance.
 * The Toolsmith class builds one context and passes it to `createAccountsApi`, `createAuthConfigsApi`,
 * `selectAccount` and `resolveCredentials`.
 */
import { randomBytes } from 'node:crypto';
import type { AuthScheme, CompiledToolkit, OAuth2Scheme } from '../types.js';
import type { Store } from '../store/types.js';
import { ToolsmithError } from '../errors.js';

export interface AccountsContext {
  readonly store: Store;
  /** The toolkits of the instance, as an array or by slug. */
  readonly toolkits: readonly CompiledToolkit[] | ReadonlyMap<string, CompiledToolkit>;
  /** Used for token requests; default the global fetch. */
  readonly fetch?: typeof fetch;
  /** Clock for expiry decisions (tests, benchmarks); default Date.now. */
  readonly now?: () => number;
  /** Refresh this long before an access token expires (default 60 s). */
  readonly refreshMarginMs?: number;
  /** Timeout of each token-endpoint request (default 30 s). */
  readonly tokenTimeoutMs?: number;
  /** How long an initiated OAuth2 connection may take (default 10 minutes). */
  readonly stateTtlMs?: number;
}

export function nowOf(ctx: AccountsContext): number {
  return (ctx.now ?? Date.now)();
}

export function isoNow(ctx: AccountsContext): string {
  return new Date(nowOf(ctx)).toISOString();
}

/** A url-safe random id with a prefix, e.g. `ca_3kq…` (128 random bits). */
export function newId(prefix: 'ca' | 'ac'): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

export function findToolkit(ctx: AccountsContext, slug: string): CompiledToolkit {
  if (typeof slug !== 'string' || slug === '') {
    throw new ToolsmithError('INVALID_OPTIONS', 'A toolkit slug (a non-empty string) is required.');
  }
  const toolkit = ctx.toolkits instanceof Map
    ? ctx.toolkits.get(slug)
    : (ctx.toolkits as readonly CompiledToolkit[]).find((candidate) => candidate.slug === slug);
  if (!toolkit) {
    const known = ctx.toolkits instanceof Map ? [...ctx.toolkits.keys()] : (ctx.toolkits as readonly CompiledToolkit[]).map((t) => t.slug);
    throw new ToolsmithError('TOOLKIT_NOT_FOUND',
      `Toolkit "${slug}" is not loaded in this Toolsmith instance (loaded: ${known.join(', ') || 'none'}).`, { toolkit: slug });
  }
  return toolkit;
}

/** The toolkit's scheme by name; without a name, its only scheme. */
export function findScheme(toolkit: CompiledToolkit, name: string | undefined): AuthScheme {
  const names = toolkit.auth.map((scheme) => scheme.scheme);
  if (name === undefined) {
    const only = toolkit.auth.length === 1 ? toolkit.auth[0] : undefined;
    if (!only) {
      throw new ToolsmithError('INVALID_OPTIONS',
        `Toolkit "${toolkit.slug}" has ${toolkit.auth.length === 0 ? 'no auth schemes' : `several auth schemes (${names.join(', ')})`}; ` +
        'pass `scheme` to say which one this account uses.', { toolkit: toolkit.slug });
    }
    return only;
  }
  const scheme = toolkit.auth.find((candidate) => candidate.scheme === name);
  if (!scheme) {
    throw new ToolsmithError('INVALID_OPTIONS',
      `Toolkit "${toolkit.slug}" has no auth scheme "${name}" (it has: ${names.join(', ') || 'none'}).`, { toolkit: toolkit.slug });
  }
  return scheme;
}

export function findOAuth2Scheme(toolkit: CompiledToolkit): OAuth2Scheme {
  const scheme = toolkit.auth.find((candidate): candidate is OAuth2Scheme => candidate.scheme === 'oauth2');
  if (!scheme) {
    throw new ToolsmithError('INVALID_OPTIONS', `Toolkit "${toolkit.slug}" has no oauth2 auth scheme.`, { toolkit: toolkit.slug });
  }
  return scheme;
}
