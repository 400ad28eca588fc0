/** Compile-time checks (run by tsc): slugs, configs and payloads are typed from the toolkit's __types map. */
import { expectTypeOf } from 'vitest';
import { Triggers } from '../../runtime/triggers/triggers.js';
import type { acmegit } from '../fixtures/triggers/toolkits.js';
import type { TriggerEvent } from '../../runtime/types.js';

declare const triggers: Triggers<typeof acmegit>;

export async function typeChecks(): Promise<void> {
  await triggers.create('u', 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'o', repo: 'r' } });
  // @ts-expect-error unknown trigger slug
  await triggers.create('u', 'ACMEGIT_NOT_A_TRIGGER', {});
  // @ts-expect-error config field of the wrong type
  await triggers.create('u', 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 1, repo: 'r' } });
  triggers.subscribe((event) => {
    expectTypeOf(event).toEqualTypeOf<TriggerEvent<{ action: 'created' | 'deleted'; starred_at: string | null; repository: { full_name: string }; sender: { login: string } }>>();
    // @ts-expect-error payload has no such field
    void event.payload.nope;
  }, { triggerSlug: 'ACMEGIT_STAR_CREATED' });
}
