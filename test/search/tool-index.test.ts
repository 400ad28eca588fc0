import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ToolIndex } from '../../runtime/search/tool-index.js';
import { expandQuery, stem } from '../../runtime/search/text.js';
import type { CompiledTool } from '../../runtime/types.js';

function tool(slug: string, description: string, importance = 50, tags: string[] = []): CompiledTool {
  const toolkit = slug.split('_')[0]!.toLowerCase();
  const name = slug.slice(toolkit.length + 1).toLowerCase().replace(/_/g, ' ');
  return {
    slug, name, description, toolkit, importance, scopes: [], tags,
    hints: { readOnly: false, idempotent: false, destructive: false, openWorld: true },
    input: z.object({}), output: z.unknown(), inputParameters: { type: 'object' }, outputParameters: {},
    request: { method: 'GET', path: '/', response: { kind: 'json' } }, inputs: [],
  };
}

const tools = [
  tool('GITHUB_CREATE_AN_ISSUE', 'Creates an issue in a repository.', 90, ['issues']),
  tool('GITHUB_LIST_REPOSITORY_ISSUES', 'Lists issues in a repository.', 80, ['issues']),
  tool('GITHUB_CREATE_AN_ISSUE_COMMENT', 'Adds a comment to an issue or pull request.', 80, ['issues']),
  tool('GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER', 'Stars a repository for the authenticated user.', 70),
  tool('GITHUB_GET_THE_AUTHENTICATED_USER', 'Gets the profile of the signed-in user.', 60),
  tool('SLACK_CHAT_POST_MESSAGE', 'Sends a message to a channel.', 95, ['chat']),
  tool('SLACK_CONVERSATIONS_LIST', 'Lists channels in a workspace.', 70),
  tool('GMAIL_SEND_EMAIL', 'Sends an email message.', 95),
  tool('HACKERNEWS_GET_TOP_STORIES', 'Returns the ids of the current top stories on Hacker News.', 90),
];

describe('stem', () => {
  it('joins inflections of the same word', () => {
    expect(stem('issues')).toBe(stem('issue'));
    expect(stem('created')).toBe(stem('create'));
    expect(stem('creating')).toBe(stem('create'));
    expect(stem('starred')).toBe(stem('star'));
    expect(stem('repositories')).toBe(stem('repository'));
    expect(stem('news')).toBe('news');
  });
});

describe('expandQuery', () => {
  it('keeps written words at weight 1 and adds synonyms at lower weight', () => {
    const terms = expandQuery('open an issue');
    expect(terms).toContainEqual({ term: stem('open'), weight: 1 });
    expect(terms.find((term) => term.term === stem('create'))?.weight).toBeLessThan(1);
    expect(terms.some((term) => term.term === 'an')).toBe(false);
  });
});

describe('ToolIndex', () => {
  const index = new ToolIndex(tools);

  it('finds the tool for natural-language tasks', () => {
    const top = (query: string) => index.search(query, { limit: 1 })[0]?.tool.slug;
    expect(top('open an issue about the login bug in acme/web')).toBe('GITHUB_CREATE_AN_ISSUE');
    expect(top('message the team channel that the deploy is done')).toBe('SLACK_CHAT_POST_MESSAGE');
    expect(top('email the report to bob')).toBe('GMAIL_SEND_EMAIL');
    expect(top('star the repo octo/hello')).toBe('GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER');
    expect(top('who am I on github')).toBe('GITHUB_GET_THE_AUTHENTICATED_USER');
    expect(top('what are the top headlines on hacker news')).toBe('HACKERNEWS_GET_TOP_STORIES');
  });

  it('restricts results to the given toolkits and limit', () => {
    const results = index.search('list', { toolkits: ['SLACK'], limit: 5 });
    expect(results.map((result) => result.tool.toolkit)).toEqual(['slack']);
    expect(index.search('issue', { limit: 2 })).toHaveLength(2);
  });

  it('returns the most important tools in scope for an empty query', () => {
    expect(index.search('  the  ', { toolkits: ['github'], limit: 1 })[0]?.tool.slug).toBe('GITHUB_CREATE_AN_ISSUE');
  });

  it('returns nothing for words no tool has', () => {
    expect(index.search('zzzqqq')).toEqual([]);
  });
});

describe('ToolIndex with a toolkit named', () => {
  const index = new ToolIndex(tools);

  it('lists that toolkit first by importance when the query only names it', () => {
    expect(index.search('slack', { limit: 2 }).map((result) => result.tool.slug)).toEqual(['SLACK_CHAT_POST_MESSAGE', 'SLACK_CONVERSATIONS_LIST']);
  });

  it('prefers the named toolkit over a better text match elsewhere', () => {
    expect(index.search('send a message on slack', { limit: 1 })[0]?.tool.slug).toBe('SLACK_CHAT_POST_MESSAGE');
    expect(index.search('send a message by gmail', { limit: 1 })[0]?.tool.slug).toBe('GMAIL_SEND_EMAIL');
  });

  it('accepts catalog entries as well as compiled tools', () => {
    const entries = tools.map(({ slug, name, description, toolkit, importance, tags }) => ({ slug, name, description, toolkit, importance, tags }));
    const catalogIndex = new ToolIndex(entries);
    expect(catalogIndex.size).toBe(tools.length);
    expect(catalogIndex.search('list slack channels', { limit: 1 })[0]?.tool.slug).toBe('SLACK_CONVERSATIONS_LIST');
  });
});
