/**
 * A real catalog.json for the catalog tests: the hand-written toolkits of definitions/ loaded by the
 * real parser and rendered by the real catalog emitter (the same code `toolsmith build` runs for
 * catalog.json, without emitting the TypeScript modules, which the tests here do not need).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogEmitter } from '../../../compiler/emit/catalog-emitter.js';
import { createPlanner } from '../../../compiler/emit/plan.js';
import { loadDefinitions } from '../../../compiler/parse/load-definitions.js';

export const fixtureToolkits = ['github', 'gmail', 'hackernews', 'notion', 'slack', 'zendesk'] as const;

export async function buildFixtureCatalog(): Promise<{ dir: string; catalogFile: string; raw: unknown }> {
  const { toolkits, diagnostics } = await loadDefinitions('definitions', { only: fixtureToolkits });
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) throw new Error(`fixture definitions failed: ${errors.map((error) => `${error.code} ${error.message}`).join('; ')}`);
  const [file] = catalogEmitter.emitAll!(toolkits, { plan: createPlanner() });
  if (!file) throw new Error('the catalog emitter returned no file');
  const dir = await mkdtemp(join(tmpdir(), 'toolsmith-catalog-'));
  const catalogFile = join(dir, 'catalog.json');
  await writeFile(catalogFile, file.contents);
  return { dir, catalogFile, raw: JSON.parse(file.contents) };
}
