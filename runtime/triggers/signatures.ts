/**
 * Webhook signature verification for the schemes a definition can declare. Every comparison is
 * constant-time over decoded bytes; nothing here logs or returns a secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookSignature } from '../types.js';

export type HeaderLookup = (name: string) => string | undefined;

export type VerifyResult =
  | { readonly ok: true; readonly secretIndex: number; readonly signature: string; readonly timestamp?: number }
  | { readonly ok: false; readonly reason: 'missing-signature' | 'missing-timestamp' | 'malformed' | 'stale' | 'mismatch'; readonly detail: string };

interface VerifyInput {
  readonly spec: WebhookSignature;
  readonly headers: HeaderLookup;
  readonly body: Uint8Array;
  /** Candidate secrets (instance secret, auth config webhook secret); the first that verifies wins. */
  readonly secrets: readonly string[];
  /** Milliseconds since the epoch. */
  readonly now: number;
  /** Value of the definition's event id, for `{id}` in `signedPayload`. */
  readonly eventId?: string;
}

const DEFAULT_TOLERANCE_SECONDS = 300;

export function verifySignature(input: VerifyInput): VerifyResult {
  switch (input.spec.algorithm) {
    case 'hmac-sha256':
    case 'hmac-sha1':
      return verifyPlainHmac(input);
    case 'slack-v0':
      return verifySlack(input);
    case 'stripe':
      return verifyStripe(input);
    case 'standard-webhooks':
      return verifyStandardWebhooks(input);
  }
}

function verifyPlainHmac(input: VerifyInput): VerifyResult {
  const { spec } = input;
  const header = input.headers(spec.header)?.trim();
  if (!header) return fail('missing-signature', `header ${spec.header} is missing`);
  let timestamp: number | undefined;
  let rawTimestamp = '';
  if (spec.timestampHeader) {
    const checked = checkTimestamp(input.headers(spec.timestampHeader), spec.timestampHeader, spec, input.now);
    if (!checked.ok) return checked;
    timestamp = checked.timestamp;
    rawTimestamp = checked.raw;
  }
  if (spec.prefix && !header.startsWith(spec.prefix)) return fail('malformed', `header ${spec.header} does not start with ${spec.prefix}`);
  const provided = decode(header.slice(spec.prefix?.length ?? 0), spec.encoding);
  if (!provided) return fail('malformed', `header ${spec.header} is not ${spec.encoding}`);
  const hash = spec.algorithm === 'hmac-sha1' ? 'sha1' : 'sha256';
  const message = signedMessage(spec.signedPayload, input.body, {
    timestamp: rawTimestamp,
    id: input.eventId ?? '',
  });
  const index = input.secrets.findIndex((secret) => equalBytes(hmac(hash, secret, message), provided));
  return index >= 0 ? { ok: true, secretIndex: index, signature: header, ...(timestamp === undefined ? {} : { timestamp }) }
    : fail('mismatch', `signature in ${spec.header} does not match`);
}

/** Slack: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`. */
function verifySlack(input: VerifyInput): VerifyResult {
  const { spec } = input;
  const timestampHeader = spec.timestampHeader ?? 'X-Slack-Request-Timestamp';
  const header = input.headers(spec.header)?.trim();
  if (!header) return fail('missing-signature', `header ${spec.header} is missing`);
  const checked = checkTimestamp(input.headers(timestampHeader), timestampHeader, spec, input.now);
  if (!checked.ok) return checked;
  const prefix = spec.prefix ?? 'v0=';
  if (!header.startsWith(prefix)) return fail('malformed', `header ${spec.header} does not start with ${prefix}`);
  const provided = decode(header.slice(prefix.length), 'hex');
  if (!provided) return fail('malformed', `header ${spec.header} is not hex`);
  const message = concat(`v0:${checked.raw}:`, input.body);
  const index = input.secrets.findIndex((secret) => equalBytes(hmac('sha256', secret, message), provided));
  return index >= 0 ? { ok: true, secretIndex: index, signature: header, timestamp: checked.timestamp }
    : fail('mismatch', `signature in ${spec.header} does not match`);
}

/** Stripe: `t=<unix>,v1=<hex>[,v1=<hex>…]`, HMAC-SHA256 of `{t}.{body}`; any v1 may match (secret rotation). */
function verifyStripe(input: VerifyInput): VerifyResult {
  const { spec } = input;
  const header = input.headers(spec.header)?.trim();
  if (!header) return fail('missing-signature', `header ${spec.header} is missing`);
  let rawTimestamp: string | undefined;
  const candidates: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') rawTimestamp = value;
    else if (key === 'v1') {
      const bytes = decode(value, 'hex');
      if (bytes) candidates.push(bytes);
    }
  }
  if (rawTimestamp === undefined) return fail('missing-timestamp', `header ${spec.header} has no t= timestamp`);
  if (candidates.length === 0) return fail('malformed', `header ${spec.header} has no v1= signature`);
  const checked = checkTimestamp(rawTimestamp, `${spec.header} t=`, spec, input.now);
  if (!checked.ok) return checked;
  const message = concat(`${rawTimestamp}.`, input.body);
  for (let index = 0; index < input.secrets.length; index++) {
    const expected = hmac('sha256', input.secrets[index]!, message);
    if (candidates.some((candidate) => equalBytes(expected, candidate))) {
      return { ok: true, secretIndex: index, signature: header, timestamp: checked.timestamp };
    }
  }
  return fail('mismatch', `no v1 signature in ${spec.header} matches`);
}

/** Standard Webhooks: `webhook-signature: v1,<base64> …` over `{id}.{timestamp}.{body}`; `whsec_` secrets are base64 keys. */
function verifyStandardWebhooks(input: VerifyInput): VerifyResult {
  const { spec } = input;
  const signatureHeader = spec.header || 'webhook-signature';
  const timestampHeader = spec.timestampHeader ?? 'webhook-timestamp';
  const header = input.headers(signatureHeader)?.trim();
  if (!header) return fail('missing-signature', `header ${signatureHeader} is missing`);
  const id = input.headers('webhook-id');
  if (!id) return fail('malformed', 'header webhook-id is missing');
  const checked = checkTimestamp(input.headers(timestampHeader), timestampHeader, spec, input.now);
  if (!checked.ok) return checked;
  const candidates = header.split(/\s+/)
    .filter((part) => part.startsWith('v1,'))
    .map((part) => decode(part.slice(3), 'base64'))
    .filter((bytes): bytes is Buffer => bytes !== undefined);
  if (candidates.length === 0) return fail('malformed', `header ${signatureHeader} has no v1,<base64> signature`);
  const message = concat(`${id}.${checked.raw}.`, input.body);
  for (let index = 0; index < input.secrets.length; index++) {
    const expected = hmac('sha256', standardWebhooksKey(input.secrets[index]!), message);
    if (candidates.some((candidate) => equalBytes(expected, candidate))) {
      return { ok: true, secretIndex: index, signature: header, timestamp: checked.timestamp };
    }
  }
  return fail('mismatch', `no v1 signature in ${signatureHeader} matches`);
}

/** `whsec_<base64>` secrets are raw key bytes; any other secret is used as UTF-8 text. */
export function standardWebhooksKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
}

function checkTimestamp(raw: string | undefined, where: string, spec: WebhookSignature, now: number):
  { ok: true; timestamp: number; raw: string } | { ok: false; reason: 'missing-timestamp' | 'malformed' | 'stale'; detail: string } {
  if (raw === undefined || raw.trim() === '') return fail('missing-timestamp', `timestamp ${where} is missing`);
  const trimmed = raw.trim();
  // Unix seconds (Slack, Stripe, Standard Webhooks) or an ISO 8601 instant (Zendesk).
  const isoMs = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (!/^\d{1,12}$/.test(trimmed) && Number.isNaN(isoMs)) return fail('malformed', `timestamp ${where} is neither unix seconds nor ISO 8601`);
  const timestamp = Number.isNaN(isoMs) ? Number(trimmed) : Math.floor(isoMs / 1000);
  const tolerance = spec.toleranceSeconds > 0 ? spec.toleranceSeconds : DEFAULT_TOLERANCE_SECONDS;
  const skew = Math.abs(now / 1000 - timestamp);
  if (skew > tolerance) return fail('stale', `timestamp ${where} is ${Math.round(skew)} s away from now (tolerance ${tolerance} s)`);
  return { ok: true, timestamp, raw: trimmed };
}

/** Fills `{body}`, `{timestamp}`, `{id}` in the declared signed-payload template (default: the raw body). */
function signedMessage(template: string | undefined, body: Uint8Array, values: { timestamp: string; id: string }): Buffer {
  if (!template || template === '{body}') return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const parts: Buffer[] = [];
  for (const piece of template.split(/(\{body\}|\{timestamp\}|\{id\})/)) {
    if (piece === '{body}') parts.push(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    else if (piece === '{timestamp}') parts.push(Buffer.from(values.timestamp));
    else if (piece === '{id}') parts.push(Buffer.from(values.id));
    else if (piece) parts.push(Buffer.from(piece));
  }
  return Buffer.concat(parts);
}

function concat(prefix: string, body: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(prefix), Buffer.from(body.buffer, body.byteOffset, body.byteLength)]);
}

function hmac(hash: 'sha1' | 'sha256', key: string | Buffer, message: Buffer): Buffer {
  return createHmac(hash, key).update(message).digest();
}

function decode(text: string, encoding: 'hex' | 'base64'): Buffer | undefined {
  const trimmed = text.trim();
  if (encoding === 'hex') return /^[0-9a-fA-F]+$/.test(trimmed) && trimmed.length % 2 === 0 ? Buffer.from(trimmed, 'hex') : undefined;
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : undefined;
}

function equalBytes(expected: Buffer, provided: Buffer): boolean {
  return expected.length === provided.length && timingSafeEqual(expected, provided);
}

function fail<R extends 'missing-signature' | 'missing-timestamp' | 'malformed' | 'stale' | 'mismatch'>(reason: R, detail: string) {
  return { ok: false as const, reason, detail };
}
