import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import { forgetSources, joinPointer, makeDiagnostic, positionOf } from '../../compiler/diagnostics/positions.js';

const dir = mkdtempSync(path.join(tmpdir(), 'toolsmith-positions-'));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  forgetSources();
  return file;
}

/** Every pointer in a document, with the position the YAML library gives (key for members, else the node). */
function referencePositions(text: string): Array<[string, number, number]> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const result: Array<[string, number, number]> = [];
  const visit = (node: unknown, pointer: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const child = joinPointer(pointer, key);
        const { line, col } = lineCounter.linePos((pair.key as Node).range?.[0] ?? 0);
        result.push([child, line, col]);
        visit(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const child = joinPointer(pointer, index);
        const { line, col } = lineCounter.linePos((item as Node).range?.[0] ?? 0);
        result.push([child, line, col]);
        visit(item, child);
      });
    }
  };
  visit(document.contents, '');
  return result;
}

describe('positionOf', () => {
  it('finds keys and items in YAML', () => {
    const file = write('a.yaml', 'slug: demo\ntools:\n  - slug: DEMO_A\n    request: { method: GET }\n');
    expect(positionOf(file, '')).toEqual({ line: 1, column: 1 });
    expect(positionOf(file, '/tools/0')).toEqual({ line: 3, column: 5 });
    expect(positionOf(file, '/tools/0/request/method')).toEqual({ line: 4, column: 16 });
    // Past the document: the deepest node that exists.
    expect(positionOf(file, '/tools/0/request/path')).toEqual({ line: 4, column: 5 });
    expect(positionOf(file, '/tools/7')).toEqual({ line: 2, column: 1 });
  });

  it('agrees with a full YAML parse on every pointer of a JSON file, escapes and nesting included', () => {
    const value = {
      openapi: '3.1.0',
      'a/b': { 'c~d': [1, { e: 'x"y\\' }, [true, null]] },
      'quote"key': { '\u00e9': 'caf\u00e9' },
      paths: { '/repos/{owner}': { get: { parameters: [{ name: 'owner', in: 'path' }], responses: { '200': {} } } } },
    };
    for (const text of [JSON.stringify(value, null, 2), JSON.stringify(value), JSON.stringify(value, null, '\t')]) {
      const file = write('spec.json', text);
      const expected = referencePositions(text);
      expect(expected.length).toBeGreaterThan(15);
      // Forward, backward and interleaved orders exercise the member cache and resumed scans.
      const orders = [expected, [...expected].reverse(), expected.filter((_, i) => i % 2 === 1).concat(expected.filter((_, i) => i % 2 === 0))];
      for (const order of orders) {
        forgetSources();
        for (const [pointer, line, column] of order) {
          expect([pointer, positionOf(file, pointer)]).toEqual([pointer, { line, column }]);
        }
      }
      // A pointer past the document lands on the deepest member that exists, cached or not.
      expect(positionOf(file, '/paths/~1repos~1{owner}/get/nothing/here')).toEqual(positionOf(file, '/paths/~1repos~1{owner}/get'));
      forgetSources();
      expect(positionOf(file, '/a~1b/c~0d/9')).toEqual(positionOf(file, '/a~1b/c~0d'));
    }
  });

  it('returns 1:1 for a file it cannot read', () => {
    expect(positionOf(path.join(dir, 'missing.json'), '/a')).toEqual({ line: 1, column: 1 });
  });

  it('makeDiagnostic positions the origin and keeps the pointer and hint', () => {
    const file = write('b.json', '{\n  "info": {\n    "title": "x"\n  }\n}\n');
    expect(makeDiagnostic('TS0201', 'error', 'Bad.', { file, pointer: '/info/title' }, 'fix it')).toEqual({
      code: 'TS0201',
      severity: 'error',
      message: 'Bad.',
      file,
      line: 3,
      column: 5,
      pointer: '/info/title',
      hint: 'fix it',
    });
  });
});

describe('makeDiagnostic', () => {
  it('resolves line and column when first read, and serialises them in the usual field order', () => {
    forgetSources();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'toolsmith-lazy-')), 'spec.json');
    // Made before the file exists: an eager lookup would have found nothing and said 1:1.
    const diagnostic = makeDiagnostic('TS0020', 'warning', 'late', { file, pointer: '/paths/~1a' }, 'a hint');
    writeFileSync(file, '{\n  "openapi": "3.1.0",\n  "paths": {\n    "/a": {}\n  }\n}\n');
    expect(diagnostic.line).toBe(4);
    expect(diagnostic.column).toBe(5);
    expect(Object.keys(diagnostic)).toEqual(['code', 'severity', 'message', 'file', 'line', 'column', 'pointer', 'hint']);
    expect(JSON.parse(JSON.stringify(diagnostic))).toMatchObject({ line: 4, column: 5, hint: 'a hint' });
    expect({ ...diagnostic }).toMatchObject({ line: 4, column: 5 });
  });
});

describe('positionOf on JSON text', () => {
  it('counts columns in characters after multi-byte text, and ignores a BOM', () => {
    forgetSources();
    const dir = mkdtempSync(path.join(tmpdir(), 'toolsmith-bytes-'));
    const text = '{"é€😀": "ü\\"}", "b": {"c": 2}}\n';
    const file = path.join(dir, 'spec.json');
    writeFileSync(file, text);
    expect(positionOf(file, '/b/c')).toEqual({ line: 1, column: text.indexOf('"c"') + 1 });
    expect(positionOf(file, '/é€😀')).toEqual({ line: 1, column: 2 });
    const withBom = path.join(dir, 'bom.json');
    writeFileSync(withBom, `\uFEFF{\n  "a": 1\n}\n`);
    expect(positionOf(withBom, '/a')).toEqual({ line: 2, column: 3 });
  });
});
