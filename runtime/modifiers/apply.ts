/** Runs modifiers with clear errors: a modifier that throws or returns nothing is named in the error. */
import { ToolsmithError } from '../errors.js';
import type { CompiledTool } from '../types.js';
import type { ToolExecuteResult } from '../execute/types.js';
import type { ExecuteModifiers, ModifySchema, ResolvedExecuteParams } from './types.js';

function invalid(kind: string, slug: string, cause?: unknown): ToolsmithError {
  const reason = cause instanceof Error ? `: ${cause.message}` : ' (it returned nothing)';
  return new ToolsmithError('INVALID_OPTIONS', `The ${kind} modifier failed for ${slug}${reason}.`, { tool: slug }, { cause });
}

export function applyModifySchema(modify: ModifySchema | undefined, tool: CompiledTool): CompiledTool {
  if (!modify) return tool;
  let changed: CompiledTool;
  try {
    changed = modify({ toolSlug: tool.slug, toolkitSlug: tool.toolkit, schema: tool });
  } catch (error) {
    throw invalid('modifySchema', tool.slug, error);
  }
  if (!changed || typeof changed !== 'object') throw invalid('modifySchema', tool.slug);
  return changed;
}

export async function applyBeforeExecute(
  modifiers: ExecuteModifiers | undefined, tool: Pick<CompiledTool, 'slug' | 'toolkit'>, params: ResolvedExecuteParams,
): Promise<ResolvedExecuteParams> {
  if (!modifiers?.beforeExecute) return params;
  let changed: ResolvedExecuteParams;
  try {
    changed = await modifiers.beforeExecute({ toolSlug: tool.slug, toolkitSlug: tool.toolkit, params });
  } catch (error) {
    throw invalid('beforeExecute', tool.slug, error);
  }
  if (!changed || typeof changed !== 'object') throw invalid('beforeExecute', tool.slug);
  return changed;
}

export async function applyAfterExecute(
  modifiers: ExecuteModifiers | undefined, tool: Pick<CompiledTool, 'slug' | 'toolkit'>, result: ToolExecuteResult,
): Promise<ToolExecuteResult> {
  if (!modifiers?.afterExecute) return result;
  let changed: ToolExecuteResult;
  try {
    changed = await modifiers.afterExecute({ toolSlug: tool.slug, toolkitSlug: tool.toolkit, result });
  } catch (error) {
    throw invalid('afterExecute', tool.slug, error);
  }
  if (!changed || typeof changed !== 'object') throw invalid('afterExecute', tool.slug);
  return changed;
}
