/**
 * How the senders sign, written from their public docs and independently of runtime/triggers/signatures.ts,
 * so a verification bug cannot hide behind a matching signing bug.
 */
import { createHmac } from 'node:crypto';

/** GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`. */
export function githubHeaders(secret: string, body: string, delivery: string, event = 'star'): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': delivery,
    'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
  };
}

/** Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:{ts}:{body}">`, `X-Slack-Request-Timestamp: {ts}`. */
export function slackHeaders(secret: string, body: string, timestampSeconds: number): Record<string, string> {
  const base = `v0:${timestampSeconds}:${body}`;
  return {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': `v0=${createHmac('sha256', secret).update(base).digest('hex')}`,
  };
}

/** Stripe: `Stripe-Signature: t={ts},v1=<hex HMAC-SHA256 of "{ts}.{body}">` (extra v1 values allowed). */
export function stripeHeaders(secrets: readonly string[], body: string, timestampSeconds: number): Record<string, string> {
  const parts = [`t=${timestampSeconds}`, ...secrets.map((secret) => `v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`)];
  return { 'content-type': 'application/json', 'stripe-signature': parts.join(',') };
}

/** Standard Webhooks: key = base64-decoded `whsec_` secret; `webhook-signature: v1,<base64 HMAC of "{id}.{ts}.{body}">`. */
export function standardWebhookHeaders(secret: string, body: string, id: string, timestampSeconds: number): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${Buffer.from('not-the-signature').toString('base64')} v1,${signature}`,
  };
}
