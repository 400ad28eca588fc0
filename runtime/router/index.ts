/** The tool router: three meta tools that reach every loaded tool. */
export { createToolRouter, ToolRouter } from './router.js';
export type { ToolRouterOptions } from './router.js';
export { MANAGE_CONNECTIONS, MAX_PARALLEL_CALLS, metaTools, MULTI_EXECUTE_TOOL, SEARCH_TOOLS } from './meta-tools.js';
