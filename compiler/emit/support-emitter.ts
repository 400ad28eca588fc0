/**
 * `<toolkit>/support.gen.ts`: the helpers a toolkit's modules use to build tool and trigger objects whose
 * heavy parts — JSON Schemas, request specs, input mappings and Zod schemas — stay in `json/*.json` until first
 * access. Emitted per toolkit so a toolkit folder stands alone; it imports values only from `toolsmith/schema`
 * (the Zod builder and nothing else of the runtime) and `node:fs`. The tool list itself is `json/tools.json`.
 */
import type { IR } from '../ir/types.js';
import { printModule } from './ts-printer.js';
import type { Emitter, GeneratedFile } from './types.js';

const SUPPORT = `import { readFileSync } from 'node:fs';
import {
  createSharedSchemas, markFileInputs, zodFromJsonSchema,
  type CompiledRequest, type CompiledToolkit, type InputMapping, type JsonSchema, type ProviderSchema,
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

/** The fields \`json/tools.json\` holds per tool: what listing and filtering need, nothing heavy. */
export type ToolSpec = Omit<Tool, 'toolkit' | 'input' | 'output' | 'inputParameters' | 'outputParameters' | 'request' | 'inputs'>;

/** One entry of \`json/tools.json\` (keyed by slug); \`group\` numbers the \`parameters-NN.json\` / \`providers-NN.json\` holding the rest. */
type StoredToolSpec = Omit<ToolSpec, 'slug' | 'providerSchemas'> & { readonly group: number };

type Dialect = 'openai' | 'anthropic' | 'gemini';

/**
 * The provider schemas of tool \`slug\`, read from \`json/<file>\` when a dialect is first read. Own enumerable
 * getters, so the object reads like a plain record: \`Object.keys\` / \`Object.entries\` list the dialects.
 */
function providerSchemas(file: string, slug: string): Readonly<Record<Dialect, ProviderSchema>> {
  const entry = (dialect: Dialect): ProviderSchema => (jsonFile(file)[slug] as Record<Dialect, ProviderSchema>)[dialect];
  return {
    get openai() { return entry('openai'); },
    get anthropic() { return entry('anthropic'); },
    get gemini() { return entry('gemini'); },
  };
}

/**
 * A tool whose schemas, request and input mappings are read from \`json/<file>\` (and built) on first access.
 * The lazy fields are getters on the prototype (a class, not per-object accessors: creating 1,000+ tools
 * stays cheap), so they are not own properties: spread a tool and they are left out.
 */
class StoredToolObject implements ToolSpec {
  readonly toolkit: string;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly importance: number;
  readonly scopes: readonly string[];
  readonly tags: readonly string[];
  readonly hints: ToolSpec['hints'];
  declare readonly deprecated?: true;
  readonly providerSchemas: Readonly<Record<Dialect, ProviderSchema>>;
  readonly #file: string;
  #inputParameters: JsonSchema | undefined;
  #outputParameters: JsonSchema | undefined;
  constructor(toolkit: string, slug: string, spec: StoredToolSpec, extra: Readonly<Record<string, unknown>> | undefined) {
    const number = String(spec.group).padStart(2, '0');
    this.toolkit = toolkit;
    this.slug = slug;
    // Field by field (not a spread): the same property order and object shape for every tool, and no copies.
    this.name = spec.name;
    this.description = spec.description;
    this.importance = spec.importance;
    this.scopes = spec.scopes;
    this.tags = spec.tags;
    this.hints = spec.hints;
    if (spec.deprecated === true) this.deprecated = true;
    this.providerSchemas = providerSchemas(\`providers-\${number}.json\`, slug);
    if (extra !== undefined) Object.assign(this, extra);
    this.#file = \`parameters-\${number}.json\`;
  }
  get #stored(): StoredTool {
    return storedTool(this.#file, this.slug);
  }
  get input(): z.ZodType<Record<string, unknown>> {
    return toolSchema<Record<string, unknown>>(this.#file, this.slug, 'input')();
  }
  get output(): z.ZodType {
    return toolSchema<unknown>(this.#file, this.slug, 'output')();
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

/**
 * The toolkit's tools, built from \`json/tools.json\` on the first call and the same array ever after: importing
 * a toolkit parses no tool list (JSON.parse is several times cheaper than compiling the same data as code).
 * \`extra\` holds fields added by \`toolFieldContributors\`, by slug.
 */
export function storedTools(toolkit: string, extra?: Readonly<Record<string, Readonly<Record<string, unknown>>>>): () => readonly Tool[] {
  return once(() => {
    const specs = JSON.parse(readFileSync(new URL('./json/tools.json', import.meta.url), 'utf8')) as Record<string, StoredToolSpec>;
    const tools: Tool[] = [];
    for (const slug in specs) {
      if (slug !== '//') tools.push(new StoredToolObject(toolkit, slug, specs[slug]!, extra?.[slug]) as unknown as Tool);
    }
    return tools;
  });
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
