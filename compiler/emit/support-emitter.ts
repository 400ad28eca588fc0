/**
 * `<toolkit>/support.gen.ts`: the helpers a toolkit's modules use to build tool and trigger objects whose
 * heavy parts — JSON Schemas, request specs, input mappings and Zod schemas — stay in `json/*.json` until first
 * access. Emitted per toolkit so a toolkit folder stands alone; it imports values only from `toolsmith/schema`
 * (the Zod builder and nothing else of the runtime) and `node:fs`.
 */
import type { IR } from '../ir/types.js';
import { printModule } from './ts-printer.js';
import type { Emitter, GeneratedFile } from './types.js';

const SUPPORT = `import { readFileSync } from 'node:fs';
import {
  createSharedSchemas, markFileInputs, zodFromJsonSchema,
  type CompiledRequest, type CompiledToolkit, type InputMapping, type JsonSchema,
} from 'toolsmith/schema';
import type { z } from 'zod';

export type Tool = CompiledToolkit['tools'][number];
export type Trigger = CompiledToolkit['triggers'][number];

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

/** One tool in \`json/parameters-NN.json\`: its JSON Schemas (refs to \`#/$defs/<key>\`), request and input mappings. */
interface StoredTool {
  readonly input: JsonSchema;
  readonly output: JsonSchema;
  readonly inputRefs?: readonly string[];
  readonly outputRefs?: readonly string[];
  readonly request: CompiledRequest;
  readonly inputs: readonly InputMapping[];
}

/** One trigger in \`json/triggers.json\`. */
interface StoredTrigger {
  readonly config: JsonSchema;
  readonly payload: JsonSchema;
  readonly configRefs?: readonly string[];
  readonly payloadRefs?: readonly string[];
}

/** The shared schemas tool and trigger schemas reference (\`json/defs.json\`). */
const defs = once((): Readonly<Record<string, JsonSchema>> => DEFS);
/** Their Zod schemas, each built once on first reference. */
const shared = createSharedSchemas(defs);

/** \`schema\` with the shared schemas it references attached as \`$defs\` (self-contained, as models get it). */
function withDefs(schema: JsonSchema, refs: readonly string[] | undefined): JsonSchema {
  if (refs === undefined || refs.length === 0) return schema;
  const all = defs();
  return { ...schema, $defs: Object.fromEntries(refs.map((ref) => [ref, all[ref]])) };
}

const built = new Map<string, unknown>();
function memo<T>(key: string, make: () => T): T {
  if (!built.has(key)) built.set(key, make());
  return built.get(key) as T;
}

function storedTool(file: string, slug: string): StoredTool {
  return jsonFile(file)[slug] as StoredTool;
}

function storedTrigger(slug: string): StoredTrigger {
  return jsonFile('triggers.json')[slug] as StoredTrigger;
}

/** The Zod schema of a tool's input or output: built on the first call, the same object ever after. */
export function toolSchema<T>(file: string, slug: string, key: 'input' | 'output'): () => z.ZodType<T> {
  return () =>
    memo(\`tool:\${slug}:\${key}\`, () => {
      const stored = storedTool(file, slug);
      return key === 'input'
        ? zodFromJsonSchema(markFileInputs(stored.input, stored.inputs), { mode: 'input', shared })
        : zodFromJsonSchema(stored.output, { mode: 'output', shared });
    }) as z.ZodType<T>;
}

/** The Zod schema of a trigger's config (checked like inputs) or payload (lenient like outputs). */
export function triggerSchema<T>(slug: string, key: 'config' | 'payload'): () => z.ZodType<T> {
  return () =>
    memo(\`trigger:\${slug}:\${key}\`, () =>
      zodFromJsonSchema(storedTrigger(slug)[key], { mode: key === 'config' ? 'input' : 'output', shared }),
    ) as z.ZodType<T>;
}

/** The Zod schema of the shared schema \`key\` (lenient, as shared schemas serve requests and responses alike). */
export function sharedSchema<T>(key: string): () => z.ZodType<T> {
  return () => shared.get(key) as z.ZodType<T>;
}

/** The fields a toolkit module writes per tool: what listing and filtering need, nothing heavy. */
export type ToolSpec = Omit<Tool, 'toolkit' | 'input' | 'output' | 'inputParameters' | 'outputParameters' | 'request' | 'inputs'>;

/**
 * A tool whose schemas, request and input mappings are read from \`json/<file>\` (and built) on first access.
 * The lazy fields are getters on the prototype (a class, not per-object accessors: creating 1,000+ tools at import
 * stays cheap), so they are not own properties: spread a tool and they are left out.
 */
class StoredToolObject {
  readonly toolkit: string;
  readonly #file: string;
  #inputParameters: JsonSchema | undefined;
  #outputParameters: JsonSchema | undefined;
  constructor(toolkit: string, file: string, spec: ToolSpec) {
    Object.assign(this, spec);
    this.toolkit = toolkit;
    this.#file = file;
  }
  get #stored(): StoredTool {
    return storedTool(this.#file, (this as unknown as Tool).slug);
  }
  get input(): z.ZodType<Record<string, unknown>> {
    return toolSchema<Record<string, unknown>>(this.#file, (this as unknown as Tool).slug, 'input')();
  }
  get output(): z.ZodType {
    return toolSchema<unknown>(this.#file, (this as unknown as Tool).slug, 'output')();
  }
  get inputParameters(): JsonSchema {
    return (this.#inputParameters ??= withDefs(this.#stored.input, this.#stored.inputRefs));
  }
  get outputParameters(): JsonSchema {
    return (this.#outputParameters ??= withDefs(this.#stored.output, this.#stored.outputRefs));
  }
  get request(): CompiledRequest {
    return this.#stored.request;
  }
  get inputs(): readonly InputMapping[] {
    return this.#stored.inputs;
  }
}

export function defineTool(toolkit: string, file: string, spec: ToolSpec): Tool {
  return new StoredToolObject(toolkit, file, spec) as unknown as Tool;
}

export type TriggerSpec = Omit<Trigger, 'toolkit' | 'config' | 'payload' | 'configParameters' | 'payloadParameters'>;

/** A trigger whose schemas are read from \`json/triggers.json\` (and built) on first access. */
export function defineTrigger(toolkit: string, spec: TriggerSpec): Trigger {
  const slug = spec.slug;
  const configParameters = once(() => withDefs(storedTrigger(slug).config, storedTrigger(slug).configRefs));
  const payloadParameters = once(() => withDefs(storedTrigger(slug).payload, storedTrigger(slug).payloadRefs));
  return Object.defineProperties({ toolkit } as Trigger, {
    ...Object.getOwnPropertyDescriptors(spec),
    config: { get: triggerSchema(slug, 'config'), enumerable: true },
    payload: { get: triggerSchema(slug, 'payload'), enumerable: true },
    configParameters: { get: configParameters, enumerable: true },
    payloadParameters: { get: payloadParameters, enumerable: true },
  });
}`;

export const supportEmitter: Emitter = {
  name: 'support',
  emitToolkit(toolkit: IR.Toolkit): GeneratedFile[] {
    const hasDefs = Object.keys(toolkit.sharedSchemas).length > 0;
    // A toolkit without shared schemas has no defs.json: an unresolvable $ref then becomes "anything", never a read error.
    const source = SUPPORT.replace('=> DEFS);', hasDefs ? "=> jsonFile('defs.json') as Record<string, JsonSchema>);" : '=> ({}));');
    return [{ path: `${toolkit.slug}/support.gen.ts`, contents: printModule([source]) }];
  },
};
