/** Runs every registered emitter over the toolkits; files come back sorted by path (deterministic output). */
import type { IR } from '../ir/types.js';
import { createPlanner } from './plan.js';
import { emitters } from './registry.js';
import type { EmitContext, GeneratedFile } from './types.js';

export interface EmitOptions {
  /** Called after each toolkit's files are emitted. */
  readonly onToolkit?: (toolkit: IR.Toolkit, done: number, total: number) => void;
}

export function emitToolkits(toolkits: readonly IR.Toolkit[], options: EmitOptions = {}): GeneratedFile[] {
  const context: EmitContext = { plan: createPlanner() };
  const files: GeneratedFile[] = [];
  toolkits.forEach((toolkit, index) => {
    for (const emitter of emitters) if (emitter.emitToolkit) files.push(...emitter.emitToolkit(toolkit, context));
    options.onToolkit?.(toolkit, index + 1, toolkits.length);
  });
  for (const emitter of emitters) if (emitter.emitAll) files.push(...emitter.emitAll(toolkits, context));
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`Two emitters wrote ${file.path}.`);
    seen.add(file.path);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
