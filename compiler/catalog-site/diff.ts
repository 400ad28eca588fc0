/**
 * `toolsmith catalog diff OLD NEW`: what changed between two published catalogs, and which changes
 * break agents already calling the tools: a removed tool or trigger, a removed input field, a new
 * required input (or an optional one turned required), and an input type that no longer accepts what
 * it accepted (narrowed or changed; widening, e.g. string → string | null, is fine).
 */
import type { Catalog, CatalogTool } from './catalog-file.js';
import { schemaTable, type SchemaRow } from './schema-table.js';

export type CatalogChangeKind =
  | 'tool-added' | 'tool-removed' | 'trigger-added' | 'trigger-removed'
  | 'input-added' | 'input-required-added' | 'input-removed' | 'input-became-required' | 'input-became-optional'
  | 'input-type-changed' | 'input-type-widened';

export interface CatalogChange {
  readonly kind: CatalogChangeKind;
  /** Tool or trigger slug. */
  readonly slug: string;
  /** Input field path (`ticket.subject`, `labels[]`) for input changes. */
  readonly field?: string;
  readonly breaking: boolean;
  readonly message: string;
}

export interface CatalogDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changes: readonly CatalogChange[];
  readonly breaking: readonly CatalogChange[];
}

const limits = { maxDepth: 6, maxRows: 5000 };

function rowsByPath(tool: CatalogTool): Map<string, SchemaRow> {
  return new Map(schemaTable(tool.inputParameters, limits).rows.map((row) => [row.name, row]));
}

/** `ticket.comment.body` → `ticket.comment`; `labels[].name` → `labels`. */
function parentOf(path: string): string {
  const index = path.lastIndexOf('.');
  return index < 0 ? '' : path.slice(0, index).replace(/\[\]$/, '');
}

function typeSet(type: string): Set<string> {
  return new Set(type.split(' | ').map((part) => part.trim()));
}

/** Input changes of one tool present in both catalogs. */
function inputChanges(slug: string, before: CatalogTool, after: CatalogTool): CatalogChange[] {
  const changes: CatalogChange[] = [];
  const oldRows = rowsByPath(before);
  const newRows = rowsByPath(after);
  for (const [path, row] of oldRows) {
    if (newRows.has(path)) continue;
    // Report a removed object once, not each of its fields.
    if (parentOf(path) !== '' && !newRows.has(parentOf(path)) && oldRows.has(parentOf(path))) continue;
    changes.push({ kind: 'input-removed', slug, field: path, breaking: true, message: `input "${path}" (${row.type}) was removed` });
  }
  for (const [path, row] of newRows) {
    const old = oldRows.get(path);
    if (!old) {
      // Fields inside a new object come with it (the object itself is reported).
      const parent = parentOf(path);
      if (parent !== '' && !oldRows.has(parent)) continue;
      changes.push(row.required
        ? { kind: 'input-required-added', slug, field: path, breaking: true, message: `new required input "${path}" (${row.type})` }
        : { kind: 'input-added', slug, field: path, breaking: false, message: `new optional input "${path}" (${row.type})` });
      continue;
    }
    if (!old.required && row.required) {
      changes.push({ kind: 'input-became-required', slug, field: path, breaking: true, message: `input "${path}" is now required` });
    } else if (old.required && !row.required) {
      changes.push({ kind: 'input-became-optional', slug, field: path, breaking: false, message: `input "${path}" is now optional` });
    }
    if (old.type !== row.type) {
      const before = typeSet(old.type);
      const after = typeSet(row.type);
      const widened = [...before].every((type) => after.has(type));
      changes.push({
        kind: widened ? 'input-type-widened' : 'input-type-changed',
        slug,
        field: path,
        breaking: !widened,
        message: `input "${path}" type ${widened ? 'widened' : 'changed'} from ${old.type} to ${row.type}`,
      });
    }
  }
  return changes;
}

export function diffCatalogs(before: Catalog, after: Catalog): CatalogDiff {
  const oldTools = new Map(before.tools.map((tool) => [tool.slug, tool]));
  const newTools = new Map(after.tools.map((tool) => [tool.slug, tool]));
  const changes: CatalogChange[] = [];
  const added = [...newTools.keys()].filter((slug) => !oldTools.has(slug)).sort();
  const removed = [...oldTools.keys()].filter((slug) => !newTools.has(slug)).sort();
  for (const slug of added) changes.push({ kind: 'tool-added', slug, breaking: false, message: 'tool added' });
  for (const slug of removed) changes.push({ kind: 'tool-removed', slug, breaking: true, message: 'tool removed: agents calling it will fail' });
  for (const slug of [...newTools.keys()].filter((slug) => oldTools.has(slug)).sort()) {
    changes.push(...inputChanges(slug, oldTools.get(slug)!, newTools.get(slug)!));
  }
  const oldTriggers = new Set(before.triggers.map((trigger) => trigger.slug));
  const newTriggers = new Set(after.triggers.map((trigger) => trigger.slug));
  for (const slug of [...newTriggers].filter((slug) => !oldTriggers.has(slug)).sort()) {
    changes.push({ kind: 'trigger-added', slug, breaking: false, message: 'trigger added' });
  }
  for (const slug of [...oldTriggers].filter((slug) => !newTriggers.has(slug)).sort()) {
    changes.push({ kind: 'trigger-removed', slug, breaking: true, message: 'trigger removed: its subscriptions stop' });
  }
  return { added, removed, changes, breaking: changes.filter((change) => change.breaking) };
}

/** The diff as lines for a terminal. */
export function formatCatalogDiff(diff: CatalogDiff, options: { allowBreaking: boolean }): string {
  const lines: string[] = [];
  const section = (title: string, list: readonly CatalogChange[], mark: string): void => {
    if (list.length === 0) return;
    lines.push(`${title} (${list.length}):`);
    for (const change of list) lines.push(`  ${mark} ${change.slug}${change.field === undefined ? '' : `: ${change.message}`}`);
  };
  const of = (...kinds: CatalogChangeKind[]): CatalogChange[] => diff.changes.filter((change) => kinds.includes(change.kind));
  section('Added tools', of('tool-added'), '+');
  section('Removed tools', of('tool-removed'), '-');
  section('Added triggers', of('trigger-added'), '+');
  section('Removed triggers', of('trigger-removed'), '-');
  section('Breaking input changes', diff.breaking.filter((change) => change.field !== undefined), '!');
  section('Compatible input changes', diff.changes.filter((change) => !change.breaking && change.field !== undefined), '~');
  const verdict = diff.breaking.length === 0
    ? 'no breaking changes'
    : `${diff.breaking.length} breaking change${diff.breaking.length === 1 ? '' : 's'}${options.allowBreaking ? ' (allowed by --allow-breaking)' : ''}`;
  lines.push(`${diff.added.length} added, ${diff.removed.length} removed, ${verdict}.`);
  return `${lines.join('\n')}\n`;
}
