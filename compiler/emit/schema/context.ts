/** What the TypeScript type generator needs to know besides the schema itself. */
import type { Schema } from '../../../runtime/schema/schema-shape.js';

export { FILE_MARKER } from '../../../runtime/schema/schema-shape.js';

export interface ConvertContext {
  /**
   * `input`: what a caller sends; `output`: what an API answers (string and number enums stay open, binary is
   * `unknown`). Mirrors the modes of the runtime Zod builder (runtime/schema/zod-from-json-schema.ts).
   */
  readonly mode: 'input' | 'output';
  readonly shared: Readonly<Record<string, Schema>>;
  /** TypeScript source naming the type of the shared schema `key`. */
  readonly typeRef: (key: string) => string;
}
