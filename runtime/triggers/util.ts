/** Small helpers for the trigger modules: ids, JSON pointers, deep equality, the real clock. */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock, TriggerLogger } from './types.js';

export function randomId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('base64url')}`;
}

/** A stable event id: the same source event for the same instance always gets the same id. */
export function eventIdFor(triggerId: string, sourceId: string): string {
  return `evt_${createHash('sha256').update(`${triggerId}\n${sourceId}`).digest('base64url').slice(0, 27)}`;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** RFC 6901 pointer lookup; a path without a leading `/` is read as dot-separated (`event.type`). */
export function readPointer(value: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return pointer === '' ? value : readStep(value, '');
  const steps = pointer.startsWith('/')
    ? pointer.slice(1).split('/').map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'))
    : pointer.split('.');
  let current = value;
  for (const step of steps) {
    current = readStep(current, step);
    if (current === undefined) return undefined;
  }
  return current;
}

function readStep(value: unknown, step: string): unknown {
  if (Array.isArray(value)) {
    if (!/^(0|[1-9]\d*)$/.test(step)) return undefined;
    return value[Number(step)];
  }
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, step)) {
    return (value as Record<string, unknown>)[step];
  }
  return undefined;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const consoleLogger: TriggerLogger = {
  info: () => {},
  warn: (message, data) => console.warn(`[toolsmith triggers] ${message}`, data ? JSON.stringify(data) : ''),
};

/** An error's message, without a stack, shortened for logs and dead letters. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 500 ? `${message.slice(0, 500)}…` : message;
}
