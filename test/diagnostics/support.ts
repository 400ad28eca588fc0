/** Runs the front end over a fixture folder the way `toolsmith check` does. */
import type { Diagnostic } from '../../compiler/diagnostics/codes.js';
import { sortDiagnostics } from '../../compiler/diagnostics/format.js';
import { forgetSources } from '../../compiler/diagnostics/positions.js';
import { loadDefinitions } from '../../compiler/parse/load-definitions.js';
import { validateToolkits } from '../../compiler/validate/index.js';

export const fixturesDir = 'test/fixtures/diagnostics';

export async function diagnose(dir: string): Promise<Diagnostic[]> {
  forgetSources();
  const { toolkits, diagnostics } = await loadDefinitions(dir);
  return sortDiagnostics([...diagnostics, ...validateToolkits(toolkits)]);
}

/** `[code, line, column, message]`, the part of a diagnostic the tests pin. */
export function summarize(diagnostics: readonly Diagnostic[]): Array<[string, number, number, string]> {
  return diagnostics.map((d) => [d.code, d.line, d.column, d.message]);
}
