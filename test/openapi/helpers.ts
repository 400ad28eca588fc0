import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IR } from '../../compiler/ir/types.js';
import { importOpenApi } from '../../compiler/parse/openapi/index.js';

export const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/openapi');

/** An IR toolkit as the YAML parser hands it over for an `openapi:` definition. */
export function yamlToolkit(slug: string, extra: Partial<IR.Toolkit> = {}): IR.Toolkit {
  const origin = { file: path.join(fixtures, 'toolkit.yaml'), pointer: '' };
  return {
    slug, name: slug, description: '', categories: [], baseUrl: '', headers: {}, connection: [], auth: [],
    tools: [], triggers: [], sharedSchemas: {}, sourceFiles: [origin.file], origin, ...extra,
  };
}

export async function importFixture(spec: string, overlay: Record<string, unknown> = {}, toolkit: Partial<IR.Toolkit> = {}, slug = 'shop') {
  return importOpenApi({
    toolkit: yamlToolkit(slug, toolkit),
    overlay: { spec, ...overlay },
    definitionFile: path.join(fixtures, 'toolkit.yaml'),
    definitionDir: fixtures,
  });
}

export function toolByOperation(toolkit: IR.Toolkit, operationId: string): IR.Tool {
  const tool = toolkit.tools.find((candidate) => candidate.operationId === operationId);
  if (!tool) throw new Error(`no tool for ${operationId}; have ${toolkit.tools.map((t) => t.operationId).join(', ')}`);
  return tool;
}
