export type { CompiledToolkit } from './types.js';
export { ToolsmithError } from './errors.js';
