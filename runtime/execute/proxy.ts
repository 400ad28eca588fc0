/**
 * Proxy calls: an endpoint relative to the account's base URL, with the account's credentials injected.
 * The endpoint is UNTRUSTED: after resolving it against the base URL its origin must equal the base URL's,
 * so credentials never go to another host (PROXY_HOST_REJECTED).
 */
import type { CompiledToolkit, HttpMethod } from '../types.js';
import type { ConnectedAccountRecord } from '../store/types.js';
import type { ToolExecuteResult } from './types.js';
import { ToolsmithError } from '../errors.js';
import { injectCredentials, schemeFor } from '../auth/inject.js';
import { appendQuery, cookieHeader, resolveBaseUrl, toolkitHeaders, type BuiltRequest } from './build-request.js';
import { encodePairs } from './serialize.js';
import { isIdempotentMethod } from './send.js';
import { runHttpCall, type CallOptions, type ExecutorConfig, type RefreshAccount } from './execute-tool.js';

export interface ProxyParameter { readonly in: 'header' | 'query'; readonly name: string; readonly value: string }

export interface ProxyExecuteParams {
  readonly userId?: string;
  readonly connectedAccountId?: string;
  readonly toolkit: string;
  /** Relative to the account's base URL (`/user`), or an absolute URL on the same origin. */
  readonly endpoint: string;
  readonly method: HttpMethod;
  /** An object (sent as JSON), a string, or bytes. */
  readonly body?: unknown;
  readonly parameters?: readonly ProxyParameter[];
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** Resolves `endpoint` against `base`; throws PROXY_HOST_REJECTED when it would leave the base URL's origin. */
export function resolveProxyUrl(base: string, endpoint: string, toolkit: string): URL {
  const baseUrl = new URL(base);
  const trimmed = endpoint.trim();
  let target: URL;
  try {
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//') || trimmed.startsWith('\\\\');
    target = absolute ? new URL(trimmed, baseUrl) : new URL(baseUrl.href.replace(/\/?$/, '/') + trimmed.replace(/^[/\\]+/, ''));
  } catch {
    throw new ToolsmithError('INVALID_OPTIONS', `The proxy endpoint "${trimmed.slice(0, 200)}" is not a valid path or URL.`);
  }
  if (target.origin !== baseUrl.origin || target.username || target.password) {
    throw new ToolsmithError('PROXY_HOST_REJECTED',
      `The proxy endpoint points to ${target.host || target.protocol}, not to toolkit "${toolkit}"'s host ${baseUrl.host}; ` +
      'credentials are only sent to the toolkit\'s own base URL. Use a path relative to it.', { host: target.host });
  }
  return target;
}

function encodeProxyBody(body: unknown, headers: Record<string, string>): BodyInit | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') {
    headers['content-type'] ??= 'text/plain;charset=utf-8';
    return body;
  }
  if (body instanceof Uint8Array) return new Blob([body as Uint8Array<ArrayBuffer>]);
  if (body instanceof Blob || body instanceof FormData || body instanceof URLSearchParams) return body;
  headers['content-type'] ??= 'application/json';
  return JSON.stringify(body);
}

export interface ProxyTarget {
  readonly toolkit: CompiledToolkit;
  readonly account: ConnectedAccountRecord | undefined;
  readonly refresh?: RefreshAccount;
}

export async function proxyExecute(config: ExecutorConfig, target: ProxyTarget, params: ProxyExecuteParams, options: CallOptions = {}): Promise<ToolExecuteResult> {
  const { toolkit } = target;
  // Check the endpoint once up front so a rejected host fails before anything is sent.
  const firstBase = resolveBaseUrl(toolkit, target.account);
  const firstUrl = resolveProxyUrl(firstBase, params.endpoint, toolkit.slug);
  const build = async (account: ConnectedAccountRecord | undefined): Promise<BuiltRequest> => {
    const url = resolveProxyUrl(resolveBaseUrl(toolkit, account), params.endpoint, toolkit.slug);
    const headers = toolkitHeaders(toolkit, account);
    const query: Array<[string, string]> = [];
    for (const parameter of params.parameters ?? []) {
      if (parameter.in === 'header') headers[parameter.name.toLowerCase()] = parameter.value;
      else query.push([parameter.name, parameter.value]);
    }
    const scheme = account ? schemeFor(toolkit, account) : toolkit.auth.find((candidate) => candidate.scheme === 'none');
    const injected = scheme ? injectCredentials(scheme, account) : { headers: {}, query: [], cookies: [] };
    const href = appendQuery(url.href, [...encodePairs(query), ...encodePairs(injected.query)].join('&'));
    Object.assign(headers, injected.headers);
    if (injected.cookies.length > 0) headers.cookie = cookieHeader(injected.cookies);
    const body = encodeProxyBody(params.body, headers);
    return { method: params.method, url: href, headers, ...(body === undefined ? {} : { body }) };
  };
  return runHttpCall(config, {
    toolkit,
    account: target.account,
    refresh: target.refresh,
    build,
    label: `proxy ${params.method} ${firstUrl.host}${firstUrl.pathname}`,
    idempotent: isIdempotentMethod(params.method),
    responseKind: 'json',
  }, { ...options, ...(params.signal ? { signal: params.signal } : {}), ...(params.timeoutMs ? { timeoutMs: params.timeoutMs } : {}) });
}
