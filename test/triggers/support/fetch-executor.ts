/**
 * A minimal tools.execute for poll tests (GET, query inputs, JSON result) used until the Toolsmith
 * executor is wired: it sends real HTTP to the loopback server and reports failures the executor's way.
 */
import type { CompiledToolkit } from '../../../runtime/types.js';
import type { ExecuteTool } from '../../../runtime/triggers/types.js';

export function fetchExecutor(toolkits: readonly CompiledToolkit[], calls: Array<{ slug: string; userId?: string; connectedAccountId?: string }> = []): ExecuteTool {
  return async (slug, params) => {
    calls.push({ slug, ...(params.userId ? { userId: params.userId } : {}), ...(params.connectedAccountId ? { connectedAccountId: params.connectedAccountId } : {}) });
    const toolkit = toolkits.find((candidate) => candidate.tools.some((tool) => tool.slug === slug));
    const tool = toolkit?.tools.find((candidate) => candidate.slug === slug);
    if (!toolkit || !tool) return { data: null, error: `unknown tool ${slug}`, successful: false, logId: 'log_test' };
    const url = new URL(toolkit.baseUrl + tool.request.path);
    const args = typeof params.arguments === 'string' ? JSON.parse(params.arguments) as Record<string, unknown> : params.arguments ?? {};
    for (const input of tool.inputs) if (input.in === 'query' && args[input.name] !== undefined) url.searchParams.set(input.target, String(args[input.name]));
    try {
      const response = await fetch(url);
      const data = await response.json().catch(() => null);
      return response.ok ? { data, error: null, successful: true, status: response.status, logId: 'log_test' }
        : { data, error: `HTTP ${response.status}`, successful: false, status: response.status, logId: 'log_test' };
    } catch (error) {
      return { data: null, error: String(error), successful: false, logId: 'log_test' };
    }
  };
}
