/**
 * Every diagnostic code the compiler can report. Codes are stable: never renumber, only add.
 * Ranges: TS00xx syntax and shape, TS01xx meaning inside a toolkit, TS02xx OpenAPI import,
 * TS03xx provider schema lowering, TS09xx files and the build itself.
 */
export const DiagnosticCodes = {
  // -- syntax and shape (YAML definitions)
  TS0001: 'yaml-syntax',
  TS0002: 'unknown-field',
  TS0003: 'missing-field',
  TS0004: 'wrong-type',
  TS0005: 'invalid-value',
  TS0006: 'duplicate-key',
  // -- meaning
  TS0010: 'duplicate-tool-slug',
  TS0011: 'duplicate-trigger-slug',
  TS0012: 'unknown-scope',
  TS0013: 'slug-format',
  TS0014: 'slug-prefix',
  TS0015: 'slug-too-long',
  TS0016: 'unknown-template-field',
  TS0017: 'path-parameter-missing',
  TS0018: 'path-parameter-unused',
  TS0019: 'importance-range',
  TS0020: 'invalid-json-schema',
  TS0021: 'body-on-get',
  TS0022: 'duplicate-input',
  TS0023: 'duplicate-toolkit-slug',
  TS0024: 'unknown-poll-tool',
  TS0025: 'invalid-template',
  TS0026: 'oauth2-missing-url',
  TS0027: 'unknown-default-scope',
  TS0028: 'invalid-pattern',
  TS0029: 'duplicate-parameter',
  TS0030: 'duplicate-auth-scheme',
  TS0031: 'missing-schema-comment',
  TS0032: 'invalid-poll-arguments',
  TS0033: 'duplicate-field',
  // -- OpenAPI import
  TS0200: 'openapi-unreadable',
  TS0201: 'openapi-invalid',
  TS0202: 'openapi-unsupported-version',
  TS0203: 'openapi-unresolved-ref',
  TS0204: 'openapi-override-unknown-operation',
  TS0205: 'openapi-selector-matches-nothing',
  TS0206: 'openapi-unsupported-feature',
  TS0207: 'openapi-input-renamed',
  // -- provider schema lowering
  TS0300: 'provider-schema-lowered',
  TS0301: 'provider-strict-impossible',
  // -- files and build
  TS0900: 'file-not-found',
  TS0901: 'no-definitions',
  TS0902: 'stale-output',
  TS0903: 'internal-error',
} as const;

export type DiagnosticCode = keyof typeof DiagnosticCodes;
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** One problem, positioned like a compiler message. `line` and `column` are 1-based. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** JSON pointer into `file`, when known. */
  readonly pointer?: string;
  /** A follow-up hint such as "did you mean `description`?". */
  readonly hint?: string;
}
