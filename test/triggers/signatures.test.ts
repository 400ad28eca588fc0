/** verifySignature for the plain HMAC variants (SHA-1, base64, prefixes, signed-payload templates, ISO timestamps). */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySignature } from '../../runtime/triggers/signatures.js';
import type { WebhookSignature } from '../../runtime/types.js';

const now = Date.UTC(2026, 4, 1, 12, 0, 0);
const body = Buffer.from('{"id":1,"type":"thing.created"}');
const headersOf = (values: Record<string, string>) => (name: string) => values[name.toLowerCase()];

describe('plain HMAC signatures', () => {
  it('hmac-sha1, hex, with a sha1= prefix (GitHub legacy X-Hub-Signature)', () => {
    const spec: WebhookSignature = { algorithm: 'hmac-sha1', header: 'X-Hub-Signature', encoding: 'hex', prefix: 'sha1=', toleranceSeconds: 0 };
    const signature = `sha1=${createHmac('sha1', 'k1').update(body).digest('hex')}`;
    expect(verifySignature({ spec, headers: headersOf({ 'x-hub-signature': signature }), body, secrets: ['other', 'k1'], now })).toMatchObject({ ok: true, secretIndex: 1 });
    expect(verifySignature({ spec, headers: headersOf({ 'x-hub-signature': signature.slice(5) }), body, secrets: ['k1'], now })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifySignature({ spec, headers: headersOf({ 'x-hub-signature': signature }), body, secrets: ['k2'], now })).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifySignature({ spec, headers: headersOf({}), body, secrets: ['k1'], now })).toMatchObject({ ok: false, reason: 'missing-signature' });
  });

  it('hmac-sha256, base64, over "{timestamp}{body}" with an ISO 8601 timestamp header (Zendesk)', () => {
    const spec: WebhookSignature = { algorithm: 'hmac-sha256', header: 'X-Zendesk-Webhook-Signature', encoding: 'base64',
      timestampHeader: 'X-Zendesk-Webhook-Signature-Timestamp', signedPayload: '{timestamp}{body}', toleranceSeconds: 300 };
    const sign = (timestamp: string) => ({
      'x-zendesk-webhook-signature': createHmac('sha256', 'zk').update(timestamp + body.toString()).digest('base64'),
      'x-zendesk-webhook-signature-timestamp': timestamp,
    });
    const fresh = '2026-05-01T11:58:00Z';
    expect(verifySignature({ spec, headers: headersOf(sign(fresh)), body, secrets: ['zk'], now })).toMatchObject({ ok: true });
    expect(verifySignature({ spec, headers: headersOf(sign('2026-05-01T11:00:00Z')), body, secrets: ['zk'], now })).toMatchObject({ ok: false, reason: 'stale' });
    expect(verifySignature({ spec, headers: headersOf({ ...sign(fresh), 'x-zendesk-webhook-signature-timestamp': '2026-05-01T11:58:01Z' }), body, secrets: ['zk'], now }))
      .toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifySignature({ spec, headers: headersOf({ ...sign(fresh), 'x-zendesk-webhook-signature-timestamp': 'yesterday' }), body, secrets: ['zk'], now }))
      .toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('never reports a secret in its result', () => {
    const spec: WebhookSignature = { algorithm: 'hmac-sha256', header: 'X-Sig', encoding: 'hex', toleranceSeconds: 0 };
    const result = verifySignature({ spec, headers: headersOf({ 'x-sig': 'ab'.repeat(32) }), body, secrets: ['super-secret-value'], now });
    expect(JSON.stringify(result)).not.toContain('super-secret-value');
  });
});
