/**
 * Redaction helpers: what may leave the process about a credential is its field name, never its value.
 */
import type { AuthScheme } from '../types.js';

export const REDACTED = '[redacted]';

/** Credential fields that are never secret whatever the scheme says. */
const PUBLIC_FIELDS = new Set(['expires_at', 'scope', 'token_type', 'client_id', 'username']);

/** True when a credential field must be hidden (unknown fields are treated as secret). */
export function isSecretField(scheme: AuthScheme | undefined, name: string): boolean {
  const field = scheme?.fields.find((candidate) => candidate.name === name);
  if (field) return field.secret;
  return !PUBLIC_FIELDS.has(name);
}

/** The credential field names that are not secret under `scheme`: its declared public fields and the usual public names. */
export function publicFieldNames(scheme: AuthScheme | undefined): string[] {
  const names = new Set<string>();
  for (const name of PUBLIC_FIELDS) if (!isSecretField(scheme, name)) names.add(name);
  for (const field of scheme?.fields ?? []) if (!field.secret) names.add(field.name);
  return [...names].sort();
}

/** Credentials with every secret value replaced by `[redacted]`. */
export function redactCredentials(
  credentials: Readonly<Record<string, string>>,
  scheme: AuthScheme | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(credentials)) out[name] = isSecretField(scheme, name) ? REDACTED : value;
  return out;
}

/** Removes known secret values from a text (e.g. a token endpoint's error body that echoes a token). */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** A short, safe excerpt of an untrusted body for an error message. */
export function excerpt(text: string, secrets: Iterable<string | undefined> = [], max = 300): string {
  const clean = scrubSecrets(text, secrets).replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** A stored account record safe to log: every secret credential value replaced by `[redacted]`. */
export function redactAccountRecord<T extends { readonly credentials: Readonly<Record<string, string>> }>(
  record: T,
  scheme: AuthScheme | undefined,
): T {
  return { ...record, credentials: redactCredentials(record.credentials, scheme) };
}
