/**
 * The router's meta tools through provider adapters: an agent starts with three tools, searches, then runs
 * found tools in parallel; the calls reach a loopback API as the user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { GeminiProvider } from '../../runtime/providers/gemini.js';
import { OpenAIProvider } from '../../runtime/providers/openai.js';
import { createToolRouter } from '../../runtime/router/router.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { demoToolkit } from '../providers/support/demo-toolkit.js';

let server: RecordServer;
beforeAll(async () => { server = await startRecordServer(); });
afterAll(async () => server.close());

describe('tool router through providers', () => {
  it('OpenAI: three meta tools; search then multi-execute in parallel', async () => {
    const provider = new OpenAIProvider();
    const toolsmith = new Toolsmith({ toolkits: [demoToolkit(server.url)], provider });
    const router = createToolRouter(toolsmith);
    const tools = router.get('r1', provider);
    expect(tools.map((t) => t.function.name)).toEqual(['TOOLSMITH_SEARCH_TOOLS', 'TOOLSMITH_MULTI_EXECUTE_TOOL', 'TOOLSMITH_MANAGE_CONNECTIONS']);
    const [search] = await provider.handleToolCalls('r1', { choices: [{ message: { tool_calls: [
      { id: 's', type: 'function', function: { name: 'TOOLSMITH_SEARCH_TOOLS', arguments: JSON.stringify({ query: 'set metadata', toolkits: null, limit: 2 }) } },
    ] } }] });
    const found = JSON.parse(search!.content).data.tools;
    expect(found[0]).toMatchObject({ tool_slug: 'DEMO_SET_METADATA', connection: 'not_required' });
    expect(found[0].input_schema.properties.metadata).toBeDefined();
    const start = server.requests.length;
    const [multi] = await provider.handleToolCalls('r1', { choices: [{ message: { tool_calls: [
      { id: 'm', type: 'function', function: { name: 'TOOLSMITH_MULTI_EXECUTE_TOOL', arguments: JSON.stringify({ calls: [
        { tool_slug: 'DEMO_SET_METADATA', arguments: { id: '1', metadata: { a: 1 } } },
        { tool_slug: 'DEMO_CREATE_ISSUE', arguments: { title: 'via router' } },
        { tool_slug: 'DEMO_UNKNOWN', arguments: {} },
      ] }) } },
    ] } }] });
    const results = JSON.parse(multi!.content).data.results;
    expect(results.map((r: { successful: boolean }) => r.successful)).toEqual([true, true, false]);
    expect(server.requests.slice(start).map((r) => r.path).sort()).toEqual(['/issues', '/metadata']);
  });

  it('Gemini: free-form call arguments travel as JSON text and are parsed back', async () => {
    const provider = new GeminiProvider();
    const toolsmith = new Toolsmith({ toolkits: [demoToolkit(server.url)], provider });
    const [tool] = createToolRouter(toolsmith).get('r2', provider);
    const multi = tool!.functionDeclarations.find((d) => d.name === 'TOOLSMITH_MULTI_EXECUTE_TOOL')!;
    expect(multi.parameters!.properties!['calls']!.items!.properties!['arguments']!.type).toBe('STRING');
    const start = server.requests.length;
    const [content] = await provider.handleToolCalls('r2', { candidates: [{ content: { parts: [{ functionCall: {
      name: 'TOOLSMITH_MULTI_EXECUTE_TOOL', args: { calls: [{ tool_slug: 'DEMO_CREATE_ISSUE', arguments: '{"title":"gemini"}' }] },
    } }] } }] });
    expect(content!.parts[0]!.functionResponse.response['output']).toMatchObject({ results: [{ successful: true }] });
    expect(server.requests.slice(start).map((r) => r.json())).toEqual([{ title: 'gemini' }]);
  });
});
