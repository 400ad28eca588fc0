/** `response.file`: a JSON field holding a file's bytes — parsed into the IR, its shape problems reported where they are. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../compiler/parse/load-definitions.js';
import { diagnose, summarize } from '../diagnostics/support.js';

const head =
  '# yaml-language-server: $schema=../../toolsmith.schema.json\nslug: demo\nname: Demo\ndescription: Demo.\n' +
  'baseUrl: https://api.demo.example\ntools:\n  - slug: DEMO_GET_FILE\n    description: Gets a file.\n' +
  '    request: { method: GET, path: /file }\n    response:\n';

function definitions(response: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolsmith-response-file-'));
  mkdirSync(path.join(dir, 'demo'));
  writeFileSync(path.join(dir, 'demo', 'toolkit.yaml'), head + response);
  return dir;
}

describe('response.file', () => {
  it('is read into IR.Response.fileField', async () => {
    const loaded = await loadDefinitions(definitions(
      '      schema: { type: object, properties: { data: { type: string } } }\n' +
      '      file: { from: /data, encoding: base64url, mimeType: application/pdf, name: report.pdf }\n',
    ));
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.toolkits[0]!.tools[0]!.response).toMatchObject({
      kind: 'json', fileField: { from: '/data', encoding: 'base64url', mimeType: 'application/pdf', name: 'report.pdf' },
    });
  });

  it('reports a bad pointer, an unknown encoding, a missing field and an unknown key at their lines', async () => {
    expect(summarize(await diagnose(definitions('      file: { from: data, encoding: hex, nme: x }\n')))).toEqual([
      ['TS0005', 11, 15, 'Field "from" must be a JSON Pointer to a field of the response, like "/data"; got "data".'],
      ['TS0005', 11, 27, 'Field "encoding" must be one of base64, base64url; got "hex".'],
      ['TS0002', 11, 42, 'Unknown field "nme" in a response file field.'],
    ]);
    expect(summarize(await diagnose(definitions('      file: { from: /data }\n')))).toEqual([
      ['TS0003', 11, 7, 'Missing required field "encoding" in a response file field.'],
    ]);
  });

  it('needs a JSON response', async () => {
    expect(summarize(await diagnose(definitions('      kind: file\n      file: { from: /data, encoding: base64 }\n')))).toEqual([
      ['TS0005', 12, 7, 'Field "file" needs a JSON response; this response is kind file.'],
    ]);
  });
});
