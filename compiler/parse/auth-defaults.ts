/**
 * What each auth scheme means when the definition does not say: its credential fields and where
 * they go on each request. Shared by the YAML parser and the OpenAPI importer.
 *
 * - oauth2: fields access_token, refresh_token, expires_at, scope (always present, written fields
 *   are added or override these by name); `Authorization: Bearer {{credentials.access_token}}`.
 * - bearer: field `token`; `Authorization: Bearer {{credentials.<first field>}}`.
 * - basic: fields `username`, `password`; `Authorization: Basic {{base64 credentials.username ':' credentials.password}}`.
 * - api_key: field `api_key`; header `X-API-Key: {{credentials.<first field>}}`.
 * - none: nothing. custom: exactly as written.
 * Written `fields` replace the defaults (except oauth2, see above); written `inject` always wins.
 */
import type { IR } from '../ir/types.js';

type Field = Omit<IR.CredentialField, 'origin'>;

const oauth2Fields: readonly Field[] = [
  { name: 'access_token', label: 'Access token', secret: true, required: true },
  { name: 'refresh_token', label: 'Refresh token', secret: true, required: false },
  { name: 'expires_at', label: 'Expiry time (ISO 8601 or epoch seconds)', secret: false, required: false },
  { name: 'scope', label: 'Granted scopes', secret: false, required: false },
];

const defaultFields: Record<IR.AuthSchemeKind, readonly Field[]> = {
  oauth2: oauth2Fields,
  bearer: [{ name: 'token', label: 'Token', secret: true, required: true }],
  basic: [
    { name: 'username', label: 'Username', secret: false, required: true },
    { name: 'password', label: 'Password', secret: true, required: true },
  ],
  api_key: [{ name: 'api_key', label: 'API key', secret: true, required: true }],
  none: [],
  custom: [],
};

export function defaultCredentialFields(kind: IR.AuthSchemeKind, origin: IR.Origin): IR.CredentialField[] {
  return defaultFields[kind].map((field) => ({ ...field, origin }));
}

export function defaultInjectRules(
  kind: IR.AuthSchemeKind,
  fields: readonly IR.CredentialField[],
  origin: IR.Origin,
): IR.InjectRule[] {
  const first = fields[0]?.name;
  switch (kind) {
    case 'oauth2':
      return [{ in: 'header', name: 'Authorization', value: 'Bearer {{credentials.access_token}}', origin }];
    case 'bearer':
      return [{ in: 'header', name: 'Authorization', value: `Bearer {{credentials.${first ?? 'token'}}}`, origin }];
    case 'basic':
      return [
        {
          in: 'header',
          name: 'Authorization',
          value: "Basic {{base64 credentials.username ':' credentials.password}}",
          origin,
        },
      ];
    case 'api_key':
      return [{ in: 'header', name: 'X-API-Key', value: `{{credentials.${first ?? 'api_key'}}}`, origin }];
    case 'none':
    case 'custom':
      return [];
  }
}

/** Fills `fields` and `inject` of a scheme from what was written (undefined = not written). */
export function applyAuthDefaults(
  kind: IR.AuthSchemeKind,
  written: { readonly fields?: readonly IR.CredentialField[]; readonly inject?: readonly IR.InjectRule[] },
  origin: IR.Origin,
): { fields: IR.CredentialField[]; inject: IR.InjectRule[] } {
  let fields: IR.CredentialField[];
  if (kind === 'oauth2') {
    const writtenNames = new Set((written.fields ?? []).map((field) => field.name));
    fields = [
      ...defaultCredentialFields(kind, origin).filter((field) => !writtenNames.has(field.name)),
      ...(written.fields ?? []),
    ];
  } else {
    fields = written.fields ? [...written.fields] : defaultCredentialFields(kind, origin);
  }
  const inject = written.inject ? [...written.inject] : defaultInjectRules(kind, fields, origin);
  return { fields, inject };
}
