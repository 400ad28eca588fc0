/** What the Zod and TypeScript generators need to know besides the schema itself. */
import type { Schema } from './schema-shape.js';

export interface ConvertContext {
  /**
   * `input`: what a caller sends — formats, bounds and patterns are checked, `additionalProperties: false` is strict.
   * `output`: what an API answers — lenient: objects pass unknown keys through, no format/bound/pattern checks,
   * string enums accept any string (APIs add values), so a real response is never rejected over a strict spec.
   */
  readonly mode: 'input' | 'output';
  readonly shared: Readonly<Record<string, Schema>>;
  /** Zod source for a reference to the shared schema `key` (the caller decides direct, lazy or a builder call). */
  readonly zodRef: (key: string) => string;
  /** TypeScript source naming the type of the shared schema `key`. */
  readonly typeRef: (key: string) => string;
}

/**
 * Marks a flat input property that is a file upload (set by the emitter from `InputMapping.file`):
 * the argument may be a path or URL string, a Buffer/Uint8Array or a Blob.
 */
export const FILE_MARKER = 'x-toolsmith-file';
