/**
 * An MCP server over a Toolsmith instance (official `@modelcontextprotocol/sdk`): `tools/list` gives each
 * tool with its lowered input schema, an output schema and annotations from the tool hints; `tools/call`
 * executes as the configured user. Transport-agnostic: connect the returned server to stdio, Streamable
 * HTTP (see `./http.ts`) or any transport of the SDK.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { cleanSchema } from '../../compiler/lower/clean.js';
import { LocalFixes } from '../../compiler/lower/fixes.js';
import { FixRecorder } from '../../compiler/lower/schema-utils.js';
import { ToolsmithError } from '../errors.js';
import type { ToolExecuteResult } from '../execute/types.js';
import { runToolCall, ToolNameIndex, resultForModel } from '../providers/shared.js';
import type { ProviderContext } from '../providers/types.js';
import type { ToolRouter } from '../router/router.js';
import type { Toolsmith } from '../toolsmith.js';
import type { CompiledTool } from '../types.js';

export interface McpServerOptions {
  /** The user whose connected accounts every call uses. */
  readonly userId: string;
  /** Toolkits to serve (all their tools); default every loaded toolkit. */
  readonly toolkits?: readonly string[];
  /** Allow-list of tool slugs; only these are listed and callable. */
  readonly tools?: readonly string[];
  /** Serve only the router's meta tools (search, multi-execute, manage connections), run by the router. */
  readonly router?: ToolRouter;
  /** Server name and version announced to clients. */
  readonly name?: string;
  readonly version?: string;
}

// MCP clients pass schemas on to their model; the Anthropic dialect (plain JSON Schema, safe property keys) fits all.
const DIALECT = 'anthropic';

/** Selects the tools a server exposes: the toolkits' tools (all of them), narrowed by the allow-list. */
export async function selectMcpTools(toolsmith: Toolsmith<any, any>, options: Pick<McpServerOptions, 'toolkits' | 'tools'>): Promise<CompiledTool[]> {
  const toolkits = options.toolkits && options.toolkits.length > 0
    ? [...options.toolkits]
    : (await toolsmith.toolkits.list()).map((toolkit: { slug: string }) => toolkit.slug);
  if (options.tools && options.tools.length > 0 && (!options.toolkits || options.toolkits.length === 0)) {
    return toolsmith.tools.getRaw({ tools: [...options.tools] });
  }
  const tools = toolkits.length === 0 ? [] : await toolsmith.tools.getRaw({ toolkits, limit: 10_000 });
  if (!options.tools || options.tools.length === 0) return tools;
  const allowed = new Set(options.tools);
  const unknown = [...allowed].filter((slug) => !tools.some((tool) => tool.slug === slug));
  if (unknown.length > 0) {
    throw new ToolsmithError('TOOL_NOT_FOUND', `MCP allow-list names tools not in the served toolkits: ${unknown.join(', ')}.`, { tools: unknown });
  }
  return tools.filter((tool) => allowed.has(tool.slug));
}

/** The MCP description of one tool. */
export function mcpToolOf(tool: CompiledTool, index: ToolNameIndex): Tool {
  const entry = index.add(tool, DIALECT);
  return {
    name: entry.name,
    title: tool.name,
    description: tool.description,
    inputSchema: entry.schema.parameters as Tool['inputSchema'],
    outputSchema: outputEnvelope(tool),
    annotations: {
      title: tool.name,
      readOnlyHint: tool.hints.readOnly,
      destructiveHint: tool.hints.destructive,
      idempotentHint: tool.hints.idempotent,
      openWorldHint: tool.hints.openWorld,
    },
  };
}

/**
 * `structuredContent` is the result envelope; `data` follows the tool's output schema. Clients validate
 * structured results against it, and real APIs drift from their descriptions (an undeclared null, a new
 * enum value), so `data` also admits any value rather than turning a good call into a client error.
 */
function outputEnvelope(tool: CompiledTool): Tool['outputSchema'] {
  const shape = cleanSchema(tool.outputParameters ?? {}, { recorder: new FixRecorder(), local: new LocalFixes() });
  const data = { description: 'The API response, shaped as the first schema when the API follows its description.', anyOf: [shape, {}] };
  return {
    type: 'object',
    properties: { successful: { type: 'boolean' }, data, error: { type: ['string', 'null'] } },
    required: ['successful', 'data', 'error'],
  };
}

export function toCallToolResult(result: ToolExecuteResult): CallToolResult {
  const model = resultForModel(result);
  const text = JSON.stringify(model);
  if (!result.successful) return { isError: true, content: [{ type: 'text', text }] };
  return { content: [{ type: 'text', text }], structuredContent: model as unknown as Record<string, unknown> };
}

export function createMcpServer(toolsmith: Toolsmith<any, any>, options: McpServerOptions): Server {
  if (!options || typeof options.userId !== 'string' || options.userId === '') {
    throw new ToolsmithError('INVALID_OPTIONS', 'createMcpServer: give the userId whose accounts tool calls use.');
  }
  const server = new Server({ name: options.name ?? 'toolsmith', version: options.version ?? '0.1.0' }, { capabilities: { tools: {} } });
  const index = new ToolNameIndex();
  let listing: Promise<{ tools: Tool[]; names: Set<string> }> | undefined;
  const list = () => (listing ??= (async () => {
    const tools = options.router ? [...options.router.tools] : await selectMcpTools(toolsmith, options);
    const described = tools.map((tool) => mcpToolOf(tool, index));
    return { tools: described, names: new Set(described.map((tool) => tool.name)) };
  })());
  const context: ProviderContext = options.router ? options.router.context(options.userId) : {
    userId: options.userId,
    execute: (slug, args) => toolsmith.tools.execute(slug, { userId: options.userId, arguments: args }) as Promise<ToolExecuteResult>,
  };
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: (await list()).tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { names } = await list();
    const name = request.params.name;
    if (!names.has(name)) {
      return { isError: true, content: [{ type: 'text', text: `Unknown tool ${name}: call tools/list for the tools this server offers.` }] };
    }
    return toCallToolResult(await runToolCall(context, index, name, request.params.arguments ?? {}));
  });
  return server;
}
