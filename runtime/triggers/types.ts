/** Shapes shared by the trigger modules: instances, subscriptions, dead letters, and injected dependencies. */
import type { Store } from '../store/types.js';
import type { CompiledToolkit, TriggerEvent, WebhookMatchRule } from '../types.js';
import type { ToolExecuteParams, ToolExecuteResult } from '../execute/types.js';

export type TriggerInstanceStatus = 'ACTIVE' | 'DISABLED';

/** One enabled (or disabled) use of a trigger by a user. The signing secret is stored apart, encrypted. */
export interface TriggerInstance {
  /** `ti_…` */
  readonly id: string;
  readonly userId: string;
  readonly toolkit: string;
  readonly triggerSlug: string;
  readonly connectedAccountId?: string;
  /** The auth config whose `webhookSecret` signs this app's events, when not a per-instance secret. */
  readonly authConfigId?: string;
  readonly config: Readonly<Record<string, unknown>>;
  /**
   * Narrows which events this instance receives (all must hold), e.g. `{ body: '/team_id', equals: 'T1' }`
   * when one app secret signs events for many accounts. Poll items are checked the same way (body = the item).
   */
  readonly filters?: readonly WebhookMatchRule[];
  readonly status: TriggerInstanceStatus;
  /** True when a per-instance signing secret is stored. */
  readonly hasSecret: boolean;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface TriggerListFilters {
  readonly userId?: string;
  readonly toolkits?: readonly string[];
  readonly triggerSlug?: string;
  readonly connectedAccountId?: string;
  readonly status?: TriggerInstanceStatus;
}

export interface SubscribeFilters<Slug extends string = string> {
  readonly toolkits?: readonly string[];
  readonly triggerSlug?: Slug | readonly Slug[];
  readonly userId?: string;
  readonly connectedAccountId?: string;
  readonly triggerId?: string;
  /**
   * A durable name for this subscription: dead letters remember it, and `deadLetters.replay` then
   * delivers only to the subscription of that name (default: every matching subscription).
   */
  readonly name?: string;
}

export type TriggerHandler<Payload = unknown> = (event: TriggerEvent<Payload>) => unknown;

/** An event that every attempt failed to deliver to one subscription. */
export interface DeadLetter {
  /** `dl_…` */
  readonly id: string;
  readonly event: TriggerEvent;
  /** The subscription's `name`, when it had one. */
  readonly subscription?: string;
  /** The last error's message (never a stack). */
  readonly error: string;
  readonly attempts: number;
  /** ISO 8601. */
  readonly failedAt: string;
}

export interface TriggerLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
}

/** Time and timers, injectable so tests never sleep. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RetryPolicy {
  /** Attempts per subscription before the event is dead-lettered; default 5. */
  readonly attempts: number;
  /** Delay before the second attempt, doubled each time; default 1000 ms. */
  readonly baseDelayMs: number;
  /** Default 60 000 ms. */
  readonly maxDelayMs: number;
}

export interface TriggersOptions {
  /** Largest accepted webhook body; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Path prefix of `/webhooks/:toolkit` and `/webhooks/:triggerId`; default `/webhooks`. */
  readonly basePath?: string;
  /** How long a seen event id is remembered when no timestamp bounds the replay window; default 24 h. */
  readonly replayTtlMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Longest wait between polls of a failing trigger; default 1 h. */
  readonly maxPollBackoffMs?: number;
  /** How often the poll scheduler looks for due triggers; default 1000 ms. */
  readonly pollTickMs?: number;
  /** How long trigger instances are cached before re-reading the store (other processes may change them); default 1000 ms. */
  readonly instanceCacheMs?: number;
}

export type ExecuteTool = (slug: string, params: ToolExecuteParams) => Promise<ToolExecuteResult>;

/** What the `Toolsmith` instance hands to its `triggers` namespace. */
export interface TriggersContext {
  readonly store: Store;
  readonly toolkits: readonly CompiledToolkit[];
  /** Calls a tool with an account's credentials (the Toolsmith's `tools.execute`); needed by polling triggers. */
  readonly executeTool?: ExecuteTool;
  readonly logger?: TriggerLogger;
  readonly clock?: Clock;
  readonly options?: TriggersOptions;
}

export const Collections = {
  instances: 'trigger_instances',
  secrets: 'trigger_secrets',
  seen: 'trigger_seen',
  pending: 'trigger_pending',
  deadLetters: 'trigger_dead_letters',
  pollState: 'trigger_poll_state',
  pollLease: 'trigger_poll_lease',
} as const;
