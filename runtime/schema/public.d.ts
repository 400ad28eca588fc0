/**
 * Declarations of `toolsmith/schema` as generated code sees them (the `types` condition of the package export).
 * Generated toolkits then type-check against these few lines instead of re-checking the Zod-heavy builder
 * source in every consumer's program (that alone cost ~9 s of CPU per tsc run over the GitHub toolkit), as a
 * published package's .d.ts would. test/types/schema-entry.test-d.ts proves they equal the implementation's types.
 */
import type { z } from 'zod';
import type { CompiledTool, CompiledTrigger } from '../types.js';

type Schema = { readonly [keyword: string]: unknown };

export type SchemaMode = 'input' | 'output';

export interface SharedSchemas {
  readonly definitions: () => Readonly<Record<string, Schema>>;
  readonly get: (key: string) => z.ZodType;
}

export interface ZodFromJsonSchemaOptions {
  readonly mode?: SchemaMode;
  readonly shared?: SharedSchemas;
}

export declare function zodFromJsonSchema(schema: unknown, options?: ZodFromJsonSchemaOptions): z.ZodType;
export declare function createSharedSchemas(definitions: () => Readonly<Record<string, Schema>>): SharedSchemas;
export declare function markFileInputs(schema: Schema, inputs: ReadonlyArray<{ readonly name: string; readonly file?: boolean }>): Schema;
export declare const FILE_MARKER = 'x-toolsmith-file';

export type ToolSpec = Omit<CompiledTool, 'toolkit' | 'input' | 'output' | 'inputParameters' | 'outputParameters' | 'request' | 'inputs'>;
export type TriggerSpec = Omit<CompiledTrigger, 'toolkit' | 'config' | 'payload' | 'configParameters' | 'payloadParameters'>;

export interface StoredToolkit {
  readonly storedTools: (toolkit: string, extra?: Readonly<Record<string, Readonly<Record<string, unknown>>>>) => () => readonly CompiledTool[];
  readonly defineTrigger: (toolkit: string, spec: TriggerSpec) => CompiledTrigger;
  readonly toolSchema: <T>(file: string, slug: string, key: 'input' | 'output') => () => z.ZodType<T>;
  readonly triggerSchema: <T>(slug: string, key: 'config' | 'payload') => () => z.ZodType<T>;
  readonly sharedSchema: <T>(key: string) => () => z.ZodType<T>;
}

export interface StoredToolkitOptions {
  readonly defs: boolean;
}

export declare function slugConstants(prefix: string, slugs: string): Record<string, string>;

export declare function storedToolkit(jsonFolder: URL, options: StoredToolkitOptions): StoredToolkit;

export type {
  CompiledRequest, CompiledTool, CompiledToolkit, CompiledTrigger, InputMapping, JsonSchema, ProviderSchema, TriggerEvent,
} from '../types.js';
