/**
 * A small compiled toolkit whose tools POST their arguments to a loopback recording server, so provider
 * tests can see exactly what reached the API after a model's call went through an adapter.
 */
import { z } from 'zod';
import type { CompiledTool, CompiledToolkit, InputMapping, JsonSchema } from '../../../runtime/types.js';

function bodyTool(slug: string, path: string, input: z.ZodObject, description: string, readOnly = false): CompiledTool {
  const { $schema: _drop, ...parameters } = z.toJSONSchema(input, { io: 'input' }) as JsonSchema;
  const required = new Set((parameters['required'] as string[] | undefined) ?? []);
  const inputs: InputMapping[] = Object.keys(input.shape).map((name) => ({ name, in: 'body', target: name, required: required.has(name) }));
  return {
    slug, name: slug.toLowerCase(), description, toolkit: 'demo', importance: 50, scopes: [], tags: [],
    hints: { readOnly, idempotent: readOnly, destructive: false, openWorld: true },
    input: input as z.ZodType<Record<string, unknown>>, output: z.unknown(),
    inputParameters: parameters, outputParameters: { type: 'object' },
    request: { method: 'POST', path, body: { contentType: 'application/json', required: false }, response: { kind: 'json' } },
    inputs,
  };
}

export const createIssue = bodyTool('DEMO_CREATE_ISSUE', '/issues', z.object({
  title: z.string().describe('Issue title'),
  labels: z.array(z.string()).optional(),
  'filter[state]': z.enum(['open', 'closed']).optional(),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
}), 'Creates an issue.');

export const setMetadata = bodyTool('DEMO_SET_METADATA', '/metadata', z.object({
  id: z.string(),
  metadata: z.record(z.string(), z.unknown()).describe('Any key/value pairs'),
}), 'Sets free-form metadata.');

export const failing = bodyTool('DEMO_FAIL', '/fail', z.object({ reason: z.string().optional() }), 'Always fails.', true);

export function demoToolkit(baseUrl: string): CompiledToolkit {
  return {
    slug: 'demo', name: 'Demo', description: 'Loopback demo toolkit.', categories: ['test'], baseUrl, headers: {}, connection: [],
    auth: [{ scheme: 'none', fields: [], inject: [] }], tools: [createIssue, setMetadata, failing], triggers: [],
  };
}
