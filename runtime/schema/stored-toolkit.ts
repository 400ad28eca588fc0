/**
 * The run-time half of a generated toolkit: tool and trigger objects whose heavy parts — the tool list, JSON
 * Schemas, request specs, input mappings, provider schemas and Zod schemas — stay in the toolkit's `json/` folder
 * until first access. Each generated `support.gen.ts` binds one `storedToolkit` to its own `json/` folder, so the
 * logic lives here once instead of in every generated folder, and a fix here needs no rebuild.
 *
 * Reading is synchronous (`readFileSync`): the compiled contract has synchronous getters and ESM has no
 * synchronous dynamic import. This makes generated toolkits Node-only.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { CompiledRequest, CompiledTool, CompiledTrigger, InputMapping, JsonSchema, ProviderSchema } from '../types.js';
import { markFileInputs } from './file-inputs.js';
import { once } from './once.js';
import { createSharedSchemas, zodFromJsonSchema } from './zod-from-json-schema.js';

/** The fields `json/tools.json` holds per tool (keyed by slug), besides its file group. */
export type ToolSpec = Omit<CompiledTool, 'toolkit' | 'input' | 'output' | 'inputParameters' | 'outputParameters' | 'request' | 'inputs'>;
/** The fields a toolkit module writes per trigger; the schemas come from `json/triggers.json`. */
export type TriggerSpec = Omit<CompiledTrigger, 'toolkit' | 'config' | 'payload' | 'configParameters' | 'payloadParameters'>;

/** One entry of `json/tools.json`; `group` numbers the `parameters-NN.json` / `providers-NN.json` holding the rest. */
type StoredToolSpec = Omit<ToolSpec, 'slug' | 'providerSchemas'> & { readonly group: number };

/** One tool in `json/parameters-NN.json`: its JSON Schemas (refs to `#/$defs/<key>`), request and input mappings. */
interface StoredTool {
  readonly input: JsonSchema;
  readonly output: JsonSchema;
  readonly inputRefs?: readonly string[];
  readonly outputRefs?: readonly string[];
  readonly request: CompiledRequest;
  readonly inputs: readonly InputMapping[];
}

/** One trigger in `json/triggers.json`. */
interface StoredTrigger {
  readonly config: JsonSchema;
  readonly payload: JsonSchema;
  readonly configRefs?: readonly string[];
  readonly payloadRefs?: readonly string[];
}

type Dialect = 'openai' | 'anthropic' | 'gemini';

/** What a generated toolkit's modules build their tools, triggers and schema exports with. */
export interface StoredToolkit {
  /** The toolkit's tools from `json/tools.json`, built on the first call, the same array ever after. `extra`: more fields by slug. */
  readonly storedTools: (toolkit: string, extra?: Readonly<Record<string, Readonly<Record<string, unknown>>>>) => () => readonly CompiledTool[];
  /** A trigger whose schemas are read from `json/triggers.json` (and built) on first access. */
  readonly defineTrigger: (toolkit: string, spec: TriggerSpec) => CompiledTrigger;
  /** The Zod schema of a tool's input or output: built on the first call, the same object ever after. */
  readonly toolSchema: <T>(file: string, slug: string, key: 'input' | 'output') => () => z.ZodType<T>;
  /** The Zod schema of a trigger's config (checked like inputs) or payload (lenient like outputs). */
  readonly triggerSchema: <T>(slug: string, key: 'config' | 'payload') => () => z.ZodType<T>;
  /** The Zod schema of shared schema `key` (lenient: shared schemas serve requests and responses alike). */
  readonly sharedSchema: <T>(key: string) => () => z.ZodType<T>;
}

export interface StoredToolkitOptions {
  /** Whether `json/defs.json` exists (a toolkit without shared schemas has none: a stray `$ref` then means "anything"). */
  readonly defs: boolean;
}

/** The helpers for the toolkit whose JSON files are in `jsonFolder` (a `file:` URL ending in `/`). */
export function storedToolkit(jsonFolder: URL, options: StoredToolkitOptions): StoredToolkit {
  const readJson = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, jsonFolder), 'utf8')) as Record<string, unknown>;
  const files = new Map<string, Record<string, unknown>>();
  /** `json/<name>`, read and parsed on first use, then kept. */
  const jsonFile = (name: string): Record<string, unknown> => {
    let value = files.get(name);
    if (value === undefined) {
      value = readJson(name);
      files.set(name, value);
    }
    return value;
  };
  const defs = once((): Readonly<Record<string, JsonSchema>> => (options.defs ? (jsonFile('defs.json') as Record<string, JsonSchema>) : {}));
  const shared = createSharedSchemas(defs);
  const storedTool = (file: string, slug: string): StoredTool => jsonFile(file)[slug] as StoredTool;
  const storedTrigger = (slug: string): StoredTrigger => jsonFile('triggers.json')[slug] as StoredTrigger;

  /** `schema` with the shared schemas it references attached as `$defs` (self-contained, as models get it). */
  const withDefs = (schema: JsonSchema, refs: readonly string[] | undefined): JsonSchema => {
    if (refs === undefined || refs.length === 0) return schema;
    const all = defs();
    return { ...schema, $defs: Object.fromEntries(refs.map((ref) => [ref, all[ref]])) };
  };

  const built = new Map<string, z.ZodType>();
  const memo = (key: string, make: () => z.ZodType): z.ZodType => {
    let schema = built.get(key);
    if (schema === undefined) {
      schema = make();
      built.set(key, schema);
    }
    return schema;
  };

  const toolSchema = <T>(file: string, slug: string, key: 'input' | 'output'): (() => z.ZodType<T>) => () =>
    memo(`tool:${slug}:${key}`, () => {
      const stored = storedTool(file, slug);
      return key === 'input'
        ? zodFromJsonSchema(markFileInputs(stored.input, stored.inputs), { mode: 'input', shared })
        : zodFromJsonSchema(stored.output, { mode: 'output', shared });
    }) as z.ZodType<T>;

  const triggerSchema = <T>(slug: string, key: 'config' | 'payload'): (() => z.ZodType<T>) => () =>
    memo(`trigger:${slug}:${key}`, () =>
      zodFromJsonSchema(storedTrigger(slug)[key], { mode: key === 'config' ? 'input' : 'output', shared }),
    ) as z.ZodType<T>;

  /**
   * The provider schemas of tool `slug`, read from `json/<file>` when a dialect is first read. Own enumerable
   * getters, so the object reads like a plain record: `Object.keys` / `Object.entries` list the dialects.
   */
  const providerSchemas = (file: string, slug: string): Readonly<Record<Dialect, ProviderSchema>> => {
    const entry = (dialect: Dialect): ProviderSchema => (jsonFile(file)[slug] as Record<Dialect, ProviderSchema>)[dialect];
    return {
      get openai() { return entry('openai'); },
      get anthropic() { return entry('anthropic'); },
      get gemini() { return entry('gemini'); },
    };
  };

  /**
   * A tool whose schemas, request and input mappings are read from `json/parameters-NN.json` (and built) on
   * first access. The lazy fields are getters on the prototype (a class, not per-object accessors: creating
   * 1,000+ tools stays cheap), so they are not own properties: spread a tool and they are left out.
   */
  class StoredToolObject implements ToolSpec {
    // `declare`: set in the constructor only (a class field would first define each as undefined, per tool).
    declare readonly toolkit: string;
    declare readonly slug: string;
    declare readonly name: string;
    declare readonly description: string;
    declare readonly importance: number;
    declare readonly scopes: readonly string[];
    declare readonly tags: readonly string[];
    declare readonly hints: ToolSpec['hints'];
    declare readonly deprecated?: boolean;
    declare readonly providerSchemas: Readonly<Record<Dialect, ProviderSchema>>;
    readonly #file: string;
    #inputParameters: JsonSchema | undefined;
    #outputParameters: JsonSchema | undefined;
    constructor(toolkit: string, slug: string, spec: StoredToolSpec, extra: Readonly<Record<string, unknown>> | undefined) {
      const group = spec.group < 10 ? `0${spec.group}` : String(spec.group);
      this.#file = `parameters-${group}.json`;
      this.toolkit = toolkit;
      this.slug = slug;
      // Field by field (not a spread): the same property order and object shape for every tool, and no copies.
      this.name = spec.name;
      this.description = spec.description;
      this.importance = spec.importance;
      this.scopes = spec.scopes;
      this.tags = spec.tags;
      this.hints = spec.hints;
      if (spec.deprecated === true) (this as { deprecated?: boolean }).deprecated = true;
      this.providerSchemas = providerSchemas(`providers-${group}.json`, slug);
      if (extra !== undefined) Object.assign(this, extra);
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

  return {
    // JSON.parse of the list is several times cheaper than compiling the same data as code (≈ 35 ms for GitHub).
    storedTools: (toolkit, extra) =>
      once(() => {
        // Read, not kept: the tool objects are all that is needed of it.
        const specs = readJson('tools.json') as Record<string, StoredToolSpec>;
        const tools: CompiledTool[] = [];
        for (const slug in specs) {
          if (slug !== '//') tools.push(new StoredToolObject(toolkit, slug, specs[slug]!, extra?.[slug]) as unknown as CompiledTool);
        }
        return tools;
      }),
    defineTrigger: (toolkit, spec) => {
      const slug = spec.slug;
      const configParameters = once(() => withDefs(storedTrigger(slug).config, storedTrigger(slug).configRefs));
      const payloadParameters = once(() => withDefs(storedTrigger(slug).payload, storedTrigger(slug).payloadRefs));
      return Object.defineProperties({ toolkit } as CompiledTrigger, {
        ...Object.getOwnPropertyDescriptors(spec),
        config: { get: triggerSchema(slug, 'config'), enumerable: true },
        payload: { get: triggerSchema(slug, 'payload'), enumerable: true },
        configParameters: { get: configParameters, enumerable: true },
        payloadParameters: { get: payloadParameters, enumerable: true },
      });
    },
    toolSchema,
    triggerSchema,
    sharedSchema: <T>(key: string) => () => shared.get(key) as z.ZodType<T>,
  };
}
