/**
 * The one template language of toolkit definitions: `{{credentials.x}}`, `{{connection.x}}` and
 * `{{base64 a ':' b}}` (arguments are references or quoted literals, concatenated, then base64-encoded).
 * Deliberately tiny: no handlebars at run time, no code execution, and errors name fields, never values.
 */
import { ToolsmithError } from '../errors.js';

export interface TemplateValues {
  readonly credentials?: Readonly<Record<string, string | undefined>>;
  readonly connection?: Readonly<Record<string, string | undefined>>;
}

export interface RenderOptions {
  /** Applied to every substituted value (not to literal text), e.g. percent-encoding for URLs. */
  readonly encode?: (value: string) => string;
  /** Where the template is used, for error messages (e.g. `baseUrl`, `header Authorization`). */
  readonly where?: string;
}

const EXPRESSION = /\{\{\s*([^}]*?)\s*\}\}/g;
const ARGUMENT = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w.-]*)/g;

function lookup(reference: string, values: TemplateValues, where: string): string {
  const dot = reference.indexOf('.');
  const scope = dot < 0 ? reference : reference.slice(0, dot);
  const field = dot < 0 ? '' : reference.slice(dot + 1);
  if ((scope !== 'credentials' && scope !== 'connection') || field === '') {
    throw new ToolsmithError('INVALID_OPTIONS',
      `Template reference "${reference}" in ${where} is not supported; use credentials.<field> or connection.<field>.`);
  }
  const value = values[scope]?.[field];
  if (value === undefined || value === '') {
    throw new ToolsmithError(scope === 'credentials' ? 'MISSING_CREDENTIALS' : 'INVALID_OPTIONS',
      `The connected account has no ${scope} field "${field}" needed by ${where}; set it on the account.`,
      { field, scope });
  }
  return value;
}

function parseArguments(text: string, where: string): Array<{ literal: string } | { reference: string }> {
  const parts: Array<{ literal: string } | { reference: string }> = [];
  let consumed = 0;
  for (const match of text.matchAll(ARGUMENT)) {
    if (text.slice(consumed, match.index).trim() !== '') {
      throw new ToolsmithError('INVALID_OPTIONS', `Cannot read template arguments "${text}" in ${where}.`);
    }
    consumed = match.index + match[0].length;
    const quoted = match[1] ?? match[2];
    if (quoted !== undefined) parts.push({ literal: quoted.replace(/\\(.)/g, '$1') });
    else parts.push({ reference: match[3] ?? '' });
  }
  if (text.slice(consumed).trim() !== '') {
    throw new ToolsmithError('INVALID_OPTIONS', `Cannot read template arguments "${text}" in ${where}.`);
  }
  return parts;
}

/** True when the string holds at least one `{{…}}` expression. */
export function isTemplate(text: string): boolean {
  return text.includes('{{');
}

/**
 * Renders a template. Throws MISSING_CREDENTIALS when a referenced credential is absent (naming the field only).
 */
type Piece = string | { readonly reference: string } | { readonly base64: ReadonlyArray<{ literal: string } | { reference: string }> };

/** Parsed templates, by text: definitions hold a handful, so the cache stays small. */
const compiled = new Map<string, readonly Piece[]>();

function compile(template: string, where: string): readonly Piece[] {
  const cached = compiled.get(template);
  if (cached) return cached;
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of template.matchAll(EXPRESSION)) {
    if (match.index > last) pieces.push(template.slice(last, match.index));
    const body = match[1] ?? '';
    const helper = /^base64\s+(.+)$/s.exec(body);
    pieces.push(helper ? { base64: parseArguments(helper[1] ?? '', where) } : { reference: body });
    last = match.index + match[0].length;
  }
  if (last < template.length) pieces.push(template.slice(last));
  if (compiled.size < 10_000) compiled.set(template, pieces);
  return pieces;
}

export function renderTemplate(template: string, values: TemplateValues, options: RenderOptions = {}): string {
  if (!template.includes('{{')) return template;
  const where = options.where ?? 'a template';
  const encode = options.encode;
  let out = '';
  for (const piece of compile(template, where)) {
    if (typeof piece === 'string') { out += piece; continue; }
    let value: string;
    if ('reference' in piece) value = lookup(piece.reference, values, where);
    else {
      const joined = piece.base64.map((part) => ('literal' in part ? part.literal : lookup(part.reference, values, where))).join('');
      value = Buffer.from(joined, 'utf8').toString('base64');
    }
    out += encode ? encode(value) : value;
  }
  return out;
}

/** The references a template uses, e.g. `['credentials.token']`; for checks before sending anything. */
export function templateReferences(template: string): string[] {
  const references: string[] = [];
  for (const match of template.matchAll(EXPRESSION)) {
    const body = match[1] ?? '';
    const helper = /^base64\s+(.+)$/s.exec(body);
    if (!helper) { references.push(body); continue; }
    for (const part of parseArguments(helper[1] ?? '', 'a template')) if ('reference' in part) references.push(part.reference);
  }
  return references;
}
