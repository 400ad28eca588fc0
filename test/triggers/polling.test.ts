/** Polling triggers against a loopback API: baseline, dedupe, restart without replay or loss, backoff, isolation. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompiledToolkit, TriggerEvent } from '../../runtime/types.js';
import { acmenews } from '../fixtures/triggers/toolkits.js';
import { fetchExecutor } from './support/fetch-executor.js';
import { makeTriggers } from './support/harness.js';
import { ManualClock } from './support/manual-clock.js';
import { MemoryStore } from './support/memory-store.js';
import { storiesServer } from './support/stories-server.js';
import { until } from './support/until.js';

describe('poll scheduler', () => {
  let api: Awaited<ReturnType<typeof storiesServer>>;
  let toolkit: CompiledToolkit;
  let clock: ManualClock;
  let store: MemoryStore;

  beforeEach(async () => {
    api = await storiesServer();
    toolkit = acmenews(api.url);
    clock = new ManualClock();
    store = new MemoryStore(() => clock.now());
  });
  afterEach(async () => { await api.close(); });

  function boot() {
    const harness = makeTriggers([toolkit], { store, clock, executeTool: fetchExecutor([toolkit]) });
    const events: TriggerEvent[] = [];
    harness.triggers.subscribe((event) => { events.push(event); }, { triggerSlug: 'ACMENEWS_NEW_STORY' });
    return { ...harness, events };
  }

  const titles = (events: TriggerEvent[]) => events.map((event) => (event.payload as { id: number }).id);

  it('records a baseline, then emits only new items, across a stop and restart with the same store', async () => {
    api.add(1, 2, 3);
    const first = boot();
    const { id } = await first.triggers.create('user-1', 'ACMENEWS_NEW_STORY', { triggerConfig: { topic: 'tech' } });
    await first.triggers.polling.tick();
    expect(api.requests).toEqual(['tech']);
    await first.triggers.flush();
    expect(first.events).toHaveLength(0);

    api.add(4, 5);
    clock.advance(30_000);
    await first.triggers.polling.tick();
    expect(api.requests).toHaveLength(1);
    clock.advance(30_000);
    await first.triggers.polling.tick();
    await first.triggers.flush();
    expect(titles(first.events).sort()).toEqual([4, 5]);
    expect(first.events[0]).toMatchObject({ triggerId: id, userId: 'user-1', toolkit: 'acmenews', attempt: 1 });
    await first.triggers.stop();

    // While stopped, a new story appears. A fresh process over the same store must emit it once, and nothing older.
    api.add(6);
    clock.advance(60_000);
    const second = boot();
    await second.triggers.polling.tick();
    await second.triggers.flush();
    expect(titles(second.events)).toEqual([6]);
    clock.advance(60_000);
    await second.triggers.polling.tick();
    await second.triggers.flush();
    expect(titles(second.events)).toEqual([6]);
  });

  it('runs on its own with start(), polls at the declared interval and stops with stop()', async () => {
    api.add(1);
    const harness = boot();
    await harness.triggers.create('user-1', 'ACMENEWS_NEW_STORY', { triggerConfig: { topic: 'all' } });
    await harness.triggers.start();
    clock.advance(0);
    await until(() => api.requests.length === 1, 'first poll');
    api.add(2);
    for (let second = 0; second < 60 && api.requests.length < 2; second++) {
      await until(() => clock.pendingTimers === 1, 'scheduler timer');
      clock.advance(1000);
    }
    await until(() => api.requests.length === 2, 'second poll');
    await harness.triggers.flush();
    await until(() => harness.events.length === 1, 'event');
    expect(titles(harness.events)).toEqual([2]);
    await harness.triggers.stop();
    expect(clock.pendingTimers).toBe(0);
    clock.advance(600_000);
    expect(api.requests).toHaveLength(2);
  });

  it('backs off a failing account exponentially while the others keep polling', async () => {
    api.add(1);
    const harness = boot();
    await harness.triggers.create('user-ok', 'ACMENEWS_NEW_STORY', { triggerConfig: { topic: 'good' } });
    const broken = await harness.triggers.create('user-broken', 'ACMENEWS_NEW_STORY', { triggerConfig: { topic: 'bad' } });
    api.failing.add('bad');
    const first = await harness.triggers.polling.tick();
    expect(first.map((outcome) => outcome.ok).sort()).toEqual([false, true]);
    expect(first.find((outcome) => !outcome.ok)).toMatchObject({ triggerId: broken.id, error: expect.stringContaining('503') });

    const pollsOf = (topic: string) => api.requests.filter((request) => request === topic).length;
    api.add(2);
    clock.advance(60_000);
    await harness.triggers.polling.tick();
    await harness.triggers.flush();
    expect(titles(harness.events)).toEqual([2]);
    expect(pollsOf('bad')).toBe(1); // first failure: wait 2 × 60 s
    clock.advance(60_000);
    await harness.triggers.polling.tick();
    expect(pollsOf('bad')).toBe(2); // second failure: wait 4 × 60 s
    clock.advance(180_000);
    await harness.triggers.polling.tick();
    expect(pollsOf('bad')).toBe(2);
    api.failing.delete('bad');
    clock.advance(60_000);
    await harness.triggers.polling.tick();
    expect(pollsOf('bad')).toBe(3);
    expect(harness.logs.filter((line) => line.message.startsWith('poll failed'))).toHaveLength(2);
  });

  it('skips disabled instances and validates each item against the payload schema', async () => {
    api.add(1);
    const harness = boot();
    const { id } = await harness.triggers.create('user-1', 'ACMENEWS_NEW_STORY');
    await harness.triggers.polling.tick();
    await harness.triggers.disable(id);
    api.stories.push({ id: 2, title: 'ok', by: 'a' }, { id: 3, title: 7 as unknown as string, by: 'b' });
    clock.advance(60_000);
    expect(await harness.triggers.polling.tick()).toEqual([]);
    await harness.triggers.enable(id);
    await harness.triggers.polling.tick();
    await harness.triggers.flush();
    expect(titles(harness.events)).toEqual([2]);
    expect(harness.logs.some((line) => line.message.includes('failed its payload schema'))).toBe(true);
  });
});
