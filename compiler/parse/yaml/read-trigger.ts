/** One entry of `triggers:` → an IR trigger (webhook or poll), with signature defaults per algorithm. */
import { joinPointer } from '../../diagnostics/positions.js';
import type { IR } from '../../ir/types.js';
import { signatureAlgorithms, triggerTypes } from './fields.js';
import { ObjectReader, isPlainObject, report, type ParseContext } from './reader.js';

type Algorithm = IR.WebhookSignature['algorithm'];

/** What each algorithm means unless the definition says otherwise. */
export const signatureDefaults: Record<
  Algorithm,
  { header?: string; encoding: 'hex' | 'base64'; prefix?: string; timestampHeader?: string; signedPayload?: string }
> = {
  'hmac-sha256': { encoding: 'hex' },
  'hmac-sha1': { encoding: 'hex' },
  'slack-v0': {
    header: 'X-Slack-Signature',
    encoding: 'hex',
    prefix: 'v0=',
    timestampHeader: 'X-Slack-Request-Timestamp',
    signedPayload: 'v0:{timestamp}:{body}',
  },
  stripe: { header: 'Stripe-Signature', encoding: 'hex', signedPayload: '{timestamp}.{body}' },
  'standard-webhooks': {
    header: 'webhook-signature',
    encoding: 'base64',
    prefix: 'v1,',
    timestampHeader: 'webhook-timestamp',
    signedPayload: '{id}.{timestamp}.{body}',
  },
};

export function readTrigger(context: ParseContext, raw: unknown, pointer: string, toolkitSlug: string): IR.Trigger | undefined {
  const reader = new ObjectReader(context, raw, pointer, 'Trigger');
  if (!reader.complete) return undefined;
  const slug = reader.string('slug', true);
  const name = reader.string('name');
  const description = reader.string('description') ?? '';
  const type = reader.oneOf('type', triggerTypes, true);
  const scopes = reader.stringList('scopes') ?? [];
  const config = reader.schema('config') ?? { type: 'object', properties: {} };
  const payload = reader.schema('payload') ?? {};
  let webhook: IR.WebhookSpec | undefined;
  let poll: IR.PollSpec | undefined;
  if (type === 'webhook') {
    webhook = readWebhook(context, reader.has('webhook') ? reader.raw('webhook') : {}, reader.at('webhook'));
    if (reader.has('poll')) report(context, 'TS0005', 'A webhook trigger cannot have a "poll" section.', reader.at('poll'));
  } else if (type === 'poll') {
    const pollRaw = reader.raw('poll');
    if (pollRaw === undefined) {
      report(context, 'TS0003', 'Missing required field "poll" in a trigger of type poll.', reader.pointer);
      reader.complete = false;
    } else {
      poll = readPoll(context, pollRaw, reader.at('poll'));
    }
    if (reader.has('webhook')) report(context, 'TS0005', 'A poll trigger cannot have a "webhook" section.', reader.at('webhook'));
  }
  reader.finish();
  if (!reader.complete || slug === undefined || type === undefined) return undefined;
  if ((type === 'webhook' && !webhook) || (type === 'poll' && !poll)) return undefined;
  return {
    slug,
    name: name ?? triggerNameFromSlug(slug, toolkitSlug),
    description,
    type,
    scopes,
    config,
    payload,
    ...(webhook && { webhook }),
    ...(poll && { poll }),
    origin: reader.origin,
  };
}

function triggerNameFromSlug(slug: string, toolkitSlug: string): string {
  const prefix = toolkitSlug.toUpperCase() + '_';
  const text = (slug.startsWith(prefix) ? slug.slice(prefix.length) : slug).toLowerCase().replace(/_+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function readWebhook(context: ParseContext, raw: unknown, pointer: string): IR.WebhookSpec | undefined {
  const reader = new ObjectReader(context, raw, pointer, 'Webhook');
  if (!reader.complete) return undefined;
  const match: IR.WebhookMatchRule[] = [];
  (reader.list('match') ?? []).forEach((item, index) => {
    const rule = readMatchRule(context, item, joinPointer(reader.at('match'), index));
    if (rule) match.push(rule);
  });
  const signature = reader.has('signature') ? readSignature(context, reader.raw('signature'), reader.at('signature')) : undefined;
  let eventId = reader.string('eventId');
  if (eventId !== undefined && !isPointer(eventId) && !/^header:\S+$/.test(eventId)) {
    report(
      context,
      'TS0005',
      `Field "eventId" must be a JSON pointer into the body (like "/event_id") or "header:<Name>"; got ${JSON.stringify(eventId)}.`,
      reader.at('eventId'),
    );
    eventId = undefined;
  }
  if (eventId === undefined && signature?.algorithm === 'standard-webhooks') eventId = 'header:webhook-id';
  let challenge: IR.WebhookSpec['challenge'];
  if (reader.has('challenge')) {
    const item = new ObjectReader(context, reader.raw('challenge'), reader.at('challenge'), 'WebhookChallenge');
    const challengeType = item.string('type', true);
    const field = item.string('field') ?? 'challenge';
    item.finish();
    if (challengeType !== undefined) challenge = { type: challengeType, field };
  }
  reader.finish();
  return { match, ...(signature && { signature }), ...(eventId !== undefined && { eventId }), ...(challenge && { challenge }) };
}

function readMatchRule(context: ParseContext, raw: unknown, pointer: string): IR.WebhookMatchRule | undefined {
  const reader = new ObjectReader(context, raw, pointer, 'WebhookMatchRule');
  if (!reader.complete) return undefined;
  const header = reader.string('header');
  const body = reader.string('body');
  const origin = reader.origin;
  const oneOfRaw = reader.list('oneOf');
  reader.finish();
  if ((header === undefined) === (body === undefined)) {
    report(context, 'TS0005', 'A match rule needs exactly one of "header" or "body".', pointer);
    return undefined;
  }
  const equals = reader.value['equals'];
  if (header !== undefined) {
    const oneOf = reader.stringList('oneOf');
    return {
      header,
      ...(equals !== undefined && equals !== null && { equals: String(equals) }),
      ...(oneOf && { oneOf }),
      origin,
    };
  }
  return { body: body ?? '', ...(equals !== undefined && { equals }), ...(oneOfRaw && { oneOf: oneOfRaw }), origin };
}

function readSignature(context: ParseContext, raw: unknown, pointer: string): IR.WebhookSignature | undefined {
  const reader = new ObjectReader(context, raw, pointer, 'WebhookSignature');
  if (!reader.complete) return undefined;
  const algorithm = reader.oneOf('algorithm', signatureAlgorithms, true);
  const defaults = algorithm ? signatureDefaults[algorithm] : undefined;
  const header = reader.string('header', defaults !== undefined && defaults.header === undefined) ?? defaults?.header;
  const encoding = reader.oneOf('encoding', ['hex', 'base64'] as const) ?? defaults?.encoding ?? 'hex';
  const prefix = reader.string('prefix') ?? defaults?.prefix;
  const timestampHeader = reader.string('timestampHeader') ?? defaults?.timestampHeader;
  const signedPayload = reader.string('signedPayload') ?? defaults?.signedPayload;
  const toleranceSeconds = reader.number('toleranceSeconds', { integer: true }) ?? 300;
  reader.finish();
  if (!reader.complete || algorithm === undefined || header === undefined) return undefined;
  return {
    algorithm,
    header,
    encoding,
    ...(prefix !== undefined && { prefix }),
    ...(timestampHeader !== undefined && { timestampHeader }),
    ...(signedPayload !== undefined && { signedPayload }),
    toleranceSeconds,
    origin: reader.origin,
  };
}

function readPoll(context: ParseContext, raw: unknown, pointer: string): IR.PollSpec | undefined {
  const reader = new ObjectReader(context, raw, pointer, 'Poll');
  if (!reader.complete) return undefined;
  const tool = reader.string('tool', true);
  const argumentsRaw = reader.mapping('arguments') ?? {};
  const intervalSeconds = reader.number('intervalSeconds', { integer: true }) ?? 300;
  if (intervalSeconds < 1) {
    report(context, 'TS0005', `Field "intervalSeconds" must be at least 1; got ${intervalSeconds}.`, reader.at('intervalSeconds'));
  }
  const itemsPath = pointerField(reader, 'itemsPath') ?? '';
  const dedupeKey = pointerField(reader, 'dedupeKey') ?? '/id';
  reader.finish();
  if (!reader.complete || tool === undefined) return undefined;
  return { tool, arguments: isPlainObject(argumentsRaw) ? argumentsRaw : {}, intervalSeconds, itemsPath, dedupeKey };
}

/** An RFC 6901 JSON pointer: empty (the whole value) or starting with "/". */
function isPointer(text: string): boolean {
  return text === '' || text.startsWith('/');
}

function pointerField(reader: ObjectReader, key: string): string | undefined {
  const value = reader.string(key);
  if (value === undefined || isPointer(value)) return value;
  report(
    reader.context,
    'TS0005',
    `Field "${key}" must be a JSON pointer ("" or starting with "/"); got ${JSON.stringify(value)}.`,
    reader.at(key),
    `did you mean "/${value.replace(/\./g, '/')}"?`,
  );
  return undefined;
}
