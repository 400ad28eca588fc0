/**
 * At-least-once delivery. An event is written to `trigger_pending` before the webhook is acknowledged
 * (or the poll cursor moves); each matching subscription gets it, a throwing handler is retried with
 * exponential backoff, and after the last attempt the event goes to `trigger_dead_letters`. The pending
 * record is removed only when every subscription has succeeded or been dead-lettered, so a crash in
 * between means redelivery on `start()`, never loss. `event.id` is the idempotency key.
 */
import type { Store } from '../store/types.js';
import type { TriggerEvent } from '../types.js';
import { ToolsmithError } from '../errors.js';
import { Collections, type Clock, type DeadLetter, type RetryPolicy, type SubscribeFilters, type TriggerHandler, type TriggerLogger } from './types.js';
import { errorMessage, randomId } from './util.js';

interface Subscription {
  readonly key: number;
  readonly handler: TriggerHandler;
  readonly filters: SubscribeFilters;
}

export class Delivery {
  readonly #subscriptions = new Map<number, Subscription>();
  readonly #inFlight = new Set<Promise<unknown>>();
  /** Ids of events this process is delivering now, so recovery does not start them twice. */
  readonly #delivering = new Set<string>();
  #nextKey = 1;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: TriggerLogger,
    private readonly retry: RetryPolicy,
  ) {}

  subscribe(handler: TriggerHandler, filters: SubscribeFilters = {}): () => void {
    if (typeof handler !== 'function') {
      throw new ToolsmithError('INVALID_OPTIONS', 'triggers.subscribe(handler, filters) needs a function as handler.');
    }
    const key = this.#nextKey++;
    this.#subscriptions.set(key, { key, handler, filters });
    return () => { this.#subscriptions.delete(key); };
  }

  /** Persists the events, then delivers them in the background. Resolves once they are durable. */
  async enqueue(events: readonly TriggerEvent[]): Promise<void> {
    for (const event of events) await this.store.records.put(Collections.pending, event.id, event);
    for (const event of events) this.#track(this.#deliver(event, undefined));
  }

  /** Redelivers events left pending by a previous process (crash between receipt and delivery). */
  async recoverPending(): Promise<number> {
    const rows = await this.store.records.list<TriggerEvent>(Collections.pending);
    const stranded = rows.filter(({ value }) => !this.#delivering.has(value.id));
    for (const { value } of stranded) this.#track(this.#deliver({ ...value, attempt: value.attempt + 1 }, undefined));
    return stranded.length;
  }

  /** Waits until every delivery started so far (retries included) has finished. */
  async flush(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  readonly deadLetters = {
    list: async (filter: { readonly triggerId?: string } = {}): Promise<DeadLetter[]> => {
      const rows = await this.store.records.list<DeadLetter>(Collections.deadLetters);
      return rows.map((row) => row.value)
        .filter((letter) => filter.triggerId === undefined || letter.event.triggerId === filter.triggerId)
        .sort((a, b) => a.failedAt.localeCompare(b.failedAt) || a.id.localeCompare(b.id));
    },
    get: async (id: string): Promise<DeadLetter | undefined> => this.store.records.get<DeadLetter>(Collections.deadLetters, id),
    /** Delivers the event again (to the named subscription when it had one) and removes the letter once delivered. */
    replay: async (id: string): Promise<{ delivered: boolean }> => {
      const letter = await this.store.records.take<DeadLetter>(Collections.deadLetters, id);
      if (!letter) {
        throw new ToolsmithError('TRIGGER_NOT_FOUND', `No dead letter ${id}. List them with triggers.deadLetters.list().`, { deadLetterId: id });
      }
      const event = { ...letter.event, attempt: letter.attempts + 1 };
      await this.store.records.put(Collections.pending, event.id, event);
      const run = this.#deliver(event, letter.subscription);
      this.#track(run);
      return { delivered: await run };
    },
    delete: async (id: string): Promise<boolean> => this.store.records.delete(Collections.deadLetters, id),
  };

  #track(run: Promise<unknown>): void {
    this.#inFlight.add(run);
    void run.finally(() => this.#inFlight.delete(run));
  }

  /** True when every matching subscription took the event. */
  async #deliver(event: TriggerEvent, onlySubscription: string | undefined): Promise<boolean> {
    this.#delivering.add(event.id);
    try {
      return await this.#deliverNow(event, onlySubscription);
    } finally {
      this.#delivering.delete(event.id);
    }
  }

  async #deliverNow(event: TriggerEvent, onlySubscription: string | undefined): Promise<boolean> {
    let targets = [...this.#subscriptions.values()].filter((subscription) => matches(subscription.filters, event));
    if (onlySubscription !== undefined) {
      const named = targets.filter((subscription) => subscription.filters.name === onlySubscription);
      if (named.length > 0) targets = named;
    }
    if (targets.length === 0) {
      this.logger.info('no subscription matches the event; dropped', { eventId: event.id, triggerSlug: event.triggerSlug });
    }
    const outcomes = await Promise.all(targets.map((subscription) => this.#deliverTo(subscription, event)));
    try {
      await this.store.records.delete(Collections.pending, event.id);
    } catch (error) {
      this.logger.warn('could not clear a delivered event; it may be delivered again after a restart', { eventId: event.id, error: errorMessage(error) });
    }
    return outcomes.every(Boolean);
  }

  async #deliverTo(subscription: Subscription, first: TriggerEvent): Promise<boolean> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      const event = { ...first, attempt: first.attempt + attempt };
      try {
        await subscription.handler(event);
        return true;
      } catch (error) {
        lastError = error;
        this.logger.warn('trigger handler threw', { eventId: event.id, attempt: event.attempt, error: errorMessage(error) });
      }
      if (attempt + 1 < this.retry.attempts) await this.#sleep(Math.min(this.retry.baseDelayMs * 2 ** attempt, this.retry.maxDelayMs));
    }
    const letter: DeadLetter = {
      id: randomId('dl_'),
      event: first,
      ...(subscription.filters.name === undefined ? {} : { subscription: subscription.filters.name }),
      error: errorMessage(lastError),
      attempts: first.attempt + this.retry.attempts - 1,
      failedAt: new Date(this.clock.now()).toISOString(),
    };
    await this.store.records.put(Collections.deadLetters, letter.id, letter);
    this.logger.warn('event dead-lettered', { eventId: first.id, deadLetterId: letter.id });
    return false;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => { this.clock.setTimeout(resolve, ms); });
  }
}

export function matches(filters: SubscribeFilters, event: TriggerEvent): boolean {
  if (filters.toolkits && !filters.toolkits.includes(event.toolkit)) return false;
  if (filters.triggerSlug !== undefined) {
    const slugs = typeof filters.triggerSlug === 'string' ? [filters.triggerSlug] : filters.triggerSlug;
    if (!slugs.includes(event.triggerSlug)) return false;
  }
  if (filters.userId !== undefined && event.userId !== filters.userId) return false;
  if (filters.connectedAccountId !== undefined && event.connectedAccountId !== filters.connectedAccountId) return false;
  if (filters.triggerId !== undefined && event.triggerId !== filters.triggerId) return false;
  return true;
}
