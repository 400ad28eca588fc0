/** YAML text → plain data, with syntax errors and duplicate keys as positioned diagnostics. */
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../../diagnostics/codes.js';
import { rememberSource } from '../../diagnostics/positions.js';

export interface ParsedYaml {
  /** Undefined when the text has syntax errors (duplicate keys alone still give data). */
  readonly data?: unknown;
  readonly diagnostics: Diagnostic[];
  /** True when the file begins with the yaml-language-server `$schema` comment. */
  readonly hasSchemaComment: boolean;
}

export const schemaCommentPattern = /^#\s*yaml-language-server:\s*\$schema=\S+/;

export function parseYamlFile(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  // Merge keys (`<<: *anchor`) let authors share parameter and schema snippets.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  rememberSource(file, text, document);
  const diagnostics: Diagnostic[] = [];
  let syntaxError = false;
  for (const error of document.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    if (error.code === 'DUPLICATE_KEY') {
      const key = keyAt(text, error.pos[0]);
      diagnostics.push({
        code: 'TS0006',
        severity: 'error',
        message: `Duplicate key ${JSON.stringify(key)}: a mapping may name each key once.`,
        file,
        line,
        column: col,
      });
    } else {
      syntaxError = true;
      diagnostics.push({
        code: 'TS0001',
        severity: 'error',
        message: `YAML syntax error: ${error.message.replace(/\s+/g, ' ').trim()}.`.replace(/\.\.$/, '.'),
        file,
        line,
        column: col,
      });
    }
  }
  const hasSchemaComment = schemaCommentPattern.test(text.replace(/^\uFEFF/, ''));
  if (syntaxError) return { diagnostics, hasSchemaComment };
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    diagnostics.push({
      code: 'TS0001',
      severity: 'error',
      message: `YAML could not be read: ${error instanceof Error ? error.message : String(error)}`,
      file,
      line: 1,
      column: 1,
    });
    return { diagnostics, hasSchemaComment };
  }
  return { data, diagnostics, hasSchemaComment };
}

/** The key text starting at an offset (up to the `:` that ends it). */
function keyAt(text: string, offset: number): string {
  const rest = text.slice(offset);
  const match = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\n]*?)\s*:/.exec(rest);
  const raw = match?.[1] ?? rest.split('\n')[0] ?? '';
  return raw.replace(/^["']|["']$/g, '').trim();
}
