/**
 * Prints diagnostics like a compiler: `file:line:col - error TS0012 unknown-scope: message`,
 * a code frame with a caret, the hint, and a summary line. `diagnosticsToJson` is the `--json` form.
 */
import { DiagnosticCodes, type Diagnostic, type DiagnosticSeverity } from './codes.js';
import { sourceLine } from './positions.js';

export interface FormatOptions {
  readonly color: boolean;
}

const ansi = {
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
  gray: '\u001b[90m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
} as const;

const severityColor: Record<DiagnosticSeverity, string> = { error: ansi.red, warning: ansi.yellow, info: ansi.cyan };
const severityRank: Record<DiagnosticSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Sorted by file, line, column, code (then severity and message, so the order is total). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.code, b.code) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      compareText(a.message, b.message),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface DiagnosticCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly files: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    infos: diagnostics.filter((d) => d.severity === 'info').length,
    files: new Set(diagnostics.map((d) => d.file)).size,
  };
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions): string {
  const paint = (color: string, text: string): string => (options.color ? color + text + ansi.reset : text);
  const blocks = sortDiagnostics(diagnostics).map((diagnostic) => {
    const head =
      `${paint(ansi.cyan, diagnostic.file)}:${paint(ansi.yellow, String(diagnostic.line))}:` +
      `${paint(ansi.yellow, String(diagnostic.column))} - ` +
      `${paint(severityColor[diagnostic.severity], diagnostic.severity)} ` +
      `${paint(ansi.gray, `${diagnostic.code} ${DiagnosticCodes[diagnostic.code]}`)}: ${diagnostic.message}`;
    const lines = [head];
    const text = sourceLine(diagnostic.file, diagnostic.line);
    if (text !== undefined) {
      const gutter = String(diagnostic.line);
      const { visible, caret } = frameWindow(text.replace(/\t/g, ' '), diagnostic.column - 1);
      lines.push('');
      lines.push(`${paint(ansi.gray, gutter)} ${visible}`);
      lines.push(' '.repeat(gutter.length + 1 + caret) + paint(severityColor[diagnostic.severity], '^'));
    }
    if (diagnostic.hint) lines.push(`  ${paint(ansi.bold, 'hint:')} ${diagnostic.hint}`);
    return lines.join('\n');
  });
  blocks.push(summaryLine(countDiagnostics(diagnostics)));
  return blocks.join('\n\n') + '\n';
}

const frameWidth = 120;

/** A long line (minified JSON specs are one line of megabytes) is cut to a window around the column. */
function frameWindow(text: string, index: number): { visible: string; caret: number } {
  const column = Math.max(0, Math.min(index, text.length));
  if (text.length <= frameWidth) return { visible: text, caret: column };
  const start = Math.max(0, Math.min(column - frameWidth / 2, text.length - frameWidth));
  const end = Math.min(text.length, start + frameWidth);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return { visible: prefix + text.slice(start, end) + suffix, caret: column - start + prefix.length };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function summaryLine(counts: DiagnosticCounts): string {
  if (counts.errors + counts.warnings + counts.infos === 0) return 'No problems found.';
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')];
  if (counts.infos > 0) parts.push(plural(counts.infos, 'info'));
  return `Found ${parts.join(', ')} in ${plural(counts.files, 'file')}.`;
}

export interface DiagnosticsJson {
  readonly diagnostics: ReadonlyArray<Diagnostic & { readonly name: string }>;
  readonly summary: DiagnosticCounts;
}

/** The machine form (`--json`): sorted diagnostics, each with its code's name, and the counts. */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[]): DiagnosticsJson {
  return {
    diagnostics: sortDiagnostics(diagnostics).map((d) => ({ ...d, name: DiagnosticCodes[d.code] })),
    summary: countDiagnostics(diagnostics),
  };
}

export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnosticsToJson(diagnostics), null, 2) + '\n';
}
