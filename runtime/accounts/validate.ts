/**
 * Checks of what a user hands to `connectedAccounts.create` and `initiate`: credentials against the scheme's
 * fields, connection fields against the toolkit's (required, pattern, unknown names). Messages name fields and
 * never echo a value.
 */
import type { AuthScheme, CompiledToolkit } from '../types.js';
import { ToolsmithError } from '../errors.js';

/** Fields an OAuth2 account may carry besides the scheme's own. */
const OAUTH2_EXTRA = ['access_token', 'refresh_token', 'expires_at', 'scope', 'token_type', 'id_token', 'client_id', 'client_secret'];

function closest(name: string, candidates: readonly string[]): string | undefined {
  const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const wanted = squash(name);
  if (wanted === '') return undefined;
  return candidates.find((candidate) => squash(candidate) === wanted)
    ?? candidates.find((candidate) => squash(candidate).includes(wanted) || wanted.includes(squash(candidate)));
}

function stringMap(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ToolsmithError('INVALID_OPTIONS', `${what} must be an object of field → string value.`);
  }
  const out: Record<string, string> = {};
  for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined || item === null) continue;
    if (typeof item === 'number' && Number.isFinite(item)) out[name] = String(item);
    else if (typeof item === 'string') out[name] = item;
    else throw new ToolsmithError('INVALID_OPTIONS', `${what} field "${name}" must be a string (got ${Array.isArray(item) ? 'array' : typeof item}).`);
  }
  return out;
}

const parsedExpiries = new Map<string, number | undefined>();

/**
 * Parses `expires_at` written as ISO 8601 or epoch seconds (or milliseconds); undefined when absent or unreadable.
 * Memoized by text (bounded): every tool call on an OAuth2 account checks it.
 */
export function parseExpiry(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (parsedExpiries.has(value)) return parsedExpiries.get(value);
  const parsed = parseExpiryText(value);
  if (parsedExpiries.size >= 10_000) parsedExpiries.clear();
  parsedExpiries.set(value, parsed);
  return parsed;
}

function parseExpiryText(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) {
    const number = Number(value);
    return number > 1e12 ? number : number * 1000;
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Credentials for `scheme`: defaults applied, unknown fields refused (with a suggestion), required fields present.
 * `oauth2` accounts need an access token or a refresh token, unless their grant mints tokens (client_credentials).
 */
export function validateCredentials(toolkit: CompiledToolkit, scheme: AuthScheme, input: unknown): Record<string, string> {
  const where = `credentials for ${toolkit.slug} (${scheme.scheme})`;
  const credentials = stringMap(input, `The ${where}`);
  const known = scheme.fields.map((field) => field.name);
  const allowed = new Set(scheme.scheme === 'oauth2' ? [...known, ...OAUTH2_EXTRA] : known);
  for (const name of Object.keys(credentials)) {
    if (!allowed.has(name)) {
      const hint = closest(name, [...allowed]);
      throw new ToolsmithError('INVALID_OPTIONS',
        `Unknown field "${name}" in the ${where}${hint ? `; did you mean "${hint}"?` : '.'} ` +
        `Expected: ${[...allowed].join(', ') || 'no fields'}.`, { toolkit: toolkit.slug, field: name });
    }
  }
  for (const field of scheme.fields) {
    if (credentials[field.name] === undefined && field.default !== undefined) credentials[field.name] = field.default;
  }
  if (credentials['expires_at'] !== undefined && parseExpiry(credentials['expires_at']) === undefined) {
    throw new ToolsmithError('INVALID_OPTIONS',
      `The ${where} field "expires_at" must be an ISO 8601 time or epoch seconds.`, { toolkit: toolkit.slug, field: 'expires_at' });
  }
  const missing: string[] = [];
  if (scheme.scheme === 'oauth2') {
    const mints = scheme.grant === 'client_credentials';
    if (!mints && !credentials['access_token'] && !credentials['refresh_token']) missing.push('access_token (or refresh_token)');
    for (const field of scheme.fields) {
      if (field.required && !['access_token', 'refresh_token'].includes(field.name) && !credentials[field.name]) missing.push(field.name);
    }
  } else {
    for (const field of scheme.fields) if (field.required && !credentials[field.name]) missing.push(field.name);
  }
  if (missing.length > 0) {
    throw new ToolsmithError('MISSING_CREDENTIALS',
      `The ${where} lack required field${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
      { toolkit: toolkit.slug, fields: missing });
  }
  return credentials;
}

/** Connection fields: defaults applied, required present, patterns matched, unknown names refused. */
export function validateConnection(toolkit: CompiledToolkit, input: unknown): Record<string, string> {
  const connection = stringMap(input, `The connection fields for ${toolkit.slug}`);
  const known = toolkit.connection.map((field) => field.name);
  for (const name of Object.keys(connection)) {
    if (!known.includes(name)) {
      const hint = closest(name, known);
      throw new ToolsmithError('INVALID_OPTIONS',
        `Unknown connection field "${name}" for ${toolkit.slug}${hint ? `; did you mean "${hint}"?` : '.'} ` +
        `Expected: ${known.join(', ') || 'no connection fields'}.`, { toolkit: toolkit.slug, field: name });
    }
  }
  for (const field of toolkit.connection) {
    let value = connection[field.name];
    if ((value === undefined || value === '') && field.default !== undefined) value = connection[field.name] = field.default;
    if (value === undefined || value === '') {
      if (field.required) {
        throw new ToolsmithError('INVALID_OPTIONS',
          `The connection field "${field.name}"${field.label ? ` (${field.label})` : ''} is required for ${toolkit.slug}.`,
          { toolkit: toolkit.slug, field: field.name });
      }
      continue;
    }
    if (field.pattern !== undefined) {
      let pattern: RegExp;
      try { pattern = new RegExp(field.pattern, 'u'); } catch { pattern = new RegExp(field.pattern); }
      if (!pattern.test(value)) {
        throw new ToolsmithError('INVALID_OPTIONS',
          `The connection field "${field.name}" of ${toolkit.slug} must match ${field.pattern}.`, { toolkit: toolkit.slug, field: field.name });
      }
    }
    // Connection values go into URLs and headers: refuse what could change a request's structure.
    if (/[\r\n\0]/.test(value)) {
      throw new ToolsmithError('INVALID_OPTIONS', `The connection field "${field.name}" of ${toolkit.slug} contains a line break or NUL.`,
        { toolkit: toolkit.slug, field: field.name });
    }
  }
  return connection;
}

export function validateScopes(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((scope) => typeof scope !== 'string' || scope === '')) {
    throw new ToolsmithError('INVALID_OPTIONS', `${what} must be an array of non-empty strings.`);
  }
  return [...new Set(value as string[])];
}
