/** The shape of a validation rule: one file per rule, each reporting into a shared list. */
import type { Diagnostic, DiagnosticCode, DiagnosticSeverity } from '../diagnostics/codes.js';
import { joinPointer, makeDiagnostic } from '../diagnostics/positions.js';
import type { IR } from '../ir/types.js';

export interface Reporter {
  error(code: DiagnosticCode, message: string, origin: IR.Origin, hint?: string): void;
  report(code: DiagnosticCode, severity: DiagnosticSeverity, message: string, origin: IR.Origin, hint?: string): void;
}

export interface ValidationRule {
  readonly name: string;
  check(toolkits: readonly IR.Toolkit[], reporter: Reporter): void;
}

export function createReporter(diagnostics: Diagnostic[]): Reporter {
  return {
    error: (code, message, origin, hint) => diagnostics.push(makeDiagnostic(code, 'error', message, origin, hint)),
    report: (code, severity, message, origin, hint) => diagnostics.push(makeDiagnostic(code, severity, message, origin, hint)),
  };
}

/** The origin of a field of a node (the pointer runs one step further). */
export function fieldOrigin(origin: IR.Origin, ...segments: ReadonlyArray<string | number>): IR.Origin {
  return { file: origin.file, pointer: joinPointer(origin.pointer, ...segments) };
}

export function quoteList(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.map((name) => `"${name}"`).join(', ');
}
