/** Every toolkit under definitions/ passes the front end without errors or warnings. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../compiler/parse/load-definitions.js';
import { validateToolkits } from '../../compiler/validate/index.js';

describe.runIf(existsSync('definitions'))('definitions/', () => {
  it('loads and validates with no errors or warnings', { timeout: 120_000 }, async () => {
    const { toolkits, diagnostics } = await loadDefinitions('definitions');
    const all = [...diagnostics, ...validateToolkits(toolkits)];
    const problems = all.filter((d) => d.severity !== 'info').map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
    expect(problems).toEqual([]);
    expect(toolkits.length).toBeGreaterThan(0);
  });
});
