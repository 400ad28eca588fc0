/**
 * Auth schemes from `securitySchemes` (2.0 `securityDefinitions`) and the base URL from `servers`
 * (2.0 `host` + `basePath` + `schemes`), used when the toolkit YAML gives none.
 * Server variables become connection fields referenced as `{{connection.<name>}}`.
 */
import { applyAuthDefaults } from '../auth-defaults.js';
import type { IR } from '../../ir/types.js';
import type { SpecVersion } from './load-spec.js';
import { isPlainObject, joinPointer, resolveNode, type PlainObject } from './refs.js';
import type { Reporter } from './report.js';

interface Context {
  readonly root: PlainObject;
  readonly version: SpecVersion;
  readonly file: string;
  readonly reporter: Reporter;
}

function schemesContainer(ctx: Context): { node: unknown; pointer: string } {
  return ctx.version === '2.0'
    ? { node: ctx.root['securityDefinitions'], pointer: '/securityDefinitions' }
    : { node: (ctx.root['components'] as PlainObject | undefined)?.['securitySchemes'], pointer: '/components/securitySchemes' };
}

/** Names of the schemes whose requirements list OAuth2 / OpenID Connect scopes. */
export function scopedSchemeNames(ctx: Context): Set<string> {
  const names = new Set<string>();
  const { node, pointer } = schemesContainer(ctx);
  if (!isPlainObject(node)) return names;
  for (const [name, raw] of Object.entries(node)) {
    const scheme = resolveNode(ctx.root, raw, joinPointer(pointer, name)).value;
    if (isPlainObject(scheme) && (scheme['type'] === 'oauth2' || scheme['type'] === 'openIdConnect')) names.add(name);
  }
  return names;
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isPlainObject(value)) for (const [key, description] of Object.entries(value)) out[key] = typeof description === 'string' ? description : '';
  return out;
}

function label(name: string, scheme: PlainObject): string {
  return typeof scheme['description'] === 'string' && scheme['description'].length <= 80 && !scheme['description'].includes('\n')
    ? scheme['description'] : name;
}

function oauth2(ctx: Context, scheme: PlainObject, origin: IR.Origin): IR.OAuth2Scheme | undefined {
  // 3.x flows; 2.0 has one flow with `flow` = accessCode | application | implicit | password.
  const flows: Array<{ grant: IR.OAuth2Scheme['grant']; flow: PlainObject }> = [];
  if (ctx.version === '2.0') {
    if (scheme['flow'] === 'accessCode') flows.push({ grant: 'authorization_code', flow: scheme });
    else if (scheme['flow'] === 'application') flows.push({ grant: 'client_credentials', flow: scheme });
  } else if (isPlainObject(scheme['flows'])) {
    const f = scheme['flows'];
    if (isPlainObject(f['authorizationCode'])) flows.push({ grant: 'authorization_code', flow: f['authorizationCode'] });
    if (isPlainObject(f['clientCredentials'])) flows.push({ grant: 'client_credentials', flow: f['clientCredentials'] });
  }
  const chosen = flows.find(({ flow }) => typeof flow['tokenUrl'] === 'string');
  if (!chosen) return undefined;
  const { grant, flow } = chosen;
  const scopes = stringRecord(flow['scopes']);
  const { fields, inject } = applyAuthDefaults('oauth2', {}, origin);
  return {
    kind: 'oauth2', label: label('OAuth2', scheme), fields, inject, origin, grant,
    ...(grant === 'authorization_code' && typeof flow['authorizationUrl'] === 'string' ? { authorizationUrl: flow['authorizationUrl'] } : {}),
    tokenUrl: flow['tokenUrl'] as string,
    ...(typeof flow['refreshUrl'] === 'string' ? { refreshUrl: flow['refreshUrl'] } : {}),
    pkce: false,
    scopeSeparator: ' ',
    scopes,
    defaultScopes: [],
    authorizationParams: {},
    tokenAuthMethod: 'client_secret_post',
  };
}

/** Auth schemes declared by the spec, at most one per kind (the first wins). */
export function authFromSpec(ctx: Context): IR.AuthScheme[] {
  const { node, pointer } = schemesContainer(ctx);
  const out: IR.AuthScheme[] = [];
  if (!isPlainObject(node)) return out;
  for (const [name, raw] of Object.entries(node)) {
    const at = joinPointer(pointer, name);
    const resolved = resolveNode(ctx.root, raw, at);
    const scheme = resolved.value;
    if (!isPlainObject(scheme)) continue;
    const origin = { file: ctx.file, pointer: resolved.pointer };
    let built: IR.AuthScheme | undefined;
    const type = scheme['type'];
    const httpScheme = typeof scheme['scheme'] === 'string' ? scheme['scheme'].toLowerCase() : '';
    if (type === 'oauth2' || type === 'openIdConnect') {
      built = type === 'oauth2' ? oauth2(ctx, scheme, origin) : undefined;
      if (!built) {
        // No flow we can run (implicit, password, OIDC discovery): a token obtained elsewhere still works.
        ctx.reporter.info('TS0206', `security scheme "${name}" has no authorization-code or client-credentials flow with a tokenUrl; imported as a bearer token`, origin);
        built = { kind: 'bearer', label: 'Access token', ...applyAuthDefaults('bearer', {}, origin), origin };
      }
    } else if (type === 'apiKey' && typeof scheme['name'] === 'string' && ['header', 'query', 'cookie'].includes(scheme['in'] as string)) {
      const { fields } = applyAuthDefaults('api_key', {}, origin);
      const inject: IR.InjectRule[] = [{ in: scheme['in'] as IR.InjectRule['in'], name: scheme['name'], value: '{{credentials.api_key}}', origin }];
      built = { kind: 'api_key', label: label(name, scheme), fields, inject, origin };
    } else if ((type === 'http' && httpScheme === 'basic') || type === 'basic') {
      built = { kind: 'basic', label: label(name, scheme), ...applyAuthDefaults('basic', {}, origin), origin };
    } else if (type === 'http' && httpScheme === 'bearer') {
      built = { kind: 'bearer', label: label(name, scheme), ...applyAuthDefaults('bearer', {}, origin), origin };
    } else {
      ctx.reporter.info('TS0206', `security scheme "${name}" (${String(type)}${httpScheme ? ` ${httpScheme}` : ''}) is not imported; declare it under auth: in toolkit.yaml`, origin);
    }
    if (built && !out.some((existing) => existing.kind === built.kind)) out.push(built);
  }
  return out;
}

function fieldName(variable: string): string {
  const clean = variable.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1');
  return clean === '' ? 'server' : clean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Base URL template and the connection fields it needs. */
export function serverFromSpec(ctx: Context): { baseUrl: string; connection: IR.ConnectionField[] } {
  const connection: IR.ConnectionField[] = [];
  const baseField = (pointer: string, path: string) => {
    connection.push({ name: 'base_url', label: 'Server URL', description: 'Scheme and host of the API server, e.g. https://api.example.com', pattern: '^https?://[^/]+$', required: true, origin: { file: ctx.file, pointer } });
    return `{{connection.base_url}}${path}`;
  };
  if (ctx.version === '2.0') {
    const basePath = typeof ctx.root['basePath'] === 'string' ? ctx.root['basePath'].replace(/\/+$/, '') : '';
    if (typeof ctx.root['host'] !== 'string' || ctx.root['host'] === '') return { baseUrl: baseField('/host', basePath), connection };
    const schemes = Array.isArray(ctx.root['schemes']) ? ctx.root['schemes'] : [];
    const scheme = schemes.includes('https') || schemes.length === 0 ? 'https' : String(schemes[0]);
    return { baseUrl: `${scheme}://${ctx.root['host']}${basePath}`, connection };
  }
  const servers = ctx.root['servers'];
  const server = Array.isArray(servers) ? servers.find((s) => isPlainObject(s) && typeof s['url'] === 'string') as PlainObject | undefined : undefined;
  if (!server) return { baseUrl: baseField('', ''), connection };
  const pointer = `/servers/${(servers as unknown[]).indexOf(server)}`;
  const variables = isPlainObject(server['variables']) ? server['variables'] : {};
  let url = (server['url'] as string).trim().replace(/\/+$/, '');
  url = url.replace(/\{([^}]+)\}/g, (_match, variable: string) => {
    const name = fieldName(variable);
    if (!connection.some((field) => field.name === name)) {
      const spec = isPlainObject(variables[variable]) ? variables[variable] : {};
      const values = Array.isArray(spec['enum']) ? spec['enum'].filter((v): v is string => typeof v === 'string') : [];
      const fallback = typeof spec['default'] === 'string' ? spec['default'] : undefined;
      connection.push({
        name,
        label: variable,
        ...(typeof spec['description'] === 'string' ? { description: spec['description'] } : {}),
        ...(values.length > 0 ? { pattern: `^(${values.map(escapeRegExp).join('|')})$` } : {}),
        ...(fallback !== undefined ? { default: fallback } : {}),
        required: fallback === undefined,
        origin: { file: ctx.file, pointer: joinPointer(pointer, 'variables', variable) },
      });
    }
    return `{{connection.${name}}}`;
  });
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('{{')) {
    // A relative server URL ("/api/v3"): the host comes from the account.
    return { baseUrl: baseField(pointer, url.startsWith('/') ? url : `/${url}`), connection };
  }
  return { baseUrl: url, connection };
}
