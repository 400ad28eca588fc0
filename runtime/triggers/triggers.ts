/**
 * `toolsmith.triggers`: trigger instances (create, enable, disable, delete, list, getType), the webhook
 * receiver, the poll scheduler, subscriptions and dead letters, over one store.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  CompiledToolkit, CompiledTrigger, JsonSchema, TriggerConfigOf, TriggerEvent, TriggerPayloadOf, TriggerSlugOf, WebhookMatchRule,
} from '../types.js';
import type { Store } from '../store/types.js';
import { ToolsmithError } from '../errors.js';
import { Delivery } from './delivery.js';
import { handleNode, handleRequest } from './http.js';
import { InstanceStore } from './instances.js';
import { PollScheduler, type PollOutcome } from './polling.js';
import { WebhookReceiver, type WebhookRoute } from './receiver.js';
import type {
  Clock, DeadLetter, RetryPolicy, SubscribeFilters, TriggerInstance, TriggerListFilters, TriggerLogger, TriggersContext,
} from './types.js';
import { consoleLogger, randomId, systemClock } from './util.js';

export interface CreateTriggerOptions<Config> {
  readonly triggerConfig?: Config;
  readonly connectedAccountId?: string;
  /** Uses this auth config's `webhookSecret` to verify events (apps that sign every event with one secret). */
  readonly authConfigId?: string;
  /** The signing secret for this instance; one is generated (and returned once) when neither it nor an app secret exists. */
  readonly secret?: string;
  /** Only events (or poll items) matching all of these reach this instance: `{ header | body, equals? | oneOf? }`. */
  readonly filters?: readonly WebhookMatchRule[];
}

export interface CreatedTrigger {
  /** `ti_…` */
  readonly id: string;
  /** The generated signing secret: shown once, stored encrypted; configure it at the sender. */
  readonly secret?: string;
  /** Where the sender should POST, relative to your server (`/webhooks/ti_…`); webhook triggers only. */
  readonly webhookPath?: string;
}

export interface TriggerType {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly toolkit: string;
  readonly type: 'webhook' | 'poll';
  readonly config: JsonSchema;
  readonly payload: JsonSchema;
  readonly signature?: string;
  readonly intervalSeconds?: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

export class Triggers<T extends CompiledToolkit = CompiledToolkit> {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #logger: TriggerLogger;
  readonly #toolkits = new Map<string, CompiledToolkit>();
  readonly #triggers = new Map<string, CompiledTrigger>();
  readonly #instances: InstanceStore;
  readonly #delivery: Delivery;
  readonly #receiver: WebhookReceiver;
  readonly #poller: PollScheduler;
  readonly #maxBodyBytes: number;
  readonly #basePath: string;

  constructor(context: TriggersContext) {
    const options = context.options ?? {};
    this.#store = context.store;
    this.#clock = context.clock ?? systemClock;
    this.#logger = context.logger ?? consoleLogger;
    this.#maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
    this.#basePath = options.basePath ?? '/webhooks';
    for (const toolkit of context.toolkits) {
      this.#toolkits.set(toolkit.slug, toolkit);
      for (const trigger of toolkit.triggers) this.#triggers.set(trigger.slug, trigger);
    }
    this.#instances = new InstanceStore(this.#store, this.#clock, options.instanceCacheMs ?? 1000);
    this.#delivery = new Delivery(this.#store, this.#clock, this.#logger, { ...DEFAULT_RETRY, ...options.retry });
    this.#receiver = new WebhookReceiver({
      toolkits: this.#toolkits, triggers: this.#triggers, instances: this.#instances, delivery: this.#delivery,
      store: this.#store, clock: this.#clock, logger: this.#logger, basePath: this.#basePath,
      replayTtlMs: options.replayTtlMs ?? 24 * 3600_000,
    });
    this.#poller = new PollScheduler({
      store: this.#store, instances: this.#instances, triggers: this.#triggers, delivery: this.#delivery,
      clock: this.#clock, logger: this.#logger, executeTool: context.executeTool,
      tickMs: options.pollTickMs ?? 1000, maxBackoffMs: options.maxPollBackoffMs ?? 3600_000,
    });
  }

  /** Enables a trigger for a user. The config is validated with the trigger's config schema. */
  async create<S extends TriggerSlugOf<T>>(userId: string, slug: S, options: CreateTriggerOptions<TriggerConfigOf<T, S>> = {}): Promise<CreatedTrigger> {
    if (typeof userId !== 'string' || userId === '') throw new ToolsmithError('INVALID_OPTIONS', 'triggers.create(userId, slug, options) needs a non-empty userId.');
    const trigger = this.#requireTrigger(slug);
    const parsed = trigger.config.safeParse(options.triggerConfig ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      throw new ToolsmithError('INVALID_ARGUMENTS', `triggerConfig for ${slug} is invalid: ${issues.join('; ')}. See triggers.getType('${slug}').config.`, { triggerSlug: slug, issues });
    }
    const account = await this.#resolveAccount(userId, trigger, options.connectedAccountId);
    const authConfigId = options.authConfigId ?? account?.authConfigId;
    let appSecret: string | undefined;
    if (authConfigId !== undefined) {
      const authConfig = await this.#store.authConfigs.get(authConfigId);
      if (!authConfig) throw new ToolsmithError('AUTH_CONFIG_NOT_FOUND', `No auth config ${authConfigId}.`, { authConfigId });
      appSecret = authConfig.webhookSecret;
    }
    if (options.secret !== undefined && (typeof options.secret !== 'string' || options.secret.length < 8)) {
      throw new ToolsmithError('INVALID_OPTIONS', 'triggers.create: secret must be a string of at least 8 characters.', { triggerSlug: slug });
    }
    const filters = checkFilters(options.filters, slug);
    const generated = trigger.type === 'webhook' && options.secret === undefined && appSecret === undefined ? newSecret(trigger) : undefined;
    const secret = trigger.type === 'webhook' ? options.secret ?? generated : undefined;
    const now = new Date(this.#clock.now()).toISOString();
    const instance: TriggerInstance = {
      id: randomId('ti_'), userId, toolkit: trigger.toolkit, triggerSlug: trigger.slug,
      ...(account ? { connectedAccountId: account.id } : {}),
      ...(authConfigId === undefined ? {} : { authConfigId }),
      config: parsed.data as Record<string, unknown>, ...(filters ? { filters } : {}), status: 'ACTIVE', hasSecret: secret !== undefined, createdAt: now, updatedAt: now,
    };
    await this.#instances.insert(instance, secret);
    return {
      id: instance.id,
      ...(generated === undefined ? {} : { secret: generated }),
      ...(trigger.type === 'webhook' ? { webhookPath: `${this.#basePath}/${instance.id}` } : {}),
    };
  }

  async get(triggerId: string): Promise<TriggerInstance> { return this.#instances.require(triggerId); }
  async enable(triggerId: string): Promise<TriggerInstance> { return this.#instances.update(triggerId, { status: 'ACTIVE' }); }
  async disable(triggerId: string): Promise<TriggerInstance> { return this.#instances.update(triggerId, { status: 'DISABLED' }); }
  async delete(triggerId: string): Promise<{ deleted: boolean }> {
    await this.#instances.require(triggerId);
    return { deleted: await this.#instances.delete(triggerId) };
  }
  /** Newest first. */
  async list(filters: TriggerListFilters = {}): Promise<TriggerInstance[]> { return this.#instances.list(filters); }

  /** A trigger's definition as JSON Schemas (what to configure, what events carry). */
  getType(slug: TriggerSlugOf<T>): TriggerType {
    const trigger = this.#requireTrigger(slug);
    return {
      slug: trigger.slug, name: trigger.name, description: trigger.description, toolkit: trigger.toolkit, type: trigger.type,
      config: trigger.configParameters, payload: trigger.payloadParameters,
      ...(trigger.webhook?.signature ? { signature: trigger.webhook.signature.algorithm } : {}),
      ...(trigger.poll ? { intervalSeconds: trigger.poll.intervalSeconds } : {}),
    };
  }

  listTypes(filter: { readonly toolkits?: readonly string[] } = {}): TriggerType[] {
    return [...this.#triggers.values()]
      .filter((trigger) => !filter.toolkits || filter.toolkits.includes(trigger.toolkit))
      .map((trigger) => this.getType(trigger.slug as TriggerSlugOf<T>));
  }

  /** Receives events matching the filters; returns an unsubscribe function. A handler that throws is retried. */
  subscribe<S extends TriggerSlugOf<T> = TriggerSlugOf<T>>(
    handler: (event: TriggerEvent<TriggerPayloadOf<T, S>>) => unknown, filters: SubscribeFilters<S> = {},
  ): () => void {
    return this.#delivery.subscribe(handler as (event: TriggerEvent) => unknown, filters);
  }

  /** Receives one webhook: WHATWG `Request` → `Response`, or Node `(req, res)`. */
  handleWebhook(request: Request, route?: WebhookRoute): Promise<Response>;
  handleWebhook(request: IncomingMessage, response: ServerResponse, route?: WebhookRoute): Promise<void>;
  handleWebhook(request: Request | IncomingMessage, second?: ServerResponse | WebhookRoute, third?: WebhookRoute): Promise<Response | void> {
    if (isWhatwgRequest(request)) return handleRequest(this.#receiver, request, this.#maxBodyBytes, second as WebhookRoute | undefined);
    if (!second || !('writeHead' in second)) {
      throw new ToolsmithError('INVALID_OPTIONS', 'triggers.handleWebhook needs a WHATWG Request, or Node (req, res).');
    }
    return handleNode(this.#receiver, request, second, this.#maxBodyBytes, third);
  }

  /** Redelivers events a previous process left undelivered, then starts the poll scheduler. */
  async start(): Promise<void> {
    await this.#delivery.recoverPending();
    this.#poller.start();
  }

  async stop(): Promise<void> { await this.#poller.stop(); }

  /** Waits until every delivery started so far, retries included, has finished. */
  async flush(): Promise<void> { await this.#delivery.flush(); }

  readonly polling = {
    /** Polls every due instance now (by the injected clock). */
    tick: (): Promise<PollOutcome[]> => this.#poller.tick(),
    pollNow: (triggerId: string): Promise<PollOutcome> => this.#poller.pollNow(triggerId),
  };

  readonly deadLetters: {
    list(filter?: { readonly triggerId?: string }): Promise<DeadLetter[]>;
    get(id: string): Promise<DeadLetter | undefined>;
    replay(id: string): Promise<{ delivered: boolean }>;
    delete(id: string): Promise<boolean>;
  } = {
    list: (filter) => this.#delivery.deadLetters.list(filter),
    get: (id) => this.#delivery.deadLetters.get(id),
    replay: (id) => this.#delivery.deadLetters.replay(id),
    delete: (id) => this.#delivery.deadLetters.delete(id),
  };

  #requireTrigger(slug: string): CompiledTrigger {
    const trigger = this.#triggers.get(slug);
    if (!trigger) {
      const known = [...this.#triggers.keys()].slice(0, 10).join(', ') || 'none';
      throw new ToolsmithError('TRIGGER_NOT_FOUND', `Unknown trigger ${String(slug)}. Known triggers: ${known}. Is its toolkit passed to new Toolsmith({ toolkits })?`, { triggerSlug: slug });
    }
    return trigger;
  }

  async #resolveAccount(userId: string, trigger: CompiledTrigger, connectedAccountId: string | undefined) {
    if (connectedAccountId !== undefined) {
      const account = await this.#store.accounts.get(connectedAccountId);
      if (!account) throw new ToolsmithError('CONNECTED_ACCOUNT_NOT_FOUND', `No connected account ${connectedAccountId}.`, { connectedAccountId });
      if (account.userId !== userId || account.toolkit !== trigger.toolkit) {
        throw new ToolsmithError('INVALID_OPTIONS', `Connected account ${connectedAccountId} belongs to another user or toolkit than ${trigger.slug} for ${userId}.`, { connectedAccountId });
      }
      return account;
    }
    const [account] = await this.#store.accounts.list({ userId, toolkit: trigger.toolkit, statuses: ['ACTIVE'] });
    const toolkit = this.#toolkits.get(trigger.toolkit);
    const needsAccount = trigger.type === 'poll' && (toolkit?.auth ?? []).some((scheme) => scheme.scheme !== 'none');
    if (!account && needsAccount) {
      throw new ToolsmithError('NO_CONNECTED_ACCOUNT', `${trigger.slug} polls with the user's credentials, but ${userId} has no active ${trigger.toolkit} account. Connect one first.`, { userId, toolkit: trigger.toolkit });
    }
    return account;
  }
}

function checkFilters(filters: readonly WebhookMatchRule[] | undefined, slug: string): WebhookMatchRule[] | undefined {
  if (filters === undefined) return undefined;
  const bad = (index: number, why: string) => new ToolsmithError('INVALID_OPTIONS', `triggers.create(${slug}): filters[${index}] ${why}.`, { triggerSlug: slug });
  if (!Array.isArray(filters)) throw new ToolsmithError('INVALID_OPTIONS', `triggers.create(${slug}): filters must be an array of { header | body, equals? | oneOf? }.`);
  return filters.map((rule, index) => {
    if (typeof rule !== 'object' || rule === null) throw bad(index, 'must be an object');
    const record = rule as Record<string, unknown>;
    const target = typeof record['header'] === 'string' ? 'header' : typeof record['body'] === 'string' ? 'body' : undefined;
    if (!target || ('header' in record && 'body' in record)) throw bad(index, 'needs exactly one of `header` (a name) or `body` (a JSON pointer)');
    if (record['oneOf'] !== undefined && !Array.isArray(record['oneOf'])) throw bad(index, '`oneOf` must be an array');
    const extra = Object.keys(record).filter((key) => !['header', 'body', 'equals', 'oneOf'].includes(key));
    if (extra.length > 0) throw bad(index, `has unknown field ${extra[0]}`);
    return JSON.parse(JSON.stringify(rule)) as WebhookMatchRule;
  });
}

function newSecret(trigger: CompiledTrigger): string {
  const bytes = randomBytes(32);
  return trigger.webhook?.signature?.algorithm === 'standard-webhooks' ? `whsec_${bytes.toString('base64')}` : bytes.toString('hex');
}

function isWhatwgRequest(value: unknown): value is Request {
  return typeof Request !== 'undefined' && value instanceof Request
    || (typeof value === 'object' && value !== null && 'headers' in value && typeof (value as Request).headers?.get === 'function' && 'url' in value && typeof (value as Request).arrayBuffer === 'function');
}
