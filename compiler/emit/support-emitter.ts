/**
 * `<toolkit>/support.gen.ts`: the few helpers every toolkit module uses to build tool and trigger objects
 * whose schemas are made on first access. Emitted per toolkit so a toolkit folder stands alone and
 * generated code imports nothing but `zod` (values) and `toolsmith` (types).
 */
import type { IR } from '../ir/types.js';
import { printModule } from './ts-printer.js';
import type { Emitter, GeneratedFile } from './types.js';

const SUPPORT = `import { readFileSync } from 'node:fs';
import type { CompiledToolkit } from 'toolsmith';
import type { z } from 'zod';

export type Tool = CompiledToolkit['tools'][number];
export type Trigger = CompiledToolkit['triggers'][number];
export type JsonSchema = Tool['inputParameters'];

/** Runs \`make\` on the first call and returns its result ever after. */
export function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

/** A JSON Schema kept as JSON text until first use; \`refs\` name the shared schemas to attach as \`$defs\`. */
export function jsonSchema(text: string, refs: readonly string[] = [], defs?: () => Readonly<Record<string, JsonSchema>>): () => JsonSchema {
  return once(() => {
    const schema = JSON.parse(text) as JsonSchema;
    if (refs.length > 0 && defs !== undefined) {
      const all = defs();
      schema['$defs'] = Object.fromEntries(refs.map((ref) => [ref, all[ref]]));
    }
    return schema;
  });
}

const jsonFiles = new Map<string, Record<string, unknown>>();

/**
 * \`json/<name>\` next to this module, read and parsed on first use, then kept. Schemas stay on disk until a
 * tool needs one, so importing the toolkit stays fast; this makes generated toolkits Node-only.
 */
export function jsonFile(name: string): Record<string, unknown> {
  let value = jsonFiles.get(name);
  if (value === undefined) {
    value = JSON.parse(readFileSync(new URL(\`./json/\${name}\`, import.meta.url), 'utf8')) as Record<string, unknown>;
    jsonFiles.set(name, value);
  }
  return value;
}

/** A tool's JSON Schema from \`json/<file>\` (entry \`slug\`, field \`key\`), with its \`refs\` attached as \`$defs\`. */
export function storedSchema(file: string, slug: string, key: string, refs: readonly string[] = [], defs?: () => Readonly<Record<string, JsonSchema>>): () => JsonSchema {
  return once(() => {
    const schema = (jsonFile(file)[slug] as Record<string, JsonSchema>)[key]!;
    if (refs.length > 0 && defs !== undefined) {
      const all = defs();
      schema['$defs'] = Object.fromEntries(refs.map((ref) => [ref, all[ref]]));
    }
    return schema;
  });
}

/** The property descriptors of \`spec\` minus \`keys\` (descriptors, so getters stay lazy). */
function without(spec: object, keys: readonly string[]): PropertyDescriptorMap {
  const fields: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(spec);
  for (const key of keys) delete fields[key];
  return fields;
}

export type ToolSpec = Omit<Tool, 'toolkit' | 'input' | 'output' | 'inputParameters' | 'outputParameters'> & {
  readonly input: () => z.ZodType<Record<string, unknown>>;
  readonly output: () => z.ZodType;
  readonly inputParameters: () => JsonSchema;
  readonly outputParameters: () => JsonSchema;
};

/** A tool whose schemas are built (and JSON parsed) on first access, then kept. Getters in \`spec\` stay lazy. */
export function defineTool(toolkit: string, spec: ToolSpec): Tool {
  const fields = without(spec, ['input', 'output', 'inputParameters', 'outputParameters']);
  const inputSchema = once(spec.input);
  const outputSchema = once(spec.output);
  return Object.defineProperties({ toolkit } as Tool, {
    ...fields,
    input: { get: inputSchema, enumerable: true },
    output: { get: outputSchema, enumerable: true },
    inputParameters: { get: spec.inputParameters, enumerable: true },
    outputParameters: { get: spec.outputParameters, enumerable: true },
  });
}

export type TriggerSpec = Omit<Trigger, 'toolkit' | 'config' | 'payload' | 'configParameters' | 'payloadParameters'> & {
  readonly config: () => z.ZodType<Record<string, unknown>>;
  readonly payload: () => z.ZodType;
  readonly configParameters: () => JsonSchema;
  readonly payloadParameters: () => JsonSchema;
};

/** A trigger whose schemas are built on first access, then kept. */
export function defineTrigger(toolkit: string, spec: TriggerSpec): Trigger {
  const fields = without(spec, ['config', 'payload', 'configParameters', 'payloadParameters']);
  const configSchema = once(spec.config);
  const payloadSchema = once(spec.payload);
  return Object.defineProperties({ toolkit } as Trigger, {
    ...fields,
    config: { get: configSchema, enumerable: true },
    payload: { get: payloadSchema, enumerable: true },
    configParameters: { get: spec.configParameters, enumerable: true },
    payloadParameters: { get: spec.payloadParameters, enumerable: true },
  });
}`;

export const supportEmitter: Emitter = {
  name: 'support',
  emitToolkit(toolkit: IR.Toolkit): GeneratedFile[] {
    return [{ path: `${toolkit.slug}/support.gen.ts`, contents: printModule([SUPPORT]) }];
  },
};
