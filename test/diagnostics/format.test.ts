import { describe, expect, it } from 'vitest';
import { diagnosticsToJson, formatDiagnostics, formatDiagnosticsJson } from '../../compiler/diagnostics/format.js';
import { diagnose, fixturesDir } from './support.js';

describe('formatDiagnostics', () => {
  it('prints file:line:col, severity, code and name, a code frame with a caret, the hint and a summary', async () => {
    const diagnostics = await diagnose(`${fixturesDir}/TS0012`);
    const text = formatDiagnostics(diagnostics, { color: false });
    expect(text).toBe(
      [
        `${fixturesDir}/TS0012/demo/toolkit.yaml:14:14 - error TS0012 unknown-scope: ` +
          'Tool DEMO_PING requires scope "admin", which no auth scheme of toolkit "demo" declares.',
        '',
        '14     scopes: [admin]',
        '                ^',
        '  hint: declared scopes: "read", "write"',
        '',
        'Found 1 error, 0 warnings in 1 file.',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked', async () => {
    const diagnostics = await diagnose(`${fixturesDir}/TS0019`);
    expect(formatDiagnostics(diagnostics, { color: false })).not.toContain('\u001b[');
    expect(formatDiagnostics(diagnostics, { color: true })).toContain('\u001b[31merror\u001b[0m');
  });

  it('counts errors, warnings and files in the summary', async () => {
    const several = await diagnose(`${fixturesDir}/several`);
    const warning = await diagnose(`${fixturesDir}/TS0031`);
    const text = formatDiagnostics([...several, ...warning], { color: false });
    expect(text.trimEnd().split('\n').at(-1)).toBe('Found 8 errors, 1 warning in 2 files.');
    // Sorted by file first (code-unit order: "TS0031" before "several"), whatever the input order.
    expect(text.indexOf('TS0031/demo')).toBeLessThan(text.indexOf('several/demo'));
    expect(formatDiagnostics([], { color: false })).toBe('No problems found.\n');
  });

  it('still prints a diagnostic whose file cannot be read (no code frame)', () => {
    const text = formatDiagnostics(
      [{ code: 'TS0900', severity: 'error', message: 'Gone.', file: 'nowhere/toolkit.yaml', line: 1, column: 1 }],
      { color: false },
    );
    expect(text).toBe('nowhere/toolkit.yaml:1:1 - error TS0900 file-not-found: Gone.\n\nFound 1 error, 0 warnings in 1 file.\n');
  });
});

describe('JSON output', () => {
  it('lists sorted diagnostics with their code names, and the counts', async () => {
    const diagnostics = await diagnose(`${fixturesDir}/several`);
    const json = JSON.parse(formatDiagnosticsJson([...diagnostics].reverse())) as ReturnType<typeof diagnosticsToJson>;
    expect(json.summary).toEqual({ errors: 8, warnings: 0, infos: 0, files: 1 });
    expect(json.diagnostics.map((d) => d.code)).toEqual(diagnostics.map((d) => d.code));
    expect(json.diagnostics[0]).toEqual({
      code: 'TS0003',
      name: 'missing-field',
      severity: 'error',
      message: 'Missing required field "description" in a tool.',
      file: `${fixturesDir}/several/demo/toolkit.yaml`,
      line: 12,
      column: 5,
      pointer: '/tools/0',
    });
  });
});

describe('code frames of long lines', () => {
  it('cuts a one-line JSON spec to a window around the column, caret still under it', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'toolsmith-frame-')), 'spec.json');
    const filler = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 'x'.repeat(20)]));
    writeFileSync(file, JSON.stringify({ ...filler, target: { deep: 1 } }));
    const { makeDiagnostic, forgetSources } = await import('../../compiler/diagnostics/positions.js');
    forgetSources();
    const diagnostic = makeDiagnostic('TS0201', 'error', 'Bad.', { file, pointer: '/target/deep' });
    const [, , frame = '', caretLine = ''] = formatDiagnostics([diagnostic], { color: false }).split('\n');
    expect(frame.length).toBeLessThan(130);
    expect(frame).toContain('"deep"');
    const caret = caretLine.indexOf('^');
    expect(frame.slice(caret, caret + 6)).toBe('"deep"');
  });
});
