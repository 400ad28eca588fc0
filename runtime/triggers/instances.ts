/**
 * Trigger instances in the store (`trigger_instances`), their signing secrets apart and encrypted
 * (`trigger_secrets`), and a short-lived cache the receiver and the poller read on every event.
 */
import type { Store } from '../store/types.js';
import { ToolsmithError } from '../errors.js';
import { Collections, type Clock, type TriggerInstance, type TriggerListFilters } from './types.js';

export interface InstanceSnapshot {
  readonly byId: ReadonlyMap<string, TriggerInstance>;
  /** Active instances by trigger slug. */
  readonly activeBySlug: ReadonlyMap<string, readonly TriggerInstance[]>;
}

const MISS_REFRESH_FLOOR_MS = 200;

export class InstanceStore {
  #snapshot: InstanceSnapshot | undefined;
  #loadedAt = 0;
  #loading: Promise<InstanceSnapshot> | undefined;
  readonly #secrets = new Map<string, string | null>();
  readonly #authSecrets = new Map<string, string | null>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly cacheMs: number,
  ) {}

  async insert(instance: TriggerInstance, secret: string | undefined): Promise<void> {
    if (secret !== undefined) await this.store.records.put(Collections.secrets, instance.id, secret, { secret: true });
    await this.store.records.put(Collections.instances, instance.id, instance);
    this.invalidate();
  }

  async get(id: string): Promise<TriggerInstance | undefined> {
    return this.store.records.get<TriggerInstance>(Collections.instances, id);
  }

  async require(id: string): Promise<TriggerInstance> {
    const instance = await this.get(id);
    if (!instance) {
      throw new ToolsmithError('TRIGGER_NOT_FOUND', `No trigger instance ${id}. List instances with triggers.list().`, { triggerId: id });
    }
    return instance;
  }

  async update(id: string, patch: Partial<Pick<TriggerInstance, 'status' | 'config'>>): Promise<TriggerInstance> {
    const current = await this.require(id);
    const next: TriggerInstance = { ...current, ...patch, updatedAt: new Date(this.clock.now()).toISOString() };
    await this.store.records.put(Collections.instances, id, next);
    this.invalidate();
    return next;
  }

  async delete(id: string): Promise<boolean> {
    const removed = await this.store.records.delete(Collections.instances, id);
    await this.store.records.delete(Collections.secrets, id);
    await this.store.records.delete(Collections.pollState, id);
    this.invalidate();
    return removed;
  }

  async list(filters: TriggerListFilters = {}): Promise<TriggerInstance[]> {
    const rows = await this.store.records.list<TriggerInstance>(Collections.instances);
    return rows.map((row) => row.value)
      .filter((instance) => matchesFilters(instance, filters))
      .sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : b.createdAt.localeCompare(a.createdAt)));
  }

  /**
   * All instances, cached for `cacheMs` (other processes sharing the store may add some meanwhile).
   * `onMiss` re-reads a cache older than a short floor: an id not found may have just been created elsewhere,
   * and the floor keeps a flood of unknown ids from turning into a flood of store reads.
   */
  async snapshot(onMiss = false): Promise<InstanceSnapshot> {
    const age = this.clock.now() - this.#loadedAt;
    const maxAge = onMiss ? Math.min(this.cacheMs, MISS_REFRESH_FLOOR_MS) : this.cacheMs;
    if (this.#snapshot && age < maxAge) return this.#snapshot;
    this.#loading ??= this.#load().finally(() => { this.#loading = undefined; });
    return this.#loading;
  }

  /** The instance's own secret, or undefined. Cached with the snapshot. */
  async secretOf(id: string): Promise<string | undefined> {
    if (!this.#secrets.has(id)) {
      const secret = await this.store.records.get<string>(Collections.secrets, id);
      this.#secrets.set(id, typeof secret === 'string' ? secret : null);
    }
    return this.#secrets.get(id) ?? undefined;
  }

  /** The `webhookSecret` of an auth config, or undefined. Cached with the snapshot. */
  async authConfigSecret(authConfigId: string): Promise<string | undefined> {
    if (!this.#authSecrets.has(authConfigId)) {
      const config = await this.store.authConfigs.get(authConfigId);
      this.#authSecrets.set(authConfigId, config?.webhookSecret ?? null);
    }
    return this.#authSecrets.get(authConfigId) ?? undefined;
  }

  /** Webhook secrets of every auth config of a toolkit (for instances tied to no account or config). */
  async toolkitSecrets(toolkit: string): Promise<string[]> {
    const key = `toolkit:${toolkit}`;
    if (!this.#authSecrets.has(key)) {
      const configs = await this.store.authConfigs.list({ toolkit });
      const secrets = configs.map((config) => config.webhookSecret).filter((secret): secret is string => !!secret);
      this.#authSecrets.set(key, secrets.length > 0 ? JSON.stringify(secrets) : null);
    }
    const cached = this.#authSecrets.get(key);
    return cached ? (JSON.parse(cached) as string[]) : [];
  }

  invalidate(): void {
    this.#snapshot = undefined;
    this.#secrets.clear();
    this.#authSecrets.clear();
  }

  async #load(): Promise<InstanceSnapshot> {
    const rows = await this.store.records.list<TriggerInstance>(Collections.instances);
    const byId = new Map<string, TriggerInstance>();
    const activeBySlug = new Map<string, TriggerInstance[]>();
    for (const { value } of rows) {
      byId.set(value.id, value);
      if (value.status !== 'ACTIVE') continue;
      const list = activeBySlug.get(value.triggerSlug) ?? [];
      list.push(value);
      activeBySlug.set(value.triggerSlug, list);
    }
    // An instance's own secret never changes, so it stays cached while the instance exists; app secrets may rotate.
    for (const id of this.#secrets.keys()) if (!byId.has(id)) this.#secrets.delete(id);
    this.#authSecrets.clear();
    this.#snapshot = { byId, activeBySlug };
    this.#loadedAt = this.clock.now();
    return this.#snapshot;
  }
}

function matchesFilters(instance: TriggerInstance, filters: TriggerListFilters): boolean {
  if (filters.userId !== undefined && instance.userId !== filters.userId) return false;
  if (filters.toolkits && !filters.toolkits.includes(instance.toolkit)) return false;
  if (filters.triggerSlug !== undefined && instance.triggerSlug !== filters.triggerSlug) return false;
  if (filters.connectedAccountId !== undefined && instance.connectedAccountId !== filters.connectedAccountId) return false;
  if (filters.status !== undefined && instance.status !== filters.status) return false;
  return true;
}
