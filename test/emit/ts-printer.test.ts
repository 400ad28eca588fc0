/**
 * printModule writes type aliases and consts as text itself (fast path); the text must be exactly what
 * ts-morph prints for the same structures, for every doc shape the emitters can produce.
 */
import { printStructure, StructureKind, type StatementStructures } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { constStatement, GENERATED_HEADER, printModule, typeStatement } from '../../compiler/emit/ts-printer.js';

function byTsMorph(statements: StatementStructures[]): string {
  const printed = printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true });
  return `${GENERATED_HEADER}${printed.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

const DOCS = [
  undefined,
  '',
  'One line.',
  'Ends with a space ',
  'Two\nlines',
  '\nStarts with a newline',
  'Blank\n\nline between',
  'Windows\r\nline ends',
  'Quotes \' " ` and a {brace}',
  'Trailing newline\n',
];

describe('printModule fast path', () => {
  it('prints type aliases and consts exactly as ts-morph does', () => {
    const statements: StatementStructures[] = [];
    DOCS.forEach((doc, index) => {
      const withDoc = doc === undefined ? {} : { doc };
      statements.push(typeStatement({ name: `T${index}`, type: '{ a: string }', ...withDoc }));
      statements.push(typeStatement({ name: `U${index}`, type: 'string', exported: false, ...withDoc }));
      statements.push(constStatement({ name: `c${index}`, initializer: `make<T${index}>('x')`, ...withDoc }));
      statements.push(constStatement({ name: `d${index}`, type: 'number', initializer: '1', exported: false, ...withDoc }));
    });
    expect(printModule(statements)).toBe(byTsMorph(statements));
  });

  it('writes type and initializer text verbatim (as the token swap did before: no re-indenting)', () => {
    const text = printModule([typeStatement({ name: 'T', type: '{\n  a: {\n    b: string;\n  };\n}', doc: 'Doc' })]);
    expect(text).toBe(`${GENERATED_HEADER}/** Doc */\nexport type T = {\n  a: {\n    b: string;\n  };\n};\n`);
  });

  it('leaves other structures to ts-morph', () => {
    const statement: StatementStructures = { kind: StructureKind.TypeAlias, name: 'G', typeParameters: ['T'], type: 'T[]', isExported: true };
    expect(printModule([statement])).toBe(byTsMorph([statement]));
  });
});
