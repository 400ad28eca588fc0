/**
 * Provider-lowering diagnostics for the build (issue 5): TS0301 when a tool cannot be OpenAI-strict (it is
 * sent non-strict), TS0300 when a schema was rewritten for a provider, TS0903 when a lowered schema is still
 * rejected. `--json` lists every one; the terminal gets one line per file and code, with a count.
 */
import type { Diagnostic } from '../diagnostics/codes.js';
import type { IR } from '../ir/types.js';

export async function loweringDiagnosticsOf(toolkits: readonly IR.Toolkit[]): Promise<Diagnostic[]> {
  const [{ createPlanner }, { loweringDiagnostics }] = await Promise.all([
    import('../emit/plan.js'), import('../emit/provider-schemas.js'),
  ]);
  const plan = createPlanner();
  return toolkits.flatMap((toolkit) => loweringDiagnostics(toolkit, plan(toolkit)));
}

/** Codes summarised per file; errors (TS0903) are always shown one by one. */
const SUMMARISED = new Set(['TS0300', 'TS0301']);

/** Replaces the per-tool TS0300/TS0301 diagnostics with one per file and code, keeping code and severity. */
export function summarizeLowering(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const groups = new Map<string, Diagnostic[]>();
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    if (!SUMMARISED.has(diagnostic.code)) {
      out.push(diagnostic);
      continue;
    }
    const key = `${diagnostic.code}\u0000${diagnostic.file}`;
    const group = groups.get(key);
    if (group) group.push(diagnostic);
    else groups.set(key, [diagnostic]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    if (group.length === 1) {
      out.push(first);
      continue;
    }
    const what = first.code === 'TS0301' ? 'sent non-strict to OpenAI (strict mode impossible)' : 'have schemas lowered for a provider';
    out.push({
      ...first,
      message: `${group.length} tools ${what}; first: ${first.message}`,
      hint: 'run with --json to list every tool',
    });
  }
  return out;
}
