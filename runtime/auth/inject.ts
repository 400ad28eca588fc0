/**
 * Applies a scheme's inject rules (always filled by the compiler: as written or the scheme's default) to a request.
 */
import type { AuthScheme, CompiledToolkit } from '../types.js';
import type { ConnectedAccountRecord } from '../store/types.js';
import { ToolsmithError } from '../errors.js';
import { renderTemplate } from './template.js';

export interface InjectedCredentials {
  readonly headers: Record<string, string>;
  readonly query: Array<[string, string]>;
  readonly cookies: Array<[string, string]>;
}

/** The toolkit's scheme an account uses; throws when the toolkit does not declare it. */
export function schemeFor(toolkit: CompiledToolkit, account: Pick<ConnectedAccountRecord, 'scheme' | 'id'>): AuthScheme {
  const scheme = toolkit.auth.find((candidate) => candidate.scheme === account.scheme);
  if (!scheme) {
    throw new ToolsmithError('INVALID_OPTIONS',
      `Connected account ${account.id} uses auth scheme "${account.scheme}", which toolkit "${toolkit.slug}" does not declare ` +
      `(it declares: ${toolkit.auth.map((s) => s.scheme).join(', ') || 'none'}).`, { connectedAccountId: account.id });
  }
  return scheme;
}

/** True when the toolkit can be called without any connected account. */
export function needsNoAccount(toolkit: CompiledToolkit): boolean {
  return toolkit.auth.length === 0 || toolkit.auth.some((scheme) => scheme.scheme === 'none' && scheme.inject.length === 0);
}

/**
 * Renders every inject rule of `scheme` with the account's credentials and connection fields.
 * Throws MISSING_CREDENTIALS (naming the field, never a value) when a rule references an absent credential.
 */
export function injectCredentials(
  scheme: AuthScheme,
  account: Pick<ConnectedAccountRecord, 'credentials' | 'connection'> | undefined,
): InjectedCredentials {
  const injected: InjectedCredentials = { headers: {}, query: [], cookies: [] };
  const values = { credentials: account?.credentials ?? {}, connection: account?.connection ?? {} };
  for (const rule of scheme.inject) {
    const value = renderTemplate(rule.value, values, { where: `the ${rule.in} "${rule.name}" of auth scheme ${scheme.scheme}` });
    if (/[\r\n\0]/.test(value)) {
      throw new ToolsmithError('MISSING_CREDENTIALS',
        `The credential for ${rule.in} "${rule.name}" contains a line break or NUL; fix the connected account.`);
    }
    if (rule.in === 'header') injected.headers[rule.name.toLowerCase()] = value;
    else if (rule.in === 'query') injected.query.push([rule.name, value]);
    else injected.cookies.push([rule.name, value]);
  }
  return injected;
}
