/** At-least-once delivery: retries with backoff, dead letters and their replay, redelivery after a crash. */
import { describe, expect, it } from 'vitest';
import type { TriggerEvent } from '../../runtime/types.js';
import { acmehooks } from '../fixtures/triggers/toolkits.js';
import { makeTriggers } from './support/harness.js';
import { MemoryStore } from './support/memory-store.js';
import { standardWebhookHeaders } from './support/signers.js';
import { until } from './support/until.js';
import { ManualClock } from './support/manual-clock.js';

async function send(harness: ReturnType<typeof makeTriggers>, secret: string, id: string) {
  const body = JSON.stringify({ type: 'order.created', data: { orderId: id, total: 3 } });
  const headers = standardWebhookHeaders(secret, body, id, Math.floor(harness.clock.now() / 1000));
  return harness.triggers.handleWebhook(new Request('http://127.0.0.1/webhooks/acmehooks', { method: 'POST', body, headers }));
}

describe('delivery', () => {
  it('retries a throwing handler with exponential backoff and keeps the idempotency key', async () => {
    const harness = makeTriggers([acmehooks]);
    const { secret } = await harness.triggers.create('user-1', 'ACMEHOOKS_ORDER_CREATED');
    const attempts: Array<Pick<TriggerEvent, 'id' | 'attempt'>> = [];
    harness.triggers.subscribe((event) => {
      attempts.push({ id: event.id, attempt: event.attempt });
      if (attempts.length < 3) throw new Error(`handler down (${attempts.length})`);
    });
    expect((await send(harness, secret!, 'msg_r1')).status).toBe(200);
    await until(() => attempts.length === 1 && harness.clock.pendingTimers === 1, 'first attempt');
    harness.clock.advance(999);
    expect(attempts).toHaveLength(1);
    harness.clock.advance(1);
    await until(() => attempts.length === 2 && harness.clock.pendingTimers === 1, 'second attempt');
    harness.clock.advance(2000);
    await harness.triggers.flush();
    expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    expect(new Set(attempts.map((entry) => entry.id)).size).toBe(1);
    expect(await harness.triggers.deadLetters.list()).toEqual([]);
  });

  it('dead-letters after the last attempt, lists it, and replays it to the named subscription', async () => {
    const harness = makeTriggers([acmehooks]);
    const { secret } = await harness.triggers.create('user-1', 'ACMEHOOKS_ORDER_CREATED');
    let healthy = false;
    const received: TriggerEvent[] = [];
    const other: TriggerEvent[] = [];
    harness.triggers.subscribe((event) => {
      if (!healthy) throw new Error('database unavailable');
      received.push(event);
    }, { name: 'orders-sync' });
    harness.triggers.subscribe((event) => { other.push(event); }, { name: 'audit' });
    await send(harness, secret!, 'msg_d1');
    for (let step = 0; step < 2; step++) {
      await until(() => harness.clock.pendingTimers === 1, 'retry timer');
      harness.clock.advance(10_000);
    }
    await harness.triggers.flush();
    const letters = await harness.triggers.deadLetters.list();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ subscription: 'orders-sync', error: 'database unavailable', attempts: 3 });
    expect(letters[0]!.id).toMatch(/^dl_/);
    expect(other).toHaveLength(1);

    healthy = true;
    expect(await harness.triggers.deadLetters.replay(letters[0]!.id)).toEqual({ delivered: true });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ id: letters[0]!.event.id, attempt: 4 });
    expect(other).toHaveLength(1);
    expect(await harness.triggers.deadLetters.list()).toEqual([]);
    await expect(harness.triggers.deadLetters.replay(letters[0]!.id)).rejects.toMatchObject({ code: 'TRIGGER_NOT_FOUND' });
  });

  it('redelivers events a crashed process had accepted but not delivered', async () => {
    const clock = new ManualClock();
    const store = new MemoryStore(() => clock.now());
    const first = makeTriggers([acmehooks], { store, clock });
    const { secret } = await first.triggers.create('user-1', 'ACMEHOOKS_ORDER_CREATED');
    let hung = 0;
    first.triggers.subscribe(() => { hung++; return new Promise(() => {}); });
    expect((await send(first, secret!, 'msg_c1')).status).toBe(200);
    await until(() => hung === 1, 'first handler');
    // The first process "dies" here: its handler never finished. A new one starts over the same store.
    const second = makeTriggers([acmehooks], { store, clock });
    const received: TriggerEvent[] = [];
    second.triggers.subscribe((event) => { received.push(event); });
    await second.triggers.start();
    await second.triggers.flush();
    await second.triggers.stop();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ attempt: 2, payload: { data: { orderId: 'msg_c1' } } });
    // Delivered: a further restart has nothing left to redeliver.
    const third = makeTriggers([acmehooks], { store, clock });
    const again: TriggerEvent[] = [];
    third.triggers.subscribe((event) => { again.push(event); });
    await third.triggers.start();
    await third.triggers.flush();
    await third.triggers.stop();
    expect(again).toHaveLength(0);
  });

  it('answers 500 and forgets the event id when the store cannot persist the event, so the sender can retry', async () => {
    const harness = makeTriggers([acmehooks]);
    const { secret } = await harness.triggers.create('user-1', 'ACMEHOOKS_ORDER_CREATED');
    (harness.store as MemoryStore).failPutsIn = 'trigger_pending';
    const failed = await send(harness, secret!, 'msg_s1');
    expect(failed.status).toBe(500);
    (harness.store as MemoryStore).failPutsIn = undefined;
    expect((await send(harness, secret!, 'msg_s1')).status).toBe(200);
  });
});
