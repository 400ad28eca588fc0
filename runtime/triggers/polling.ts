/**
 * The poll scheduler. Each active poll instance is called at its trigger's interval through the Toolsmith's
 * `tools.execute` (so credentials, refresh and retries are the executor's), items are read at `itemsPath`,
 * deduplicated by `dedupeKey`, and new ones become events. The seen keys live in `trigger_poll_state`
 * and move only after the events are persisted, so a restart neither replays nor loses items.
 * The first successful poll of an instance records a baseline and emits nothing.
 */
import type { CompiledTrigger, TriggerEvent } from '../types.js';
import type { Store } from '../store/types.js';
import type { Delivery } from './delivery.js';
import type { InstanceStore } from './instances.js';
import { Collections, type Clock, type ExecuteTool, type TriggerInstance, type TriggerLogger } from './types.js';
import { matchesRules } from './match.js';
import { errorMessage, eventIdFor, readPointer } from './util.js';

export interface PollState {
  readonly initialized: boolean;
  /** Dedupe keys already seen, newest first, capped. */
  readonly seen: readonly string[];
  /** Epoch ms of the next poll. */
  readonly nextPollAt: number;
  readonly failures: number;
  readonly lastError?: string;
  readonly lastPolledAt?: string;
}

export interface PollOutcome {
  readonly triggerId: string;
  readonly ok: boolean;
  readonly emitted: number;
  readonly error?: string;
}

interface PollDeps {
  readonly store: Store;
  readonly instances: InstanceStore;
  readonly triggers: ReadonlyMap<string, CompiledTrigger>;
  readonly delivery: Delivery;
  readonly clock: Clock;
  readonly logger: TriggerLogger;
  readonly executeTool: ExecuteTool | undefined;
  readonly tickMs: number;
  readonly maxBackoffMs: number;
}

const SEEN_MINIMUM = 1000;
/** Longest a poll may hold its lease (a crashed poller's lease expires). */
const LEASE_MS = 5 * 60_000;

export class PollScheduler {
  #timer: unknown;
  #running = false;
  #ticking: Promise<PollOutcome[]> | undefined;
  /** Polls in progress by instance id; a second request for the same instance joins the first. */
  readonly #busy = new Map<string, Promise<PollOutcome | undefined>>();

  constructor(private readonly deps: PollDeps) {}

  get running(): boolean { return this.#running; }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops scheduling and waits for polls in progress (their results are persisted). */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== undefined) this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#ticking) await this.#ticking.catch(() => []);
    await Promise.allSettled([...this.#busy.values()]);
  }

  /** Polls every active poll instance that is due now (by the injected clock). */
  async tick(): Promise<PollOutcome[]> {
    const run = this.#runDue();
    this.#ticking = run;
    try { return await run; } finally { if (this.#ticking === run) this.#ticking = undefined; }
  }

  /** Polls one instance now, whatever its schedule. */
  async pollNow(triggerId: string): Promise<PollOutcome> {
    const instance = await this.deps.instances.require(triggerId);
    return (await this.#poll(instance, true)) ?? { triggerId, ok: false, emitted: 0, error: 'another process is polling this trigger now' };
  }

  #schedule(delay: number): void {
    if (!this.#running) return;
    this.#timer = this.deps.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.tick().catch((error) => this.deps.logger.warn('poll tick failed', { error: errorMessage(error) }))
        .finally(() => this.#schedule(this.deps.tickMs));
    }, delay);
  }

  async #runDue(): Promise<PollOutcome[]> {
    const snapshot = await this.deps.instances.snapshot();
    const due: Array<Promise<PollOutcome | undefined>> = [];
    for (const instances of snapshot.activeBySlug.values()) {
      for (const instance of instances) {
        if (this.deps.triggers.get(instance.triggerSlug)?.type === 'poll') due.push(this.#poll(instance, false));
      }
    }
    // One failing account never stops the others: every poll settles on its own.
    const outcomes = await Promise.all(due);
    return outcomes.filter((outcome): outcome is PollOutcome => outcome !== undefined);
  }

  async #state(triggerId: string): Promise<PollState> {
    return (await this.deps.store.records.get<PollState>(Collections.pollState, triggerId))
      ?? { initialized: false, seen: [], nextPollAt: 0, failures: 0 };
  }

  /** Single flight per instance; undefined when not due (unless forced) or another process holds the lease. */
  #poll(instance: TriggerInstance, force: boolean): Promise<PollOutcome | undefined> {
    const inProgress = this.#busy.get(instance.id);
    if (inProgress) return inProgress;
    const run = this.#leased(instance, force).finally(() => this.#busy.delete(instance.id));
    this.#busy.set(instance.id, run);
    return run;
  }

  /** A lease in the store keeps two processes sharing it from polling the same instance at once. */
  async #leased(instance: TriggerInstance, force: boolean): Promise<PollOutcome | undefined> {
    const state = await this.#state(instance.id);
    if (!force && state.nextPollAt > this.deps.clock.now()) return undefined;
    const lease = await this.deps.store.records.putIfAbsent(Collections.pollLease, instance.id, { at: this.deps.clock.now() }, { ttlMs: LEASE_MS });
    if (!lease) return undefined;
    try {
      // Read again under the lease: another process may have polled since.
      const fresh = await this.#state(instance.id);
      if (!force && fresh.nextPollAt > this.deps.clock.now()) return undefined;
      return await this.#pollOnce(instance, fresh);
    } finally {
      await this.deps.store.records.delete(Collections.pollLease, instance.id).catch(() => false);
    }
  }

  async #pollOnce(instance: TriggerInstance, state: PollState): Promise<PollOutcome> {
    const trigger = this.deps.triggers.get(instance.triggerSlug);
    if (!trigger?.poll) return { triggerId: instance.id, ok: false, emitted: 0, error: `${instance.triggerSlug} is not a poll trigger` };
    const intervalMs = Math.max(1, trigger.poll.intervalSeconds) * 1000;
    try {
      const items = await this.#fetchItems(trigger, instance);
      const fresh: Array<{ key: string; item: unknown }> = [];
      const known = new Set(state.seen);
      const keys: string[] = [];
      for (const item of items) {
        const raw = readPointer(item, trigger.poll.dedupeKey);
        if (raw === undefined || raw === null || typeof raw === 'object') {
          this.deps.logger.warn('poll item has no usable dedupe key; skipped', { triggerId: instance.id, dedupeKey: trigger.poll.dedupeKey });
          continue;
        }
        const key = String(raw);
        keys.push(key);
        if (!known.has(key)) {
          known.add(key);
          fresh.push({ key, item });
        }
      }
      const events: TriggerEvent[] = [];
      if (state.initialized) {
        const receivedAt = new Date(this.deps.clock.now()).toISOString();
        for (const { key, item } of fresh) {
          if (instance.filters && !matchesRules(instance.filters, () => undefined, item)) continue;
          const parsed = trigger.payload.safeParse(item);
          if (!parsed.success) {
            const reason = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
            this.deps.logger.warn('poll item failed its payload schema; not delivered', { triggerId: instance.id, key, reason });
            continue;
          }
          events.push({
            id: eventIdFor(instance.id, key), triggerSlug: trigger.slug, toolkit: trigger.toolkit, triggerId: instance.id,
            userId: instance.userId, ...(instance.connectedAccountId === undefined ? {} : { connectedAccountId: instance.connectedAccountId }),
            payload: parsed.data, receivedAt, attempt: 1,
          });
        }
        // Persist the events before the cursor moves: a crash here means redelivery, never loss.
        await this.deps.delivery.enqueue(events);
      }
      const limit = Math.max(SEEN_MINIMUM, keys.length * 2);
      const seen = [...fresh.map((entry) => entry.key).reverse(), ...state.seen].slice(0, limit);
      await this.#save(instance.id, { initialized: true, seen, nextPollAt: this.deps.clock.now() + intervalMs, failures: 0, lastPolledAt: new Date(this.deps.clock.now()).toISOString() });
      return { triggerId: instance.id, ok: true, emitted: events.length };
    } catch (error) {
      const failures = state.failures + 1;
      const delay = Math.min(intervalMs * 2 ** failures, Math.max(this.deps.maxBackoffMs, intervalMs));
      const message = errorMessage(error);
      this.deps.logger.warn('poll failed; backing off', { triggerId: instance.id, failures, retryInMs: delay, error: message });
      await this.#save(instance.id, { ...state, failures, lastError: message, nextPollAt: this.deps.clock.now() + delay }).catch(() => {});
      return { triggerId: instance.id, ok: false, emitted: 0, error: message };
    }
  }

  async #fetchItems(trigger: CompiledTrigger, instance: TriggerInstance): Promise<unknown[]> {
    const poll = trigger.poll!;
    if (!this.deps.executeTool) throw new Error('polling needs the Toolsmith tools.execute (no executeTool was given to triggers)');
    const result = await this.deps.executeTool(poll.tool, {
      userId: instance.userId,
      ...(instance.connectedAccountId === undefined ? {} : { connectedAccountId: instance.connectedAccountId }),
      arguments: renderArguments(poll.arguments, instance.config),
    });
    if (!result.successful) throw new Error(`${poll.tool} failed${result.status ? ` (HTTP ${result.status})` : ''}: ${result.error ?? 'unknown error'}`);
    const items = poll.itemsPath ? readPointer(result.data, poll.itemsPath) : result.data;
    if (!Array.isArray(items)) throw new Error(`itemsPath ${JSON.stringify(poll.itemsPath)} of ${trigger.slug} does not point at an array in the ${poll.tool} result`);
    return items;
  }

  async #save(triggerId: string, state: PollState): Promise<void> {
    await this.deps.store.records.put(Collections.pollState, triggerId, state);
  }
}

/** Poll arguments may take values from the instance config: a string that is exactly `{{config.x}}` becomes that value. */
export function renderArguments(args: Readonly<Record<string, unknown>>, config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (typeof value === 'string') {
      const whole = /^\{\{\s*config\.([A-Za-z0-9_]+)\s*\}\}$/.exec(value);
      if (whole) {
        const replaced = config[whole[1]!];
        if (replaced !== undefined) out[name] = replaced;
        continue;
      }
      out[name] = value.replace(/\{\{\s*config\.([A-Za-z0-9_]+)\s*\}\}/g, (_, key: string) => String(config[key] ?? ''));
    } else {
      out[name] = value;
    }
  }
  return out;
}
