/**
 * The webhook receiver, independent of the HTTP flavour: route → parse → match → verify →
 * validate → replay check → persist and deliver. Adapters for WHATWG and Node requests live in `http.ts`.
 */
import type { CompiledToolkit, CompiledTrigger, TriggerEvent } from '../types.js';
import type { Store } from '../store/types.js';
import type { Delivery } from './delivery.js';
import type { InstanceStore } from './instances.js';
import { matchesRules, readEventId } from './match.js';
import { verifySignature, type HeaderLookup } from './signatures.js';
import { Collections, type Clock, type TriggerInstance, type TriggerLogger } from './types.js';
import { errorMessage, eventIdFor, readPointer, sha256Hex } from './util.js';

export interface WebhookInput {
  readonly method: string;
  readonly path: string;
  readonly headers: HeaderLookup;
  readonly body: Uint8Array;
}

/** Which toolkit or instance a request is for, when the caller routes it itself. */
export type WebhookRoute = { readonly toolkit: string } | { readonly triggerId: string };

export interface WebhookReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

interface ReceiverDeps {
  readonly toolkits: ReadonlyMap<string, CompiledToolkit>;
  readonly triggers: ReadonlyMap<string, CompiledTrigger>;
  readonly instances: InstanceStore;
  readonly delivery: Delivery;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: TriggerLogger;
  readonly basePath: string;
  readonly replayTtlMs: number;
}

const reply = (status: number, body: Record<string, unknown>): WebhookReply => ({ status, body });
const rejection = (status: number, error: string, message: string) => reply(status, { error, message });

export class WebhookReceiver {
  constructor(private readonly deps: ReceiverDeps) {}

  /** Never throws: a store failure becomes a 500 the sender will retry. */
  async receive(input: WebhookInput, explicitRoute?: WebhookRoute): Promise<WebhookReply> {
    try {
      return await this.#receive(input, explicitRoute);
    } catch (error) {
      this.deps.logger.warn('webhook could not be processed', { path: input.path.split('?')[0], error: errorMessage(error) });
      return rejection(500, 'internal_error', 'the webhook could not be processed; retry later');
    }
  }

  async #receive(input: WebhookInput, explicitRoute?: WebhookRoute): Promise<WebhookReply> {
    if (input.method.toUpperCase() !== 'POST') return rejection(405, 'method_not_allowed', 'webhooks are received with POST');
    const route = explicitRoute ?? this.#route(input.path);
    if (!route) return rejection(404, 'not_found', `no webhook route at ${input.path}; use ${this.deps.basePath}/<toolkit> or ${this.deps.basePath}/<triggerId>`);

    let snapshot = await this.deps.instances.snapshot();
    let toolkit: string;
    let routedInstance: TriggerInstance | undefined;
    if ('triggerId' in route) {
      routedInstance = snapshot.byId.get(route.triggerId);
      if (routedInstance?.status !== 'ACTIVE' && route.triggerId.startsWith('ti_')) {
        // Not in the cache as active: it may have just been created or enabled by another process. One keyed read.
        const stored = await this.deps.instances.get(route.triggerId);
        if (stored && stored.status !== routedInstance?.status) this.deps.instances.invalidate();
        routedInstance = stored;
      }
      if (!routedInstance || routedInstance.status !== 'ACTIVE') return rejection(404, 'not_found', 'no active trigger instance at this route');
      toolkit = routedInstance.toolkit;
    } else {
      if (!this.deps.toolkits.has(route.toolkit)) return rejection(404, 'not_found', `unknown toolkit ${route.toolkit}`);
      toolkit = route.toolkit;
    }
    const candidates = this.#webhookTriggers(toolkit, routedInstance);
    if (candidates.length === 0) return rejection(404, 'not_found', `toolkit ${toolkit} has no webhook triggers`);

    let json: unknown;
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(input.body);
      if (text.trim() === '') return rejection(400, 'malformed_body', 'body is empty; expected JSON');
      json = JSON.parse(text);
    } catch (error) {
      return rejection(400, 'malformed_body', `body is not valid JSON (${errorMessage(error)})`);
    }

    const challenge = await this.#answerChallenge(input, json, candidates, snapshot.activeBySlug, routedInstance);
    if (challenge) return challenge;

    const matched = candidates.filter((trigger) => matchesRules(trigger.webhook?.match ?? [], input.headers, json));
    if (matched.length === 0) return reply(202, { ignored: true, message: 'no trigger of this toolkit matches the event' });
    if (!routedInstance && matched.every((trigger) => !snapshot.activeBySlug.get(trigger.slug)?.length)) {
      snapshot = await this.deps.instances.snapshot(true);
    }

    const accepted: Array<{ trigger: CompiledTrigger; instance: TriggerInstance; sourceId: string; payload: unknown }> = [];
    let lastFailure: WebhookReply | undefined;
    let sawInstance = false;
    const seenKeys = new Map<string, number>();
    for (const trigger of matched) {
      const instances = routedInstance ? [routedInstance] : snapshot.activeBySlug.get(trigger.slug) ?? [];
      if (instances.length === 0) continue;
      sawInstance = true;
      const eventId = readEventId(trigger.webhook?.eventId ?? defaultEventId(trigger), input.headers, json);
      const verified = await this.#verify(trigger, instances, input, eventId);
      if (!verified.ok) {
        lastFailure = verified.reply;
        continue;
      }
      const parsed = trigger.payload.safeParse(json);
      if (!parsed.success) {
        const reason = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
        this.deps.logger.warn('webhook payload failed its schema; not delivered', { triggerSlug: trigger.slug, reason });
        lastFailure = rejection(422, 'payload_invalid', `payload does not match ${trigger.slug}: ${reason}`);
        continue;
      }
      const sourceId = eventId ?? verified.signature ?? sha256Hex(input.body);
      seenKeys.set(`${toolkit}:${sourceId}`, verified.ttlMs);
      for (const instance of verified.instances) {
        if (instance.filters && !matchesRules(instance.filters, input.headers, json)) continue;
        accepted.push({ trigger, instance, sourceId, payload: parsed.data });
      }
    }
    if (!sawInstance) return reply(202, { ignored: true, message: 'no active trigger instance for this event' });
    if (accepted.length === 0 && lastFailure) return lastFailure;
    if (accepted.length === 0) return reply(202, { ignored: true, message: 'no instance filter matches the event' });

    const marked: string[] = [];
    for (const [key, ttlMs] of seenKeys) {
      const fresh = await this.deps.store.records.putIfAbsent(Collections.seen, key, this.deps.clock.now(), { ttlMs });
      if (!fresh) {
        await this.#unmark(marked);
        this.deps.logger.warn('webhook replay rejected', { toolkit });
        return rejection(409, 'replay', 'this event was already received');
      }
      marked.push(key);
    }
    const receivedAt = new Date(this.deps.clock.now()).toISOString();
    const events: TriggerEvent[] = accepted.map(({ trigger, instance, sourceId, payload }) => ({
      id: eventIdFor(instance.id, sourceId),
      triggerSlug: trigger.slug,
      toolkit,
      triggerId: instance.id,
      userId: instance.userId,
      ...(instance.connectedAccountId === undefined ? {} : { connectedAccountId: instance.connectedAccountId }),
      payload,
      receivedAt,
      attempt: 1,
    }));
    try {
      await this.deps.delivery.enqueue(events);
    } catch (error) {
      await this.#unmark(marked);
      this.deps.logger.warn('could not persist webhook events', { toolkit, error: errorMessage(error) });
      return rejection(500, 'store_error', 'the event could not be stored; retry later');
    }
    return reply(200, { received: events.length });
  }

  #route(path: string): WebhookRoute | undefined {
    const base = this.deps.basePath.replace(/\/+$/, '');
    const pathname = path.split('?')[0] ?? '';
    if (!pathname.startsWith(`${base}/`)) return undefined;
    const segment = decodeURIComponent(pathname.slice(base.length + 1).replace(/\/+$/, ''));
    if (!segment || segment.includes('/')) return undefined;
    return segment.startsWith('ti_') ? { triggerId: segment } : { toolkit: segment };
  }

  #webhookTriggers(toolkit: string, routed: TriggerInstance | undefined): CompiledTrigger[] {
    if (routed) {
      const trigger = this.deps.triggers.get(routed.triggerSlug);
      return trigger?.type === 'webhook' && trigger.webhook ? [trigger] : [];
    }
    return (this.deps.toolkits.get(toolkit)?.triggers ?? []).filter((trigger) => trigger.type === 'webhook' && trigger.webhook);
  }

  /** Slack-style URL verification: answer `challenge` once the request is proven to come from the app. */
  async #answerChallenge(input: WebhookInput, json: unknown, candidates: readonly CompiledTrigger[],
    active: ReadonlyMap<string, readonly TriggerInstance[]>, routed: TriggerInstance | undefined): Promise<WebhookReply | undefined> {
    const trigger = candidates.find((candidate) => {
      const spec = candidate.webhook?.challenge;
      return spec !== undefined && readPointer(json, 'type') === spec.type;
    });
    const spec = trigger?.webhook?.challenge;
    if (!trigger || !spec) return undefined;
    const value = readPointer(json, spec.field);
    if (typeof value !== 'string') return rejection(400, 'malformed_body', `challenge request has no string ${spec.field}`);
    if (trigger.webhook?.signature) {
      const instances = routed ? [routed] : candidates.flatMap((candidate) => active.get(candidate.slug) ?? []);
      const secrets = new Set(await this.#secretsFor(trigger.toolkit, instances));
      for (const secret of await this.deps.instances.toolkitSecrets(trigger.toolkit)) secrets.add(secret);
      const result = verifySignature({ spec: trigger.webhook.signature, headers: input.headers, body: input.body, secrets: [...secrets], now: this.deps.clock.now() });
      if (!result.ok) return rejection(401, 'signature_invalid', `url verification rejected: ${result.detail}`);
    }
    return reply(200, { challenge: value });
  }

  async #verify(trigger: CompiledTrigger, instances: readonly TriggerInstance[], input: WebhookInput, eventId: string | undefined):
    Promise<{ ok: true; instances: TriggerInstance[]; signature?: string; ttlMs: number } | { ok: false; reply: WebhookReply }> {
    const spec = trigger.webhook?.signature;
    if (!spec) return { ok: true, instances: [...instances], ttlMs: this.deps.replayTtlMs };
    const perInstance = await Promise.all(instances.map(async (instance) => ({ instance, secrets: await this.#secretsFor(trigger.toolkit, [instance]) })));
    const distinct = [...new Set(perInstance.flatMap((entry) => entry.secrets))];
    if (distinct.length === 0) return { ok: false, reply: rejection(401, 'signature_invalid', 'no signing secret is configured for this trigger') };
    const result = verifySignature({ spec, headers: input.headers, body: input.body, secrets: distinct, now: this.deps.clock.now(), ...(eventId === undefined ? {} : { eventId }) });
    if (!result.ok) {
      this.deps.logger.warn('webhook signature rejected', { triggerSlug: trigger.slug, reason: result.reason, detail: result.detail });
      const message = result.reason === 'stale' ? `timestamp outside the tolerance window: ${result.detail}` : `signature rejected: ${result.detail}`;
      return { ok: false, reply: rejection(401, result.reason === 'stale' ? 'timestamp_stale' : 'signature_invalid', message) };
    }
    const secret = distinct[result.secretIndex];
    const verified = perInstance.filter((entry) => secret !== undefined && entry.secrets.includes(secret)).map((entry) => entry.instance);
    // Timestamped schemes reject stale requests anyway, so the seen-signature memory only needs to outlive the window.
    const ttlMs = result.timestamp !== undefined && eventId === undefined ? (spec.toleranceSeconds || 300) * 2000 + 60_000 : this.deps.replayTtlMs;
    return { ok: true, instances: verified, signature: result.signature, ttlMs };
  }

  async #secretsFor(toolkit: string, instances: readonly TriggerInstance[]): Promise<string[]> {
    const secrets: string[] = [];
    for (const instance of instances) {
      if (instance.hasSecret) {
        const own = await this.deps.instances.secretOf(instance.id);
        if (own) secrets.push(own);
      }
      if (instance.authConfigId) {
        const shared = await this.deps.instances.authConfigSecret(instance.authConfigId);
        if (shared) secrets.push(shared);
      }
      if (!instance.hasSecret && !instance.authConfigId) secrets.push(...await this.deps.instances.toolkitSecrets(toolkit));
    }
    return secrets;
  }

  async #unmark(keys: readonly string[]): Promise<void> {
    for (const key of keys) await this.deps.store.records.delete(Collections.seen, key).catch(() => false);
  }
}

/** Standard Webhooks carry their own id header; use it when the definition names none. */
function defaultEventId(trigger: CompiledTrigger): string | undefined {
  return trigger.webhook?.signature?.algorithm === 'standard-webhooks' ? 'header:webhook-id' : undefined;
}
