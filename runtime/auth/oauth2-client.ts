/**
 * Token-endpoint requests (RFC 6749 §4.1.3, §4.4, §6): form-encoded, client authentication by HTTP Basic
 * (client_secret_basic) or in the body (client_secret_post, or only client_id for a public client).
 * Errors name the endpoint and the OAuth error code; secrets are scrubbed from anything echoed back.
 */
import type { OAuth2Scheme } from '../types.js';
import { ToolsmithError, type ToolsmithErrorCode } from '../errors.js';
import { excerpt } from './secrets.js';
import { renderTemplate } from './template.js';

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret?: string;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type?: string;
  readonly expires_in?: number;
  readonly refresh_token?: string;
  readonly scope?: string;
  readonly id_token?: string;
}

/** A token endpoint's refusal (4xx with an OAuth error body): `error` is e.g. invalid_grant. */
export class TokenEndpointError extends ToolsmithError {
  constructor(code: ToolsmithErrorCode, message: string, readonly oauthError: string | undefined, readonly status: number) {
    super(code, message, { oauthError: oauthError ?? null, status });
  }
}

export interface TokenRequest {
  readonly url: string;
  readonly authMethod: OAuth2Scheme['tokenAuthMethod'];
  readonly client: ClientCredentials;
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  /** OAUTH_EXCHANGE_FAILED or OAUTH_REFRESH_FAILED. */
  readonly errorCode: ToolsmithErrorCode;
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding. */
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

export async function requestToken(request: TokenRequest): Promise<TokenResponse> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(request.params)) if (value !== undefined && value !== '') body.set(name, value);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded', accept: 'application/json',
  };
  const { clientId, clientSecret } = request.client;
  if (clientSecret !== undefined && clientSecret !== '' && request.authMethod === 'client_secret_basic') {
    headers['authorization'] = `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;
  } else {
    body.set('client_id', clientId);
    if (clientSecret !== undefined && clientSecret !== '') body.set('client_secret', clientSecret);
  }
  const secrets = [clientSecret, request.params['refresh_token'], request.params['code'], request.params['code_verifier']];
  const host = safeHost(request.url);
  let response: Response;
  try {
    response = await request.fetch(request.url, {
      method: 'POST', headers, body: body.toString(), redirect: 'error', signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `timed out after ${request.timeoutMs} ms` : excerpt((error as Error).message, secrets);
    throw new ToolsmithError(request.errorCode, `The token endpoint at ${host} could not be reached: ${reason}.`, { tokenHost: host });
  }
  const text = await response.text();
  const parsed = parseBody(text, response.headers.get('content-type'));
  if (!response.ok || typeof parsed['error'] === 'string') {
    const oauthError = typeof parsed['error'] === 'string' ? parsed['error'] : undefined;
    const description = typeof parsed['error_description'] === 'string' ? `: ${excerpt(parsed['error_description'], secrets, 200)}` : '';
    throw new TokenEndpointError(request.errorCode,
      `The token endpoint at ${host} answered ${response.status}${oauthError ? ` ${oauthError}` : ''}${description}.`,
      oauthError, response.status);
  }
  if (typeof parsed['access_token'] !== 'string' || parsed['access_token'] === '') {
    throw new ToolsmithError(request.errorCode, `The token endpoint at ${host} answered without an access_token.`, { tokenHost: host });
  }
  const expiresIn = Number(parsed['expires_in']);
  return {
    access_token: parsed['access_token'],
    ...(typeof parsed['token_type'] === 'string' ? { token_type: parsed['token_type'] } : {}),
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expires_in: expiresIn } : {}),
    ...(typeof parsed['refresh_token'] === 'string' && parsed['refresh_token'] !== '' ? { refresh_token: parsed['refresh_token'] } : {}),
    ...(typeof parsed['scope'] === 'string' ? { scope: parsed['scope'] } : {}),
    ...(typeof parsed['id_token'] === 'string' ? { id_token: parsed['id_token'] } : {}),
  };
}

/** JSON, or form-encoded (GitHub answers that way without Accept: application/json). */
function parseBody(text: string, contentType: string | null): Record<string, unknown> {
  if (!contentType?.includes('x-www-form-urlencoded')) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch { /* fall through to form parsing */ }
  }
  if (/^[\w.%+-]+=/.test(text)) return Object.fromEntries(new URLSearchParams(text));
  return {};
}

function safeHost(url: string): string {
  try { return new URL(url).host; } catch { return 'an invalid URL'; }
}

/** Stored credentials after a token response: a refresh token the server did not rotate is kept. */
export function tokenToCredentials(
  token: TokenResponse,
  previous: Readonly<Record<string, string>>,
  now: number,
): Record<string, string> {
  const next: Record<string, string> = { ...previous, access_token: token.access_token };
  if (token.refresh_token !== undefined) next['refresh_token'] = token.refresh_token;
  if (token.expires_in !== undefined) next['expires_at'] = new Date(now + token.expires_in * 1000).toISOString();
  else delete next['expires_at'];
  if (token.token_type !== undefined) next['token_type'] = token.token_type;
  if (token.scope !== undefined) next['scope'] = token.scope;
  if (token.id_token !== undefined) next['id_token'] = token.id_token;
  return next;
}

/** Renders a token or authorization URL with the account's connection fields; must be http(s). */
export function renderEndpoint(template: string, connection: Readonly<Record<string, string>>, where: string): string {
  const url = renderTemplate(template, { connection }, { encode: encodeURIComponent, where });
  let parsed: URL;
  try { parsed = new URL(url); } catch {
    throw new ToolsmithError('INVALID_OPTIONS', `The ${where} "${template}" is not an absolute URL after templating.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ToolsmithError('INVALID_OPTIONS', `The ${where} must be an http(s) URL.`);
  }
  return parsed.toString();
}

/** The scopes granted: the token response's `scope` when present, else what was requested. */
export function grantedScopes(token: TokenResponse, requested: readonly string[], separator: string): string[] {
  if (token.scope === undefined) return [...requested];
  return token.scope.split(separator.trim() === '' ? /\s+/ : separator).map((scope) => scope.trim()).filter(Boolean);
}

