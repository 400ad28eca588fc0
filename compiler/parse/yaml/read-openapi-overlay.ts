/**
 * Shape check of the `openapi:` section (fields and types only). Its meaning (selectors, which
 * operations the overrides name) is the OpenAPI importer's business; it receives the raw mapping.
 */
import { joinPointer } from '../../diagnostics/positions.js';
import { readHints } from './read-tool.js';
import { ObjectReader, type ParseContext } from './reader.js';

/** Returns false when the section is unusable (not a mapping or no `spec`). */
export function checkOpenApiOverlay(context: ParseContext, raw: unknown, pointer: string): boolean {
  const reader = new ObjectReader(context, raw, pointer, 'OpenApi');
  if (!reader.complete) return false;
  reader.string('spec', true);
  reader.stringList('include');
  reader.stringList('exclude');
  for (const [key, value] of Object.entries(reader.mapping('tools') ?? {})) {
    const override = new ObjectReader(context, value, joinPointer(reader.at('tools'), key), 'OpenApiToolOverride');
    override.string('slug');
    override.string('name');
    override.string('description');
    override.number('importance');
    override.stringList('scopes');
    override.stringList('tags');
    if (override.has('hints')) {
      readHints(context, override.raw('hints'), override.at('hints'), {
        readOnly: false,
        idempotent: false,
        destructive: false,
        openWorld: true,
      });
    }
    override.finish();
  }
  reader.finish();
  return reader.complete;
}
