/**
 * The three meta tools an agent starts with instead of thousands: search, multi-execute, manage connections.
 * They are ordinary CompiledTool objects (toolkit `toolsmith`), so every provider and MCP can wrap them.
 */
import { z } from 'zod';
import type { CompiledTool, JsonSchema } from '../types.js';

export const SEARCH_TOOLS = 'TOOLSMITH_SEARCH_TOOLS';
export const MULTI_EXECUTE_TOOL = 'TOOLSMITH_MULTI_EXECUTE_TOOL';
export const MANAGE_CONNECTIONS = 'TOOLSMITH_MANAGE_CONNECTIONS';
export const MAX_PARALLEL_CALLS = 20;

export const searchInput = z.object({
  query: z.string().min(1).describe('The task in words, e.g. "star a GitHub repository" or "send a Slack message"'),
  toolkits: z.array(z.string()).optional().describe('Only search these toolkits (slugs such as github, slack)'),
  limit: z.number().int().min(1).max(20).optional().describe('How many tools to return (default 5)'),
});

export const multiExecuteInput = z.object({
  calls: z.array(z.object({
    tool_slug: z.string().describe('A tool slug returned by TOOLSMITH_SEARCH_TOOLS'),
    arguments: z.record(z.string(), z.unknown()).describe('The arguments, following that tool\'s input_schema'),
  })).min(1).max(MAX_PARALLEL_CALLS).describe(`Up to ${MAX_PARALLEL_CALLS} tool calls, run in parallel`),
});

export const manageConnectionsInput = z.object({
  toolkit: z.string().describe('The toolkit slug a tool needs an account for, e.g. github'),
});

function metaTool(slug: string, name: string, description: string, input: z.ZodObject, readOnly: boolean): CompiledTool {
  const { $schema: _drop, ...inputParameters } = z.toJSONSchema(input, { io: 'input' }) as JsonSchema;
  return {
    slug, name, description, toolkit: 'toolsmith', importance: 100, scopes: [], tags: ['router'],
    hints: { readOnly, idempotent: readOnly, destructive: false, openWorld: !readOnly },
    input: input as z.ZodType<Record<string, unknown>>,
    output: z.unknown(),
    inputParameters,
    outputParameters: { type: 'object' },
    request: { method: 'POST', path: '/', response: { kind: 'json' } },
    inputs: [],
  };
}

export const metaTools: readonly CompiledTool[] = [
  metaTool(SEARCH_TOOLS, 'Search tools',
    'Finds the tools for a task described in words. Returns ranked tools with their input_schema and whether the user has a connected account for each toolkit. Call this first, then run the tools with TOOLSMITH_MULTI_EXECUTE_TOOL.',
    searchInput, true),
  metaTool(MULTI_EXECUTE_TOOL, 'Run tools',
    `Runs up to ${MAX_PARALLEL_CALLS} tool calls in parallel, each with arguments following the input_schema from TOOLSMITH_SEARCH_TOOLS. Returns one result per call, in order.`,
    multiExecuteInput, false),
  metaTool(MANAGE_CONNECTIONS, 'Manage connections',
    'Checks whether the user has an account connected for a toolkit; when missing, returns a link the user opens to connect one (or the credentials to ask for).',
    manageConnectionsInput, false),
];
