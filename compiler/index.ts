/** The compiler's programmatic API (`toolsmith/compiler`). Explicit names only. */
export { build } from './build/build.js';
export type { BuildOptions, BuildProgress, BuildResult } from './build/build.js';
export { emitToolkits } from './emit/emit.js';
export type { EmitOptions } from './emit/emit.js';
export { emitters, toolFieldContributors } from './emit/registry.js';
export type { EmitContext, Emitter, GeneratedFile } from './emit/types.js';
export type { ToolFieldContributor } from './emit/tool-fields.js';
export { typeSource } from './emit/schema/to-type.js';
export type { ConvertContext } from './emit/schema/context.js';
export { loadDefinitions } from './parse/load-definitions.js';
export { validateToolkits } from './validate/index.js';
export { flattenTool } from './flatten/flatten-tool.js';
export { formatDiagnostics, formatDiagnosticsJson } from './diagnostics/format.js';
export type { Diagnostic, DiagnosticCode, DiagnosticSeverity } from './diagnostics/codes.js';
export type { IR } from './ir/types.js';
export { main } from './cli.js';
