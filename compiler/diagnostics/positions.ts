/**
 * File + JSON pointer → 1-based line and column, computed only when a diagnostic needs it.
 *
 * YAML files are parsed once (AST with ranges) and cached; JSON files (OpenAPI specs can be 13 MB)
 * are walked by a small scanner that skips values without building them.
 * A pointer that names a map member resolves to its key; a pointer that runs past the document
 * resolves to the deepest node that exists, so a diagnostic about a defaulted field still lands
 * on its parent.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { IR } from '../ir/types.js';
import type { Diagnostic, DiagnosticCode, DiagnosticSeverity } from './codes.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

interface SourceFile {
  readonly text: string;
  /** Offsets where each line starts (computed on first use: a 13 MB spec may never need them). */
  lineStarts?: readonly number[];
  yaml?: Document.Parsed;
  /** JSON files: offsets of members already scanned, keyed by their unescaped pointer segments. */
  jsonMembers?: Map<string, MemberOffsets>;
  /** JSON files: how far each container has been scanned. */
  jsonScans?: Map<string, ContainerScan>;
}

interface ContainerScan {
  cursor: number;
  position: number;
}

const sources = new Map<string, SourceFile | null>();

function loadSource(file: string): SourceFile | null {
  if (sources.has(file)) return sources.get(file) ?? null;
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // as the parsers read it
  } catch {
    text = null;
  }
  const source = text === null ? null : { text };
  sources.set(file, source);
  return source;
}

function lineStartsOf(source: SourceFile): readonly number[] {
  return (source.lineStarts ??= computeLineStarts(source.text));
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  let index = text.indexOf('\n');
  while (index !== -1) {
    starts.push(index + 1);
    index = text.indexOf('\n', index + 1);
  }
  return starts;
}

/** Lets a parser that already read a file share its text (and YAML AST) with the position cache. */
export function rememberSource(file: string, text: string, yaml?: Document.Parsed): void {
  const source: SourceFile = { text };
  if (yaml) source.yaml = yaml;
  sources.set(file, source);
}

/** Drops cached files (tests and watch mode rewrite files in place). */
export function forgetSources(): void {
  sources.clear();
}

/** The text of one line (1-based) of a file, without its line break; undefined when unreadable. */
export function sourceLine(file: string, line: number): string | undefined {
  const source = loadSource(file);
  if (!source) return undefined;
  const lineStarts = lineStartsOf(source);
  const start = lineStarts[line - 1];
  if (start === undefined) return undefined;
  const next = lineStarts[line];
  const end = next === undefined ? source.text.length : next - 1;
  return source.text.slice(start, end).replace(/\r$/, '');
}

export function offsetToPosition(lineStarts: readonly number[], offset: number): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  return body
    .slice(body.startsWith('/') ? 1 : 0)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(base: string, ...segments: ReadonlyArray<string | number>): string {
  return base + segments.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Line and column (1-based) of the node a pointer names; 1:1 when the file cannot be read. */
export function positionOf(file: string, pointer: string): Position {
  const source = loadSource(file);
  if (!source) return { line: 1, column: 1 };
  const segments = parsePointer(pointer);
  const offset = looksLikeJson(file, source.text) ? jsonOffset(source, segments) : yamlOffset(source, segments);
  return offsetToPosition(lineStartsOf(source), offset);
}

function looksLikeJson(file: string, text: string): boolean {
  if (file.endsWith('.json')) return true;
  if (file.endsWith('.yaml') || file.endsWith('.yml')) return false;
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

function yamlOffset(source: SourceFile, segments: readonly string[]): number {
  if (!source.yaml) source.yaml = parseDocument(source.text, { lineCounter: new LineCounter(), uniqueKeys: false });
  let node: unknown = source.yaml.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === segment);
      if (!pair) break;
      offset = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (!/^\d+$/.test(segment) || item === undefined) break;
      offset = (item as Node).range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

// ---- JSON scanner: finds the offset of a pointer without parsing values it does not enter.

function skipWhitespace(text: string, index: number): number {
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) break;
    index++;
  }
  return index;
}

/** Index just past the closing quote of the string starting at `index`. */
function skipString(text: string, index: number): number {
  let cursor = index + 1;
  for (;;) {
    const quote = text.indexOf('"', cursor);
    if (quote === -1) return text.length;
    let backslashes = 0;
    for (let back = quote - 1; back > index && text.charCodeAt(back) === 0x5c; back--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    cursor = quote + 1;
  }
}

function skipValue(text: string, index: number): number {
  const char = text[index];
  if (char === '"') return skipString(text, index);
  if (char === '{' || char === '[') {
    let depth = 0;
    let cursor = index;
    while (cursor < text.length) {
      const current = text[cursor];
      if (current === '"') {
        cursor = skipString(text, cursor);
        continue;
      }
      if (current === '{' || current === '[') depth++;
      else if (current === '}' || current === ']') {
        depth--;
        if (depth === 0) return cursor + 1;
      }
      cursor++;
    }
    return text.length;
  }
  let cursor = index;
  while (cursor < text.length && !',}] \n\r\t'.includes(text[cursor] ?? '')) cursor++;
  return cursor;
}

function readKey(text: string, index: number): { key: string; end: number } {
  const end = skipString(text, index);
  const raw = text.slice(index + 1, end - 1);
  if (!raw.includes('\\')) return { key: raw, end };
  try {
    return { key: JSON.parse(text.slice(index, end)) as string, end };
  } catch {
    return { key: raw, end };
  }
}

/** Joins pointer segments into cache keys; keys may contain "/" (OpenAPI paths), not NUL. */
const memberSeparator = '\u0000';

interface MemberOffsets {
  /** Where the member starts: its key in an object, the value itself in an array. */
  readonly member: number;
  readonly value: number;
}

/**
 * Every member met while scanning a container is remembered, so diagnostics about siblings
 * (the usual case: many operations of one spec) cost one scan of their parent, not one each.
 */
function jsonOffset(source: SourceFile, segments: readonly string[]): number {
  const { text } = source;
  const cache = (source.jsonMembers ??= new Map<string, MemberOffsets>());
  let depth = segments.length;
  let known: MemberOffsets | undefined;
  while (depth > 0 && !(known = cache.get(segments.slice(0, depth).join(memberSeparator)))) depth--;
  let index = known ? known.value : skipWhitespace(text, 0);
  let found = known ? known.member : index;
  const scans = (source.jsonScans ??= new Map<string, ContainerScan>());
  for (let level = depth; level < segments.length; level++) {
    const segment = segments[level] ?? '';
    const parentKey = segments.slice(0, level).join(memberSeparator);
    const memberKey = (name: string): string => (level === 0 ? name : parentKey + memberSeparator + name);
    const open = text[index];
    if (open !== '{' && open !== '[') break;
    let next = cache.get(memberKey(segment));
    // Resume the parent's scan where the last lookup left it, so each container is read once.
    const scanKey = `${level}:${parentKey}`;
    let scan = scans.get(scanKey);
    if (!scan) {
      scan = { cursor: skipWhitespace(text, index + 1), position: 0 };
      scans.set(scanKey, scan);
    }
    while (!next && scan.cursor < text.length && text[scan.cursor] !== '}' && text[scan.cursor] !== ']') {
      let name: string;
      let offsets: MemberOffsets;
      if (open === '{') {
        if (text[scan.cursor] !== '"') break;
        const { key, end } = readKey(text, scan.cursor);
        name = key;
        offsets = { member: scan.cursor, value: skipWhitespace(text, skipWhitespace(text, end) + 1) };
      } else {
        name = String(scan.position);
        offsets = { member: scan.cursor, value: scan.cursor };
      }
      cache.set(memberKey(name), offsets);
      scan.position++;
      scan.cursor = skipWhitespace(text, skipValue(text, offsets.value));
      if (text[scan.cursor] === ',') scan.cursor = skipWhitespace(text, scan.cursor + 1);
      if (name === segment) next = offsets;
    }
    if (!next) break;
    found = next.member;
    index = next.value;
  }
  return found;
}

/**
 * Builds a positioned diagnostic from an IR origin. `line` and `column` are resolved on first read: a build
 * of a big spec reports hundreds of per-tool notes the terminal folds into one line, and finding a pointer
 * in a 13 MB JSON file means scanning it. Spreading or serialising the diagnostic reads them as usual.
 */
export function makeDiagnostic(
  code: DiagnosticCode,
  severity: DiagnosticSeverity,
  message: string,
  origin: IR.Origin,
  hint?: string,
): Diagnostic {
  const fields = { code, severity, message, file: origin.file, line: 1, column: 1, pointer: origin.pointer };
  const diagnostic: Diagnostic = hint === undefined ? fields : { ...fields, hint };
  let position: Position | undefined;
  const at = (): Position => (position ??= positionOf(origin.file, origin.pointer));
  return Object.defineProperties(diagnostic, {
    line: { get: () => at().line, enumerable: true, configurable: true },
    column: { get: () => at().column, enumerable: true, configurable: true },
  });
}
