/** The triggers runtime: instances, webhook receiver, polling, delivery. */
export { Triggers } from './triggers.js';
export type { CreateTriggerOptions, CreatedTrigger, TriggerType } from './triggers.js';
export type { WebhookRoute } from './receiver.js';
export type { PollOutcome } from './polling.js';
export { verifySignature, standardWebhooksKey } from './signatures.js';
export type { VerifyResult } from './signatures.js';
export { createWebhookServer } from './server.js';
export type {
  Clock, DeadLetter, RetryPolicy, SubscribeFilters, TriggerHandler, TriggerInstance, TriggerInstanceStatus,
  TriggerListFilters, TriggerLogger, TriggersContext, TriggersOptions,
} from './types.js';
