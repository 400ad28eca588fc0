/** `connection:` and `auth:` of a toolkit.yaml → IR connection fields and auth schemes (with defaults). */
import { joinPointer } from '../../diagnostics/positions.js';
import type { IR } from '../../ir/types.js';
import { applyAuthDefaults } from '../auth-defaults.js';
import { authSchemeKinds, type DefinitionKind } from './fields.js';
import { ObjectReader, isPlainObject, type ParseContext } from './reader.js';

export function readConnectionFields(context: ParseContext, raw: unknown[], pointer: string): IR.ConnectionField[] {
  const result: IR.ConnectionField[] = [];
  raw.forEach((item, index) => {
    const reader = new ObjectReader(context, item, joinPointer(pointer, index), 'ConnectionField');
    const name = reader.string('name', true);
    const label = reader.string('label');
    const description = reader.string('description');
    const pattern = reader.string('pattern');
    const defaultValue = reader.string('default');
    const required = reader.boolean('required') ?? defaultValue === undefined;
    reader.finish();
    if (!reader.complete || name === undefined) return;
    result.push({
      name,
      ...(label !== undefined && { label }),
      ...(description !== undefined && { description }),
      ...(pattern !== undefined && { pattern }),
      ...(defaultValue !== undefined && { default: defaultValue }),
      required,
      origin: reader.origin,
    });
  });
  return result;
}

function readCredentialFields(context: ParseContext, raw: unknown[], pointer: string): IR.CredentialField[] {
  const result: IR.CredentialField[] = [];
  raw.forEach((item, index) => {
    const reader = new ObjectReader(context, item, joinPointer(pointer, index), 'CredentialField');
    const name = reader.string('name', true);
    const label = reader.string('label');
    const description = reader.string('description');
    const secret = reader.boolean('secret') ?? true;
    const defaultValue = reader.string('default');
    const required = reader.boolean('required') ?? defaultValue === undefined;
    reader.finish();
    if (!reader.complete || name === undefined) return;
    result.push({
      name,
      ...(label !== undefined && { label }),
      ...(description !== undefined && { description }),
      secret,
      required,
      ...(defaultValue !== undefined && { default: defaultValue }),
      origin: reader.origin,
    });
  });
  return result;
}

function readInjectRules(context: ParseContext, raw: unknown[], pointer: string): IR.InjectRule[] {
  const result: IR.InjectRule[] = [];
  raw.forEach((item, index) => {
    const reader = new ObjectReader(context, item, joinPointer(pointer, index), 'InjectRule');
    const location = reader.oneOf('in', ['header', 'query', 'cookie'] as const, true);
    const name = reader.string('name', true);
    const value = reader.string('value', true);
    reader.finish();
    if (!reader.complete || location === undefined || name === undefined || value === undefined) return;
    result.push({ in: location, name, value, origin: reader.origin });
  });
  return result;
}

const schemeKinds: Record<IR.AuthSchemeKind, DefinitionKind> = {
  oauth2: 'AuthOAuth2',
  api_key: 'AuthApiKey',
  bearer: 'AuthBearer',
  basic: 'AuthBasic',
  none: 'AuthNone',
  custom: 'AuthCustom',
};

export function readAuthSchemes(context: ParseContext, raw: unknown[], pointer: string): IR.AuthScheme[] {
  const result: IR.AuthScheme[] = [];
  raw.forEach((item, index) => {
    const itemPointer = joinPointer(pointer, index);
    const schemeName = isPlainObject(item) ? item['scheme'] : undefined;
    const kind = (authSchemeKinds as readonly unknown[]).includes(schemeName) ? (schemeName as IR.AuthSchemeKind) : undefined;
    const reader = new ObjectReader(context, item, itemPointer, kind ? schemeKinds[kind] : 'AuthCustom');
    if (!reader.complete) return;
    if (!kind) {
      // Reports the missing or invalid `scheme` with the list of valid names.
      reader.oneOf('scheme', authSchemeKinds, true);
      return;
    }
    const scheme = readScheme(reader, kind);
    reader.finish();
    if (scheme && reader.complete) result.push(scheme);
  });
  return result;
}

function readScheme(reader: ObjectReader, kind: IR.AuthSchemeKind): IR.AuthScheme | undefined {
  const { context } = reader;
  const label = reader.string('label');
  const description = reader.string('description');
  let writtenFields: IR.CredentialField[] | undefined;
  let writtenInject: IR.InjectRule[] | undefined;
  if (kind !== 'none') {
    const fields = reader.list('fields');
    if (fields) writtenFields = readCredentialFields(context, fields, reader.at('fields'));
    const inject = reader.list('inject');
    if (inject) writtenInject = readInjectRules(context, inject, reader.at('inject'));
  }
  const { fields, inject } = applyAuthDefaults(kind, { fields: writtenFields, inject: writtenInject }, reader.origin);
  const base = {
    ...(label !== undefined && { label }),
    ...(description !== undefined && { description }),
    fields,
    inject,
    origin: reader.origin,
  };
  if (kind !== 'oauth2') return { kind, ...base };

  const grant = reader.oneOf('grant', ['authorization_code', 'client_credentials'] as const) ?? 'authorization_code';
  const authorizationUrl = reader.string('authorizationUrl');
  const tokenUrl = reader.string('tokenUrl', true);
  const refreshUrl = reader.string('refreshUrl');
  const revocationUrl = reader.string('revocationUrl');
  const scopes = readScopes(reader);
  const defaultScopes = reader.stringList('defaultScopes') ?? [];
  if (tokenUrl === undefined) return undefined;
  return {
    kind,
    ...base,
    grant,
    ...(authorizationUrl !== undefined && { authorizationUrl }),
    tokenUrl,
    ...(refreshUrl !== undefined && { refreshUrl }),
    ...(revocationUrl !== undefined && { revocationUrl }),
    pkce: reader.boolean('pkce') ?? false,
    scopeSeparator: reader.string('scopeSeparator') ?? ' ',
    scopes,
    defaultScopes,
    authorizationParams: reader.stringRecord('authorizationParams') ?? {},
    tokenAuthMethod:
      reader.oneOf('tokenAuthMethod', ['client_secret_basic', 'client_secret_post'] as const) ?? 'client_secret_post',
  };
}

/** `scopes` is a mapping of name → description; a plain list of names is accepted too. */
function readScopes(reader: ObjectReader): Record<string, string> {
  const raw = reader.raw('scopes');
  if (raw === undefined) return {};
  if (Array.isArray(raw)) {
    const list = reader.stringList('scopes') ?? [];
    return Object.fromEntries(list.map((name) => [name, '']));
  }
  return reader.stringRecord('scopes') ?? {};
}
