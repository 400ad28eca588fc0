/**
 * Reads one mapping of a definition field by field, reporting wrong types, invalid values and
 * missing required fields as it goes, and unknown fields (with "did you mean") at `finish()`.
 * Each object kind has a closed field list in `fields.ts`, which `toolsmith.schema.json` mirrors.
 */
import type { Diagnostic, DiagnosticCode } from '../../diagnostics/codes.js';
import { joinPointer, makeDiagnostic } from '../../diagnostics/positions.js';
import type { IR } from '../../ir/types.js';
import { didYouMeanHint } from './did-you-mean.js';
import { definitionFields, type DefinitionKind } from './fields.js';

export interface ParseContext {
  readonly file: string;
  readonly diagnostics: Diagnostic[];
}

export function report(context: ParseContext, code: DiagnosticCode, message: string, pointer: string, hint?: string): void {
  context.diagnostics.push(makeDiagnostic(code, 'error', message, { file: context.file, pointer }, hint));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

const kindLabels: Record<DefinitionKind, string> = {
  Toolkit: 'the toolkit',
  ConnectionField: 'a connection field',
  CredentialField: 'a credential field',
  InjectRule: 'an inject rule',
  AuthOAuth2: 'an oauth2 auth scheme',
  AuthApiKey: 'an api_key auth scheme',
  AuthBearer: 'a bearer auth scheme',
  AuthBasic: 'a basic auth scheme',
  AuthNone: 'a none auth scheme',
  AuthCustom: 'a custom auth scheme',
  Tool: 'a tool',
  ToolHints: 'hints',
  Request: 'request',
  Parameter: 'a parameter',
  Body: 'body',
  BodyEncoding: 'a body encoding',
  Response: 'response',
  Trigger: 'a trigger',
  Webhook: 'webhook',
  WebhookMatchRule: 'a webhook match rule',
  WebhookSignature: 'a webhook signature',
  WebhookChallenge: 'a webhook challenge',
  Poll: 'poll',
  OpenApi: 'openapi',
  OpenApiToolOverride: 'an openapi tool override',
  ResponseFile: 'a response file field',
};

export class ObjectReader {
  readonly value: Record<string, unknown>;
  /** False when the node is not a mapping or a required field is missing or unusable. */
  complete: boolean;

  constructor(
    readonly context: ParseContext,
    raw: unknown,
    readonly pointer: string,
    readonly kind: DefinitionKind,
  ) {
    if (isPlainObject(raw)) {
      this.value = raw;
      this.complete = true;
    } else {
      report(context, 'TS0004', `${capitalize(kindLabels[kind])} must be a mapping, got ${describeType(raw)}.`, pointer);
      this.value = {};
      this.complete = false;
    }
  }

  get origin(): IR.Origin {
    return { file: this.context.file, pointer: this.pointer };
  }

  at(key: string): string {
    return joinPointer(this.pointer, key);
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  /** The raw value, after a presence check; reports a missing required field. */
  raw(key: string, required = false): unknown {
    const value = this.value[key];
    if (value === undefined || value === null) {
      if (required) {
        report(this.context, 'TS0003', `Missing required field "${key}" in ${kindLabels[this.kind]}.`, this.pointer);
        this.complete = false;
      }
      return undefined;
    }
    return value;
  }

  private wrongType(key: string, expected: string, value: unknown, required: boolean): undefined {
    report(this.context, 'TS0004', `Field "${key}" must be ${expected}, got ${describeType(value)}.`, this.at(key));
    if (required) this.complete = false;
    return undefined;
  }

  string(key: string, required = false): string | undefined {
    const value = this.raw(key, required);
    if (value === undefined) return undefined;
    // YAML reads `version: 2` as a number; accept scalars where a string is expected.
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return typeof value === 'string' ? value : this.wrongType(key, 'a string', value, required);
  }

  number(key: string, options: { integer?: boolean; required?: boolean } = {}): number | undefined {
    const value = this.raw(key, options.required);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || (options.integer && !Number.isInteger(value))) {
      return this.wrongType(key, options.integer ? 'an integer' : 'a number', value, options.required ?? false);
    }
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    return typeof value === 'boolean' ? value : this.wrongType(key, 'true or false', value, false);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], required = false): T | undefined {
    const value = this.string(key, required);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    report(
      this.context,
      'TS0005',
      `Field "${key}" must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`,
      this.at(key),
      didYouMeanHint(value, allowed),
    );
    if (required) this.complete = false;
    return undefined;
  }

  stringList(key: string): string[] | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.wrongType(key, 'a list of strings', value, false);
    const result: string[] = [];
    value.forEach((item, index) => {
      if (typeof item === 'string' || typeof item === 'number') result.push(String(item));
      else report(this.context, 'TS0004', `Item ${index} of "${key}" must be a string, got ${describeType(item)}.`, joinPointer(this.at(key), index));
    });
    return result;
  }

  stringRecord(key: string): Record<string, string> | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (!isPlainObject(value)) return this.wrongType(key, 'a mapping of strings', value, false);
    const result: Record<string, string> = {};
    for (const [name, item] of Object.entries(value)) {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') result[name] = String(item);
      else report(this.context, 'TS0004', `Value of "${key}.${name}" must be a string, got ${describeType(item)}.`, joinPointer(this.at(key), name));
    }
    return result;
  }

  list(key: string, required = false): unknown[] | undefined {
    const value = this.raw(key, required);
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value : this.wrongType(key, 'a list', value, required);
  }

  mapping(key: string, required = false): Record<string, unknown> | undefined {
    const value = this.raw(key, required);
    if (value === undefined) return undefined;
    return isPlainObject(value) ? value : this.wrongType(key, 'a mapping', value, required);
  }

  /** A JSON Schema: a mapping (checked in depth by the validator) or `true` / `false`. */
  schema(key: string, required = false): IR.JsonSchema | undefined {
    const value = this.raw(key, required);
    if (value === undefined) return undefined;
    if (value === true) return {};
    if (value === false) return { not: {} };
    return isPlainObject(value) ? value : this.wrongType(key, 'a JSON Schema (a mapping)', value, required);
  }

  /** Reports every field that the kind does not define. */
  finish(allowed: readonly string[] = definitionFields[this.kind]): void {
    for (const key of Object.keys(this.value)) {
      if (allowed.includes(key)) continue;
      report(
        this.context,
        'TS0002',
        `Unknown field "${key}" in ${kindLabels[this.kind]}.`,
        this.at(key),
        didYouMeanHint(key, allowed),
      );
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
