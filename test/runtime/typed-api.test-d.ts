/** Type tests (checked by `tsc --noEmit`): slugs and arguments of tools.execute come from the toolkits' __types. */
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { Toolsmith } from '../../runtime/toolsmith.js';
import type { CompiledToolkit } from '../../runtime/types.js';
import type { OpenAiChatTool } from '../../runtime/providers/openai.js';
import type { ToolsmithProvider } from '../../runtime/providers/types.js';

type GithubTypes = {
  tools: {
    GITHUB_GET_REPO: { input: { owner: string; repo: string; per_page?: number }; output: { id: number; full_name: string } };
    GITHUB_STAR_REPO: { input: { owner: string; repo: string }; output: null };
  };
  triggers: Record<never, never>;
};
type SlackTypes = {
  tools: { SLACK_POST_MESSAGE: { input: { channel: string; text: string }; output: { ok: boolean } } };
  triggers: Record<never, never>;
};
declare const github: CompiledToolkit<'github', GithubTypes>;
declare const slack: CompiledToolkit<'slack', SlackTypes>;
declare const untyped: CompiledToolkit;

const toolsmith = new Toolsmith({ toolkits: [github, slack] });

export async function typed(): Promise<void> {
  const result = await toolsmith.tools.execute('GITHUB_GET_REPO', { userId: 'u', arguments: { owner: 'o', repo: 'r', per_page: 10 } });
  if (result.successful) expectTypeOf(result.data).toEqualTypeOf<{ id: number; full_name: string }>();
  else expectTypeOf(result.error).toEqualTypeOf<string>();
  await toolsmith.tools.execute('SLACK_POST_MESSAGE', { userId: 'u', arguments: { channel: 'c', text: 't' } });
  // A JSON string is always accepted (validated at run time).
  await toolsmith.tools.execute('SLACK_POST_MESSAGE', { userId: 'u', arguments: '{"channel":"c","text":"t"}' });
  // Custom tools are LOCAL_… and take any object.
  await toolsmith.tools.execute('LOCAL_ANYTHING', { arguments: { x: 1 } });

  // @ts-expect-error a slug no loaded toolkit has
  await toolsmith.tools.execute('GITHUB_DELETE_EVERYTHING', { userId: 'u', arguments: {} });
  // @ts-expect-error a wrong argument type
  await toolsmith.tools.execute('GITHUB_GET_REPO', { userId: 'u', arguments: { owner: 'o', repo: 'r', per_page: '10' } });
  // @ts-expect-error a missing required argument
  await toolsmith.tools.execute('SLACK_POST_MESSAGE', { userId: 'u', arguments: { channel: 'c' } });
  // @ts-expect-error arguments of another tool
  await toolsmith.tools.execute('GITHUB_STAR_REPO', { userId: 'u', arguments: { channel: 'c', text: 't' } });

  // The default provider is OpenAI's: tools.get gives its tool objects.
  expectTypeOf(await toolsmith.tools.get('u', { toolkits: ['github'] })).toEqualTypeOf<OpenAiChatTool[]>();
  // A given provider decides the type.
  const custom: ToolsmithProvider<string[]> = { name: 'names', agentic: false, wrapTools: (tools) => tools.map((t) => t.slug) };
  const named = new Toolsmith({ toolkits: [github], provider: custom });
  expectTypeOf(await named.tools.get('u', { toolkits: ['github'] })).toEqualTypeOf<string[]>();

  // Untyped toolkits accept any slug.
  const loose = new Toolsmith({ toolkits: [untyped] });
  await loose.tools.execute('WHATEVER', { arguments: { a: 1 } });

  // Custom tools: the input of execute is the Zod output type.
  toolsmith.createTool('sum', {
    name: 'Sum', description: 'Adds', inputParams: z.object({ a: z.number() }),
    execute: (input) => {
      expectTypeOf(input).toEqualTypeOf<{ a: number }>();
      return input.a;
    },
  });
}
