/**
 * One fixture per diagnostic code under test/fixtures/diagnostics/<code>/: each must report exactly
 * the expected diagnostic (code, line, column, message) and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { DiagnosticCodes } from '../../compiler/diagnostics/codes.js';
import { diagnose, fixturesDir, summarize } from './support.js';

const file = (code: string, folder = 'demo'): string => `${fixturesDir}/${code}/${folder}/toolkit.yaml`;

const expected: Record<string, [line: number, column: number, message: string, hint?: string]> = {
  TS0001: [9, 1, 'YAML syntax error: Missing closing "quote.'],
  TS0002: [8, 5, 'Unknown field "descripton" in a tool.', 'did you mean "description"?'],
  TS0003: [7, 5, 'Missing required field "description" in a tool.'],
  TS0004: [6, 1, 'Field "categories" must be a list of strings, got the string "testing".'],
  TS0005: [9, 16, 'Field "method" must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; got "FETCH".'],
  TS0006: [6, 1, 'Duplicate key "name": a mapping may name each key once.'],
  TS0010: [10, 5, `Duplicate tool slug "DEMO_PING": it is already used at ${file('TS0010')}:7.`],
  TS0011: [13, 5, `Duplicate trigger slug "DEMO_EVENT": it is already used at ${file('TS0011')}:11.`],
  TS0012: [14, 14, 'Tool DEMO_PING requires scope "admin", which no auth scheme of toolkit "demo" declares.', 'declared scopes: "read", "write"'],
  TS0013: [7, 5, 'Tool slug "DEMO_ping" must be upper snake case: a letter, then letters, digits or "_".', 'try "DEMO_PING"'],
  TS0014: [7, 5, 'Tool slug "OTHER_PING" must start with the toolkit prefix "DEMO_".'],
  TS0015: [7, 5, `Tool slug "DEMO_${'A'.repeat(60)}" is 65 characters long; the limit is 60.`],
  TS0016: [5, 1, 'baseUrl uses {{connection.regoin}}, but the toolkit has no connection field "regoin".', 'did you mean "region"?'],
  TS0017: [9, 29, 'Path "/items/{id}" of DEMO_GET uses {id}, but no parameter "id" with in: path is declared.'],
  TS0018: [11, 9, 'Path parameter "id" of DEMO_GET does not appear in its path "/items".'],
  TS0019: [9, 5, 'Importance of DEMO_PING is 101; it must be between 0 and 100.'],
  TS0020: [14, 17, 'Invalid JSON Schema in the response of DEMO_PING: unknown type "int"; the types are string, number, integer, boolean, object, array, null.'],
  TS0021: [10, 5, 'DEMO_PING sends a body with GET; servers and proxies may drop it.'],
  TS0022: [16, 11, 'DEMO_UPDATE has 2 inputs named "id" once parameters and body are merged.'],
  TS0023: [2, 1, `Duplicate toolkit slug "demo": it is already used at ${file('TS0023', 'first')}:2.`],
  TS0024: [13, 13, 'Poll trigger DEMO_NEW calls tool "DEMO_PONG", which toolkit "demo" does not define.', 'did you mean "DEMO_PING"?'],
  TS0025: [7, 3, 'Invalid template in Header "X-Demo": unknown helper "upper" (the only helper is base64).'],
  TS0026: [7, 5, 'An oauth2 scheme with grant authorization_code needs "authorizationUrl".'],
  TS0027: [11, 27, 'Default scope "admin" is not among the scopes this oauth2 scheme declares.'],
  TS0028: [7, 21, 'Pattern of connection field "region" is not a valid regular expression: Invalid regular expression: /[a-z/u: Unterminated character class.'],
  TS0029: [12, 9, 'Parameter "page" (in: query) is declared more than once in DEMO_LIST.'],
  TS0030: [8, 5, 'Toolkit "demo" declares auth scheme "api_key" more than once; an account picks its scheme by this name.'],
  TS0031: [1, 1, 'The definition does not start with the schema comment, so editors cannot check or complete it.', 'add "# yaml-language-server: $schema=../../../../../toolsmith.schema.json" as the first line'],
  TS0033: [8, 5, 'Connection field "region" is declared more than once.'],
  TS0032: [17, 20, 'Poll trigger DEMO_NEW passes "limt", which tool DEMO_LIST does not take.', 'did you mean "limit"?'],
};

describe('one fixture per diagnostic code', () => {
  for (const [code, [line, column, message, hint]] of Object.entries(expected)) {
    it(`${code} ${DiagnosticCodes[code as keyof typeof DiagnosticCodes]}`, async () => {
      const diagnostics = await diagnose(`${fixturesDir}/${code}`);
      expect(summarize(diagnostics)).toEqual([[code, line, column, message]]);
      const [diagnostic] = diagnostics;
      expect(diagnostic?.file).toBe(code === 'TS0023' ? file(code, 'second') : file(code));
      if (hint !== undefined) expect(diagnostic?.hint).toBe(hint);
    });
  }

  it('covers every definition-level code (TS00xx)', () => {
    const definitionCodes = Object.keys(DiagnosticCodes).filter((code) => code.startsWith('TS00'));
    expect(definitionCodes.filter((code) => !(code in expected))).toEqual([]);
  });

  it('TS0031 is a warning, the others are errors', async () => {
    expect((await diagnose(`${fixturesDir}/TS0031`))[0]?.severity).toBe('warning');
    expect((await diagnose(`${fixturesDir}/TS0012`))[0]?.severity).toBe('error');
  });

  it('a clean definition gives no diagnostics at all', async () => {
    expect(await diagnose(`${fixturesDir}/valid`)).toEqual([]);
  });
});

describe('several problems in one file', () => {
  it('reports every problem at once, sorted by position', async () => {
    const diagnostics = await diagnose(`${fixturesDir}/several`);
    expect(summarize(diagnostics).map(([code, line, column]) => [code, line, column])).toEqual([
      ['TS0003', 12, 5],
      ['TS0002', 13, 5],
      ['TS0019', 14, 5],
      ['TS0012', 15, 14],
      ['TS0017', 16, 29],
      ['TS0010', 17, 5],
      ['TS0021', 20, 5],
      ['TS0020', 21, 31],
    ]);
  });
});

describe('definitions folder problems', () => {
  it('TS0900 for a folder that does not exist', async () => {
    const diagnostics = await diagnose(`${fixturesDir}/no-such-folder`);
    expect(summarize(diagnostics)).toEqual([
      ['TS0900', 1, 1, `Definitions folder ${fixturesDir}/no-such-folder does not exist.`],
    ]);
  });

  it('TS0901 for a folder without definitions', async () => {
    const diagnostics = await diagnose('test/fixtures/diagnostics/valid/demo');
    expect(diagnostics.map((d) => d.code)).toEqual(['TS0901']);
  });
});
