/**
 * Collects the import's diagnostics. Positions come from engineer A's `positions.ts`
 * (file + JSON pointer → line:col), resolved once per diagnostic.
 */
import type { Diagnostic, DiagnosticCode, DiagnosticSeverity } from '../../diagnostics/codes.js';
import { makeDiagnostic } from '../../diagnostics/positions.js';
import type { IR } from '../../ir/types.js';

/** Repeated warnings of one code stop after this many, with one summary line (GitHub-sized specs). */
const MAX_PER_CODE = 25;

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly counts = new Map<string, number>();
  private readonly suppressed = new Map<string, { count: number; origin: IR.Origin; code: DiagnosticCode }>();

  /** Every report so far, shown or cut (lets a caller tell whether some work reported anything). */
  reported = 0;

  report(code: DiagnosticCode, severity: DiagnosticSeverity, message: string, origin: IR.Origin, hint?: string): void {
    this.reported += 1;
    const key = `${code}:${severity}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (severity !== 'error' && count > MAX_PER_CODE) {
      const entry = this.suppressed.get(key);
      if (entry) entry.count += 1;
      else this.suppressed.set(key, { count: 1, origin, code });
      return;
    }
    this.diagnostics.push(makeDiagnostic(code, severity, message, origin, hint));
  }

  error(code: DiagnosticCode, message: string, origin: IR.Origin, hint?: string): void {
    this.report(code, 'error', message, origin, hint);
  }

  warning(code: DiagnosticCode, message: string, origin: IR.Origin, hint?: string): void {
    this.report(code, 'warning', message, origin, hint);
  }

  info(code: DiagnosticCode, message: string, origin: IR.Origin, hint?: string): void {
    this.report(code, 'info', message, origin, hint);
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }

  /** The collected diagnostics plus one line per code whose repeats were cut. */
  finish(): Diagnostic[] {
    for (const [key, { count, origin, code }] of this.suppressed) {
      const severity = key.slice(key.indexOf(':') + 1) as DiagnosticSeverity;
      this.diagnostics.push(makeDiagnostic(code, severity, `${count} more like this not shown`, origin));
    }
    this.suppressed.clear();
    return this.diagnostics;
  }
}
