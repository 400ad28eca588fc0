/** A definition's webhook match rules (header/body, equals/oneOf/present) and event-id extraction. */
import type { WebhookMatchRule } from '../types.js';
import type { HeaderLookup } from './signatures.js';
import { deepEqual, readPointer } from './util.js';

export function matchesRules(rules: readonly WebhookMatchRule[], headers: HeaderLookup, body: unknown): boolean {
  return rules.every((rule) => {
    const actual = 'header' in rule ? headers(rule.header) : readPointer(body, rule.body);
    if (actual === undefined) return false;
    if (rule.equals !== undefined) return deepEqual(actual, rule.equals);
    if (rule.oneOf !== undefined) return (rule.oneOf as readonly unknown[]).some((option) => deepEqual(actual, option));
    return true;
  });
}

/** Reads the declared event id: `header:<Name>` or a JSON pointer into the body. */
export function readEventId(spec: string | undefined, headers: HeaderLookup, body: unknown): string | undefined {
  if (!spec) return undefined;
  const value = spec.startsWith('header:') ? headers(spec.slice(7).trim()) : readPointer(body, spec);
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
