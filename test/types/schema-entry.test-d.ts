/**
 * `toolsmith/schema` resolves, for types, to the hand-written runtime/schema/public.d.ts (cheap for generated code to
 * check). Each declared export must equal the implementation's type, so the two cannot drift apart.
 */
import { expectTypeOf } from 'vitest';
import type * as Declared from 'toolsmith/schema';
import type * as Implemented from '../../runtime/schema/index.js';

expectTypeOf<typeof Declared.zodFromJsonSchema>().toEqualTypeOf<typeof Implemented.zodFromJsonSchema>();
expectTypeOf<typeof Declared.createSharedSchemas>().toEqualTypeOf<typeof Implemented.createSharedSchemas>();
expectTypeOf<typeof Declared.markFileInputs>().toEqualTypeOf<typeof Implemented.markFileInputs>();
expectTypeOf<typeof Declared.FILE_MARKER>().toEqualTypeOf<typeof Implemented.FILE_MARKER>();
expectTypeOf<Declared.SharedSchemas>().toEqualTypeOf<Implemented.SharedSchemas>();
expectTypeOf<Declared.ZodFromJsonSchemaOptions>().toEqualTypeOf<Implemented.ZodFromJsonSchemaOptions>();
expectTypeOf<Declared.SchemaMode>().toEqualTypeOf<Implemented.SchemaMode>();
expectTypeOf<Declared.CompiledToolkit>().toEqualTypeOf<Implemented.CompiledToolkit>();
expectTypeOf<Declared.TriggerEvent<number>>().toEqualTypeOf<Implemented.TriggerEvent<number>>();
expectTypeOf<typeof Declared.storedToolkit>().toEqualTypeOf<typeof Implemented.storedToolkit>();
expectTypeOf<Declared.StoredToolkit>().toEqualTypeOf<Implemented.StoredToolkit>();
expectTypeOf<Declared.StoredToolkitOptions>().toEqualTypeOf<Implemented.StoredToolkitOptions>();
expectTypeOf<Declared.ToolSpec>().toEqualTypeOf<Implemented.ToolSpec>();
expectTypeOf<Declared.TriggerSpec>().toEqualTypeOf<Implemented.TriggerSpec>();
expectTypeOf<typeof Declared.slugConstants>().toEqualTypeOf<typeof Implemented.slugConstants>();
