/**
 * Type tests over the golden toolkits (checked by `tsc -p test/types`, run by test/types/tsc.test.ts):
 * a wrong slug or a wrong argument type must not compile.
 */
import { expectTypeOf } from 'vitest';
import type { ToolInputOf, ToolOutputOf, ToolSlugOf, TriggerPayloadOf, TriggerSlugOf } from '../../runtime/types.js';
import { params, ParamsTool, type ParamsToolSlug } from '../golden/parameter-styles/params/index.js';
import { events, EventsTrigger, type EventsOrderPaidEvent } from '../golden/trigger-definitions/events/index.js';
import type { ParamsSearchInput } from '../golden/parameter-styles/params/schemas.gen.js';
import { shapes } from '../golden/unions/shapes/index.js';

type Params = typeof params;

// Slug constants and unions.
expectTypeOf(ParamsTool.SEARCH).toEqualTypeOf<'PARAMS_SEARCH'>();
expectTypeOf<ParamsToolSlug>().toEqualTypeOf<'PARAMS_SEARCH'>();
expectTypeOf<ToolSlugOf<Params>>().toEqualTypeOf<'PARAMS_SEARCH'>();
// @ts-expect-error a slug that does not exist
const wrongSlug: ParamsToolSlug = 'PARAMS_SERACH';
// @ts-expect-error no such key on the slug constant
void ParamsTool.SERACH;

// Inputs: right arguments compile, wrong ones do not.
type SearchInput = ToolInputOf<Params, 'PARAMS_SEARCH'>;
expectTypeOf<SearchInput>().toEqualTypeOf<ParamsSearchInput>();
const ok: SearchInput = { id: 1, tags: ['a'], q: 'hi', sort: 'desc' };
// @ts-expect-error id must be a number
const wrongType: SearchInput = { id: '1', tags: ['a'], q: 'hi' };
// @ts-expect-error q is required
const missing: SearchInput = { id: 1, tags: ['a'] };
// @ts-expect-error sort is asc | desc
const wrongEnum: SearchInput = { id: 1, tags: ['a'], q: 'hi', sort: 'up' };
// @ts-expect-error unknown slug has no input type
const unknownInput: ToolInputOf<Params, 'PARAMS_NOPE'> = {};

// Outputs and unions keep their member types (never any).
expectTypeOf<ToolOutputOf<Params, 'PARAMS_SEARCH'>>().toEqualTypeOf<Array<{ id?: number; state?: 'open' | 'closed' | (string & {}) }>>();
type DrawInput = ToolInputOf<typeof shapes, 'SHAPES_DRAW'>;
const circle: DrawInput = { shape: { kind: 'circle', radius: 1 } };
// @ts-expect-error a circle has no width
const badCircle: DrawInput = { shape: { kind: 'circle', width: 1 } };

// Triggers.
expectTypeOf<TriggerSlugOf<typeof events>>().toEqualTypeOf<'EVENTS_ORDER_PAID' | 'EVENTS_NEW_ORDER'>();
expectTypeOf(EventsTrigger.ORDER_PAID).toEqualTypeOf<'EVENTS_ORDER_PAID'>();
expectTypeOf<TriggerPayloadOf<typeof events, 'EVENTS_ORDER_PAID'>['amount']>().toEqualTypeOf<number>();
expectTypeOf<EventsOrderPaidEvent['payload']['status']>().toEqualTypeOf<'paid' | 'refunded' | (string & {}) | undefined>();

void [wrongSlug, ok, wrongType, missing, wrongEnum, unknownInput, circle, badCircle];
