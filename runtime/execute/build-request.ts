/**
 * Flat, validated arguments → one HTTP request: each input goes where its InputMapping says, serialized per
 * OpenAPI style/explode; base URL and toolkit headers are templated from the account; credentials injected last.
 */
import type { CompiledTool, CompiledToolkit, HttpMethod } from '../types.js';
import type { ConnectedAccountRecord } from '../store/types.js';
import { ToolsmithError } from '../errors.js';
import { isTemplate, renderTemplate } from '../auth/template.js';
import type { InjectedCredentials } from '../auth/inject.js';
import { encodeBody, type EncodedBody, type FileResolver } from './body.js';
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

/** What a toolkit's requests share, worked out once per toolkit object: static parts stay strings. */
interface ToolkitPlan {
  /** The base URL without a trailing slash when it holds no template. */
  readonly staticBaseUrl: string | undefined;
  /** Toolkit headers without templates, lower-cased names. */
  readonly staticHeaders: Readonly<Record<string, string>>;
  /** Templated toolkit headers: [lower-cased name, declared name, template]. */
  readonly templatedHeaders: ReadonlyArray<readonly [string, string, string]>;
}

const toolkitPlans = new WeakMap<CompiledToolkit, ToolkitPlan>();

function toolkitPlan(toolkit: CompiledToolkit): ToolkitPlan {
  let plan = toolkitPlans.get(toolkit);
  if (plan === undefined) {
    const staticHeaders: Record<string, string> = {};
    const templatedHeaders: Array<readonly [string, string, string]> = [];
    for (const [name, value] of Object.entries(toolkit.headers ?? {})) {
      if (isTemplate(value)) templatedHeaders.push([name.toLowerCase(), name, value]);
      else staticHeaders[name.toLowerCase()] = value;
    }
    plan = { staticBaseUrl: isTemplate(toolkit.baseUrl) ? undefined : toolkit.baseUrl.replace(/\/+$/, ''), staticHeaders, templatedHeaders };
    toolkitPlans.set(toolkit, plan);
  }
  return plan;
}

/** The toolkit base URL rendered for an account, without a trailing slash. */
export function resolveBaseUrl(toolkit: CompiledToolkit, account: AccountValues | undefined): string {
  const fixed = toolkitPlan(toolkit).staticBaseUrl;
  if (fixed !== undefined) return fixed;
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
  const plan = toolkitPlan(toolkit);
  const headers: Record<string, string> = { ...plan.staticHeaders };
  if (plan.templatedHeaders.length === 0) return headers;
  const values = { connection: connectionValues(toolkit, account), credentials: account?.credentials ?? {} };
  for (const [lower, name, value] of plan.templatedHeaders) {
    headers[lower] = renderTemplate(value, values, { where: `the toolkit header "${name}"` });
  }
  return headers;
}

/** Joins cookies; credentials' cookies come after the parameters' so they win on a duplicate name. */
export function cookieHeader(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([name, value]) => `${name}=${value}`).join('; ');
}

/** A tool's request shape worked out once per tool object: the path split at its placeholders, fixed headers. */
interface ToolPlan {
  /** Literal path text and `{ name }` placeholders, in order. */
  readonly path: ReadonlyArray<string | { readonly name: string }>;
  /** The tool's fixed headers without templates, lower-cased names. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** Its templated headers (`{{connection.agent}}`): [lower-cased name, declared name, template]. */
  readonly templatedHeaders: ReadonlyArray<readonly [string, string, string]>;
}

const toolPlans = new WeakMap<CompiledTool, ToolPlan>();

function toolPlan(tool: CompiledTool): ToolPlan {
  let plan = toolPlans.get(tool);
  if (plan === undefined) {
    const path: Array<string | { name: string }> = [];
    let last = 0;
    for (const match of tool.request.path.matchAll(/\{([^}]+)\}/g)) {
      if (match.index > last) path.push(tool.request.path.slice(last, match.index));
      path.push({ name: match[1] ?? '' });
      last = match.index + match[0].length;
    }
    if (last < tool.request.path.length) path.push(tool.request.path.slice(last));
    const headers: Array<readonly [string, string]> = [];
    const templatedHeaders: Array<readonly [string, string, string]> = [];
    for (const [name, value] of Object.entries(tool.request.headers ?? {})) {
      if (isTemplate(value)) templatedHeaders.push([name.toLowerCase(), name, value]);
      else headers.push([name.toLowerCase(), value]);
    }
    plan = { path, headers, templatedHeaders };
    toolPlans.set(tool, plan);
  }
  return plan;
}

/** Builds the request; a promise only when the body needs files read (multipart, binary). */
export function buildRequest(
  toolkit: CompiledToolkit, tool: CompiledTool, args: Record<string, unknown>,
  account: AccountValues | undefined, injected: InjectedCredentials, resolveFile: FileResolver,
): BuiltRequest | Promise<BuiltRequest> {
  const spec = tool.request;
  const plan = toolPlan(tool);
  let pathValues: Record<string, string> | undefined;
  const query: string[] = [];
  const headers: Record<string, string> = toolkitHeaders(toolkit, account);
  for (const [name, value] of plan.headers) headers[name] = value;
  if (plan.templatedHeaders.length > 0) {
    // Templated like the toolkit's headers: from the account's connection fields and credentials, never arguments.
    const values = { connection: connectionValues(toolkit, account), credentials: account?.credentials ?? {} };
    for (const [lower, name, value] of plan.templatedHeaders) {
      headers[lower] = renderTemplate(value, values, { where: `the header "${name}" of ${tool.slug}` });
    }
  }
  let cookies: Array<[string, string]> | undefined;
  const bodyObject: Record<string, unknown> = {};
  let bodyRoot: unknown;
  let hasBody = false;
  let fileFields: Set<string> | undefined;

  for (const input of tool.inputs) {
    const value = args[input.name];
    if (value === undefined) continue;
    switch (input.in) {
      case 'path':
        (pathValues ??= {})[input.target] = serializePath(input.target, value, input.style, input.explode, input.allowReserved);
        break;
      case 'query':
        for (const pair of queryPairs(input.target, value, input.style, input.explode ?? (input.style ?? 'form') === 'form', input.allowReserved)) {
          query.push(pair);
        }
        break;
      case 'header':
        headers[input.target.toLowerCase()] = serializeHeader(value, input.explode);
        break;
      case 'cookie':
        (cookies ??= []).push(...serializeCookie(input.target, value, input.explode ?? true));
        break;
      case 'body':
        bodyObject[input.target] = value;
        hasBody = true;
        if (input.file) (fileFields ??= new Set()).add(input.target);
        break;
      case 'body-root':
        bodyRoot = value;
        hasBody = true;
        if (input.file) (fileFields ??= new Set()).add(input.name);
        break;
    }
  }
  let path = '';
  for (const part of plan.path) {
    if (typeof part === 'string') { path += part; continue; }
    const value = pathValues?.[part.name];
    if (value === undefined) {
      throw new ToolsmithError('INVALID_ARGUMENTS', `Path parameter "${part.name}" of ${tool.slug} has no value.`, { field: part.name });
    }
    path += value;
  }

  let url = joinUrl(resolveBaseUrl(toolkit, account), path);
  if (injected.query.length > 0) for (const pair of encodePairs(injected.query)) query.push(pair);
  url = appendQuery(url, query.join('&'));
  Object.assign(headers, injected.headers);
  if (injected.cookies.length > 0) (cookies ??= []).push(...injected.cookies);
  if (cookies !== undefined) headers.cookie = cookieHeader(cookies);

  if (!spec.body || !(hasBody || spec.body.required)) return { method: spec.method, url, headers };
  const encoded = encodeBody(spec.body, bodyRoot !== undefined ? bodyRoot : bodyObject, fileFields ?? NO_FILES, resolveFile);
  return encoded instanceof Promise ? encoded.then((done) => withBody(spec.method, url, headers, done)) : withBody(spec.method, url, headers, encoded);
}

function withBody(method: HttpMethod, url: string, headers: Record<string, string>, encoded: EncodedBody): BuiltRequest {
  if (encoded.contentType) headers['content-type'] = encoded.contentType;
  return { method, url, headers, body: encoded.body };
}

const NO_FILES: ReadonlySet<string> = new Set();
