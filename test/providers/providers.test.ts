/**
 * Each adapter through the real Toolsmith runtime against a loopback API: tools.get returns the SDK's
 * objects, and a model response's tool calls (shaped exactly as each SDK returns them) are executed as the
 * user, with the lowering undone before the request leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tool as langchainTool } from '@langchain/core/tools';
import { generateText, stepCountIs } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { AnthropicProvider } from '../../runtime/providers/anthropic.js';
import { GeminiProvider } from '../../runtime/providers/gemini.js';
import { LangChainProvider } from '../../runtime/providers/langchain.js';
import { OpenAIProvider } from '../../runtime/providers/openai.js';
import { OpenAIResponsesProvider } from '../../runtime/providers/openai-responses.js';
import { VercelProvider } from '../../runtime/providers/vercel.js';
import type { ToolsmithProvider } from '../../runtime/providers/types.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { demoToolkit } from './support/demo-toolkit.js';

let server: RecordServer;
beforeAll(async () => {
  server = await startRecordServer();
  server.handle((request) => (request.path === '/fail' ? { status: 500, json: { message: 'boom' } } : { json: { ok: true, path: request.path } }));
});
afterAll(async () => server.close());

function toolsmithWith<P extends ToolsmithProvider>(provider: P) {
  return new Toolsmith({ toolkits: [demoToolkit(server.url)], provider });
}

/** Bodies the loopback API received since `from`, by path. */
function received(from: number): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const request of server.requests.slice(from)) (out[request.path] ??= []).push(request.text() === '' ? {} : request.json());
  return out;
}

describe('OpenAI Chat Completions (default provider)', () => {
  it('is the default and returns strict function tools where possible, with warnings for the rest', async () => {
    const toolsmith = new Toolsmith({ toolkits: [demoToolkit(server.url)] });
    const tools = await toolsmith.tools.get('u1', { toolkits: ['demo'] }) as any[];
    const byName = Object.fromEntries(tools.map((t) => [t.function.name, t]));
    expect(byName['DEMO_CREATE_ISSUE'].type).toBe('function');
    expect(byName['DEMO_CREATE_ISSUE'].function.strict).toBe(true);
    expect(byName['DEMO_CREATE_ISSUE'].function.parameters.additionalProperties).toBe(false);
    expect(byName['DEMO_SET_METADATA'].function.strict).toBe(false);
  });

  it('runs every call of every choice in parallel and strips the nulls strict mode added', async () => {
    const provider = new OpenAIProvider();
    const toolsmith = toolsmithWith(provider);
    await toolsmith.tools.get('u1', { toolkits: ['demo'] });
    const start = server.requests.length;
    const completion = {
      choices: [
        { message: { tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'DEMO_CREATE_ISSUE', arguments: '{"title":"t","labels":null,"filter[state]":null,"priority":2}' } },
          { id: 'c2', type: 'function', function: { name: 'DEMO_FAIL', arguments: '{"reason":null}' } },
        ] } },
        { message: { tool_calls: [{ id: 'c3', type: 'function', function: { name: 'DEMO_NOPE', arguments: '{}' } }] } },
        { message: { tool_calls: [{ id: 'c4', type: 'function', function: { name: 'DEMO_CREATE_ISSUE', arguments: 'not json' } }] } },
      ],
    };
    const messages = await provider.handleToolCalls('u1', completion);
    expect(messages.map((m) => m.tool_call_id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(messages.every((m) => m.role === 'tool')).toBe(true);
    expect(JSON.parse(messages[0]!.content)).toMatchObject({ successful: true, data: { ok: true } });
    expect(JSON.parse(messages[1]!.content)).toMatchObject({ successful: false });
    expect(JSON.parse(messages[2]!.content).error).toMatch(/DEMO_NOPE/);
    expect(JSON.parse(messages[3]!.content).error).toMatch(/not valid JSON/);
    expect(received(start)).toEqual({ '/issues': [{ title: 't', priority: 2 }], '/fail': [{}] });
  });

  it('asks for tools.get first when it knows no user', async () => {
    await expect(new OpenAIProvider().handleToolCalls('nobody', { choices: [] })).rejects.toThrow(/tools.get\("nobody"/);
  });
});

describe('OpenAI Responses', () => {
  it('answers function_call items with function_call_output items', async () => {
    const provider = new OpenAIResponsesProvider();
    const toolsmith = toolsmithWith(provider);
    const tools = await toolsmith.tools.get('u2', { tools: ['DEMO_CREATE_ISSUE'] });
    expect(tools[0]).toMatchObject({ type: 'function', name: 'DEMO_CREATE_ISSUE', strict: true });
    const start = server.requests.length;
    const outputs = await provider.handleToolCalls('u2', {
      output: [
        { type: 'message' },
        { type: 'function_call', call_id: 'r1', name: 'DEMO_CREATE_ISSUE', arguments: '{"title":"x","labels":["a"],"filter[state]":"open","priority":null}' },
      ],
    });
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toMatchObject({ type: 'function_call_output', call_id: 'r1' });
    expect(received(start)['/issues']).toEqual([{ title: 'x', labels: ['a'], 'filter[state]': 'open' }]);
  });
});

describe('Anthropic', () => {
  it('returns Anthropic tools with valid property keys, and tool_result blocks (is_error on failure)', async () => {
    const provider = new AnthropicProvider();
    const toolsmith = toolsmithWith(provider);
    const tools = await toolsmith.tools.get('u3', { toolkits: ['demo'] });
    const issue = tools.find((t) => t.name === 'DEMO_CREATE_ISSUE')!;
    expect(issue.input_schema.type).toBe('object');
    const key = Object.keys(issue.input_schema.properties as object).find((k) => k.startsWith('filter_state'))!;
    expect(key).toMatch(/^[a-zA-Z0-9_.-]{1,64}$/);
    const start = server.requests.length;
    const [message] = await provider.handleToolCalls('u3', {
      content: [
        { type: 'text' },
        { type: 'tool_use', id: 'tu1', name: 'DEMO_CREATE_ISSUE', input: { title: 'a', [key]: 'closed' } },
        { type: 'tool_use', id: 'tu2', name: 'DEMO_FAIL', input: {} },
      ],
    });
    expect(message!.role).toBe('user');
    expect(message!.content.map((b) => [b.tool_use_id, b.is_error ?? false])).toEqual([['tu1', false], ['tu2', true]]);
    expect(received(start)['/issues']).toEqual([{ title: 'a', 'filter[state]': 'closed' }]);
    expect(await provider.handleToolCalls('u3', { content: [{ type: 'text' }] })).toEqual([]);
  });
});

describe('Gemini', () => {
  it('returns function declarations and answers functionCall parts with functionResponse parts', async () => {
    const provider = new GeminiProvider();
    const toolsmith = toolsmithWith(provider);
    const [tool] = await toolsmith.tools.get('u4', { toolkits: ['demo'] });
    const metadata = tool!.functionDeclarations.find((d) => d.name === 'DEMO_SET_METADATA')!;
    expect(metadata.parameters!.properties!['metadata']!.type).toBe('STRING');
    expect(provider.warnings.map((w) => w.tool)).toContain('DEMO_SET_METADATA');
    const issue = tool!.functionDeclarations.find((d) => d.name === 'DEMO_CREATE_ISSUE')!;
    expect(issue.parameters!.properties!['priority']).toMatchObject({ type: 'STRING', enum: ['1', '2', '3'] });
    const start = server.requests.length;
    const [content] = await provider.handleToolCalls('u4', {
      candidates: [{ content: { parts: [
        { functionCall: { id: 'g1', name: 'DEMO_SET_METADATA', args: { id: '7', metadata: '{"team":"core","n":1}' } } },
        { functionCall: { name: 'DEMO_CREATE_ISSUE', args: { title: 'g', priority: '3' } } },
        { functionCall: { name: 'DEMO_FAIL', args: {} } },
      ] } }],
    });
    expect(content!.parts.map((p) => p.functionResponse.name)).toEqual(['DEMO_SET_METADATA', 'DEMO_CREATE_ISSUE', 'DEMO_FAIL']);
    expect(content!.parts[0]!.functionResponse.id).toBe('g1');
    expect(content!.parts[2]!.functionResponse.response['error']).toBeTruthy();
    expect(received(start)).toMatchObject({ '/metadata': [{ id: '7', metadata: { team: 'core', n: 1 } }], '/issues': [{ title: 'g', priority: 3 }] });
  });
});

describe('Vercel AI SDK (agentic)', () => {
  it('tools run inside generateText with the real SDK, as the bound user', async () => {
    const toolsmith = toolsmithWith(new VercelProvider());
    const tools = await toolsmith.tools.get('u5', { toolkits: ['demo'] });
    const start = server.requests.length;
    let turn = 0;
    const model = new MockLanguageModelV3({
      doGenerate: async (options: any) => {
        turn += 1;
        if (turn === 1) {
          const sent = options.tools.find((t: any) => t.name === 'DEMO_CREATE_ISSUE');
          expect(sent.inputSchema.properties.title.type).toBe('string');
          return {
            content: [{ type: 'tool-call', toolCallId: 'v1', toolName: 'DEMO_CREATE_ISSUE', input: JSON.stringify({ title: 'from ai' }) }],
            finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: usage(), warnings: [],
          };
        }
        return { content: [{ type: 'text', text: 'done' }], finishReason: { unified: 'stop', raw: 'stop' }, usage: usage(), warnings: [] };
      },
    });
    const result = await generateText({ model, tools, prompt: 'open an issue', stopWhen: stepCountIs(3) });
    expect(result.text).toBe('done');
    expect(received(start)['/issues']).toEqual([{ title: 'from ai' }]);
    const toolResult = result.steps[0]!.toolResults[0] as any;
    expect(toolResult.output).toMatchObject({ successful: true, data: { ok: true } });
  });
});

describe('LangChain (agentic)', () => {
  it('returns real LangChain tools that execute as the bound user', async () => {
    const toolsmith = toolsmithWith(new LangChainProvider({ tool: langchainTool }));
    const tools = await toolsmith.tools.get('u6', { toolkits: ['demo'] });
    const issue = tools.find((t) => t.name === 'DEMO_CREATE_ISSUE') as unknown as { invoke(input: unknown): Promise<unknown> };
    const start = server.requests.length;
    const output = await issue.invoke({ title: 'lc' });
    expect(JSON.parse(String(output))).toMatchObject({ successful: true });
    expect(received(start)['/issues']).toEqual([{ title: 'lc' }]);
  });

  it('loads LangChain itself when no helper is passed', async () => {
    const toolsmith = toolsmithWith(new LangChainProvider());
    const tools = await toolsmith.tools.get('u6', { tools: ['DEMO_FAIL'] });
    expect(JSON.parse(String(await tools[0]!.invoke({})))).toMatchObject({ successful: false });
  });
});

function usage() {
  return {
    inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 1, text: 1, reasoning: 0 },
  };
}
