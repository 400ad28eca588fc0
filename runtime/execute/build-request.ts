/**
 * Flat, validated arguments → one HTTP request: each input goes where its InputMapping says, serialized per
 * OpenAPI style/explode; base URL and toolkit headers are templated from the account; credentials injected last.
 */
import type { CompiledTool, CompiledToolkit, HttpMethod } from '../types.js';
import type { ConnectedAccountRecord } from '../store/types.js';
import { ToolsmithError } from '../errors.js';
import { renderTemplate } from '../auth/template.js';
import type { InjectedCredentials } from '../auth/inject.js';
import { encodeBody, type FileResolver } from './body.js';
import { encodePairs, queryPairs, serializeCookie, serializeHeader, serializePath } from './serialize.js';

export interface BuiltRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: BodyInit;
}

export type AccountValues = Pick<ConnectedAccountRecord, 'credentials' | 'connection'>;

/** The account's connection fields with the toolkit's declared defaults filled in. */
export function connectionValues(toolkit: CompiledToolkit, account: AccountValues | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of toolkit.connection) if (field.default !== undefined) values[field.name] = field.default;
  return { ...values, ...account?.connection };
}

/** The toolkit base URL rendered for an account, without a trailing slash. */
export function resolveBaseUrl(toolkit: CompiledToolkit, account: AccountValues | undefined): string {
  const rendered = renderTemplate(toolkit.baseUrl, {
    connection: connectionValues(toolkit, account), credentials: account?.credentials ?? {},
  }, { where: `the base URL of toolkit "${toolkit.slug}"` });
  return rendered.replace(/\/+$/, '');
}

/** `base` + `/path`, keeping the base's own path (`https://x/api/v2` + `/tickets`). */
export function joinUrl(base: string, path: string): string {
  if (path === '' || path === '/') return base + (path === '/' ? '/' : '');
  return base + (path.startsWith('/') ? path : `/${path}`);
}

export function appendQuery(url: string, query: string): string {
  if (query === '') return url;
  return url + (url.includes('?') ? '&' : '?') + query;
}

/** Headers every request of a toolkit carries, templated from the account (never from arguments). */
export function toolkitHeaders(toolkit: CompiledToolkit, account: AccountValues | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const values = { connection: connectionValues(toolkit, account), credentials: account?.credentials ?? {} };
  for (const [name, value] of Object.entries(toolkit.headers)) {
    headers[name.toLowerCase()] = renderTemplate(value, values, { where: `the toolkit header "${name}"` });
  }
  return headers;
}

/** Joins cookies; credentials' cookies come after the parameters' so they win on a duplicate name. */
export function cookieHeader(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([name, value]) => `${name}=${value}`).join('; ');
}

export async function buildRequest(
  toolkit: CompiledToolkit, tool: CompiledTool, args: Record<string, unknown>,
  account: AccountValues | undefined, injected: InjectedCredentials, resolveFile: FileResolver,
): Promise<BuiltRequest> {
  const spec = tool.request;
  let path = spec.path;
  const query: string[] = [];
  const headers: Record<string, string> = toolkitHeaders(toolkit, account);
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = value;
  const cookies: Array<[string, string]> = [];
  const bodyObject: Record<string, unknown> = {};
  let bodyRoot: unknown;
  let hasBody = false;
  const fileFields = new Set<string>();

  for (const input of tool.inputs) {
    const value = args[input.name];
    if (value === undefined) continue;
    switch (input.in) {
      case 'path': {
        const placeholder = `{${input.target}}`;
        if (!path.includes(placeholder)) break;
        path = path.split(placeholder).join(serializePath(input.target, value, input.style, input.explode, input.allowReserved));
        break;
      }
      case 'query':
        query.push(...queryPairs(input.target, value, input.style, input.explode ?? (input.style ?? 'form') === 'form', input.allowReserved));
        break;
      case 'header':
        headers[input.target.toLowerCase()] = serializeHeader(value, input.explode);
        break;
      case 'cookie':
        cookies.push(...serializeCookie(input.target, value, input.explode ?? true));
        break;
      case 'body':
        bodyObject[input.target] = value;
        hasBody = true;
        if (input.file) fileFields.add(input.target);
        break;
      case 'body-root':
        bodyRoot = value;
        hasBody = true;
        if (input.file) fileFields.add(input.name);
        break;
    }
  }
  const missing = /\{([^}]+)\}/.exec(path);
  if (missing) {
    throw new ToolsmithError('INVALID_ARGUMENTS', `Path parameter "${missing[1]}" of ${tool.slug} has no value.`, { field: missing[1] });
  }

  const base = resolveBaseUrl(toolkit, account);
  let url = joinUrl(base, path);
  url = appendQuery(url, [...query, ...encodePairs(injected.query)].join('&'));
  Object.assign(headers, injected.headers);
  const allCookies = [...cookies, ...injected.cookies];
  if (allCookies.length > 0) headers.cookie = cookieHeader(allCookies);

  let body: BodyInit | undefined;
  if (spec.body && (hasBody || spec.body.required)) {
    const encoded = await encodeBody(spec.body, bodyRoot !== undefined ? bodyRoot : bodyObject, fileFields, resolveFile);
    body = encoded.body;
    if (encoded.contentType) headers['content-type'] = encoded.contentType;
  }
  return { method: spec.method, url, headers, ...(body === undefined ? {} : { body }) };
}
