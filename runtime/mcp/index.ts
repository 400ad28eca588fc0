/** MCP: serve Toolsmith tools to MCP clients over stdio or Streamable HTTP. */
export { createMcpServer, mcpToolOf, selectMcpTools, toCallToolResult } from './server.js';
export type { McpServerOptions } from './server.js';
export { serveMcpHttp } from './http.js';
export type { McpHttpHandle, McpHttpOptions } from './http.js';
