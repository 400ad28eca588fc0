import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenTool } from '../../compiler/flatten/flatten-tool.js';
import { importOpenApi } from '../../compiler/parse/openapi/index.js';
import { importFixture, toolByOperation, yamlToolkit } from './helpers.js';
import { corpusSpec } from '../support/corpus.js';

const stripeDir = path.resolve(import.meta.dirname, '../../definitions/stripe');

describe('requests', () => {
  it('gives a path parameter and a body field of the same name distinct, stable inputs that map back', async () => {
    const { toolkit } = await importFixture('shop-v3.json');
    const replace = toolByOperation(toolkit, 'replaceOrder');
    expect(toolkit.inputCollisions).toBe('rename');
    const flat = flattenTool(replace, { onCollision: toolkit.inputCollisions ?? 'report', sharedSchemas: toolkit.sharedSchemas });
    expect(flat.inputs.map((input) => [input.name, input.in, input.target])).toEqual([
      ['id', 'path', 'id'], ['body_id', 'body', 'id'], ['note', 'body', 'note'],
    ]);
    const again = flattenTool(replace, { onCollision: 'rename', sharedSchemas: toolkit.sharedSchemas });
    expect(again.inputs).toEqual(flat.inputs);
  });

  it('captures Stripe form bodies with their deepObject encoding in the IR', async () => {
    const { toolkit, diagnostics } = await importOpenApi({
      toolkit: yamlToolkit('stripe'),
      overlay: { spec: './openapi.json', include: ['PostCustomers', 'DeleteCustomersCustomer', 'GetCustomers'] },
      definitionFile: path.join(stripeDir, 'toolkit.yaml'),
      definitionDir: stripeDir,
    });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const create = toolByOperation(toolkit, 'PostCustomers');
    expect(create.body?.contentType).toBe('application/x-www-form-urlencoded');
    expect(create.body?.encoding['metadata']).toEqual({ style: 'deepObject', explode: true });
    expect(create.body?.encoding['expand']).toEqual({ style: 'deepObject', explode: true });
    const flat = flattenTool(create, { onCollision: 'rename', sharedSchemas: toolkit.sharedSchemas });
    expect(flat.inputs.find((input) => input.name === 'metadata')).toMatchObject({ in: 'body', style: 'deepObject', explode: true });
    // Stripe's DELETE and GET bodies admit nothing: they are no body at all.
    expect(toolByOperation(toolkit, 'DeleteCustomersCustomer').body).toBeUndefined();
    expect(toolByOperation(toolkit, 'GetCustomers').body).toBeUndefined();
    expect(toolByOperation(toolkit, 'GetCustomers').parameters.find((p) => p.name === 'created')).toMatchObject({ style: 'deepObject', explode: true });
    expect(toolkit.baseUrl).toBe('https://api.stripe.com');
    expect(toolkit.auth.map((a) => a.kind)).toEqual(['basic', 'bearer']);
  });

  it('never asks the model for a credential: the token parameters of Slack\'s converted spec are dropped', async () => {
    const slackSpec = corpusSpec('slack');
    const corpus = path.dirname(slackSpec);
    const { toolkit } = await importOpenApi({
      toolkit: yamlToolkit('slack'),
      overlay: { spec: `./${path.basename(slackSpec)}`, include: ['POST /chat.postMessage', 'GET /conversations.list'] },
      definitionFile: path.join(corpus, 'toolkit.yaml'),
      definitionDir: corpus,
    });
    const post = toolByOperation(toolkit, 'chat_postMessage');
    expect(post.parameters).toEqual([]);
    expect(post.body?.contentType).toBe('application/x-www-form-urlencoded');
    expect(toolByOperation(toolkit, 'conversations_list').parameters.map((p) => p.name)).not.toContain('token');
    expect(post.scopes).toEqual(['chat:write:user', 'chat:write:bot']);
  });
});
