/**
 * Arguments → validated flat input. Problems come back as one message naming every bad field and what was
 * expected, so a model can repair its call.
 */
import type { z } from 'zod';
import type { CompiledTool } from '../types.js';

export type ArgumentsCheck =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly error: string; readonly fields: readonly string[] };

/** An object, a JSON string of an object, or nothing (= `{}`). */
export function parseArguments(raw: unknown): ArgumentsCheck {
  let value = raw;
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: {} };
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      return { ok: false, error: `arguments is not valid JSON (${(error as Error).message}); send a JSON object.`, fields: [] };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `arguments must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}.`, fields: [] };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(arguments)';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`)).join('');
}

/** Zod issues → "`owner`: expected string, received number; …". */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): { message: string; fields: string[] } {
  const fields: string[] = [];
  const parts = issues.map((issue) => {
    const where = fieldPath(issue.path);
    fields.push(where);
    if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((key) => `\`${key}\``).join(', ')} at ${where}`;
    const message = issue.message.replace(/^Invalid input: /, '');
    return `\`${where}\`: ${message}`;
  });
  return { message: parts.join('; '), fields };
}

type CheckedTool = Pick<CompiledTool, 'slug' | 'input' | 'inputs' | 'inputParameters'>;

/** Known top-level names per tool (undefined: any name allowed), computed once. */
const knownFields = new WeakMap<object, Set<string> | null>();
function knownFieldsOf(tool: CheckedTool): Set<string> | null {
  let known = knownFields.get(tool);
  if (known === undefined) {
    const parameters = tool.inputParameters;
    const properties = parameters.properties;
    known = properties && typeof properties === 'object' && parameters.additionalProperties !== true ? new Set(Object.keys(properties)) : null;
    knownFields.set(tool, known);
  }
  return known;
}

/** Validates flat arguments; unknown top-level fields are errors (they would be silently dropped otherwise). */
export function validateArguments(tool: CheckedTool, args: Record<string, unknown>): ArgumentsCheck {
  const problems: string[] = [];
  const fields: string[] = [];
  const known = knownFieldsOf(tool);
  if (known) {
    let unknown: string[] | undefined;
    for (const key in args) if (Object.hasOwn(args, key) && !known.has(key)) (unknown ??= []).push(key);
    if (unknown !== undefined) {
      fields.push(...unknown);
      problems.push(`unknown field(s) ${unknown.map((key) => `\`${key}\``).join(', ')} (known: ${[...known].join(', ') || 'none'})`);
    }
  }
  const parsed = tool.input.safeParse(args);
  if (!parsed.success) {
    const described = describeIssues(parsed.error.issues);
    problems.unshift(described.message);
    fields.unshift(...described.fields);
  }
  if (problems.length > 0) {
    return { ok: false, error: `Invalid arguments for ${tool.slug}: ${problems.join('; ')}.`, fields };
  }
  return { ok: true, value: parsed.data as Record<string, unknown> };
}
