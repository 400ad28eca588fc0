import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IR } from '../../compiler/ir/types.js';
import { fixtures, importFixture, toolByOperation } from './helpers.js';

const origin = { file: path.join(fixtures, 'toolkit.yaml'), pointer: '/tools/0' };

function handWritten(slug: string, method: IR.HttpMethod, toolPath: string): IR.Tool {
  return {
    slug, name: slug, description: 'hand-written', importance: 99, scopes: [], tags: [],
    hints: { readOnly: true, idempotent: true, destructive: false, openWorld: true }, deprecated: false,
    method, path: toolPath, headers: {}, parameters: [], response: { kind: 'json', schema: {}, origin }, origin,
  };
}

describe('openapi overlay', () => {
  it('includes by tag and excludes by METHOD /path', async () => {
    const { toolkit } = await importFixture('shop-v3.json', { include: ['tag:Orders'], exclude: ['PUT /orders/{orderId}'] });
    expect(toolkit.tools.map((t) => t.operationId)).toEqual(['listOrders', 'createOrder', 'getOrder', 'GET /orders/{id}/notes']);
  });

  it('includes by operationId and path glob', async () => {
    const { toolkit } = await importFixture('shop-v3.json', { include: ['adminAuditLog', '/orders/*/invoice'] });
    expect(toolkit.tools.map((t) => t.operationId)).toEqual(['getInvoicePdf', 'adminAuditLog']);
    const deep = await importFixture('shop-v3.json', { include: ['GET /orders/**'] });
    expect(deep.toolkit.tools.map((t) => t.operationId)).toEqual(['getOrder', 'getInvoicePdf', 'GET /orders/{id}/notes']);
  });

  it('leaves deprecated operations out unless included by name', async () => {
    const all = await importFixture('shop-v3.json');
    expect(all.toolkit.tools.some((t) => t.operationId === 'deleteOrder')).toBe(false);
    const byTag = await importFixture('shop-v3.json', { include: ['tag:orders'] });
    expect(byTag.toolkit.tools.some((t) => t.operationId === 'deleteOrder')).toBe(false);
    const byName = await importFixture('shop-v3.json', { include: ['tag:orders', 'deleteOrder'] });
    const tool = toolByOperation(byName.toolkit, 'deleteOrder');
    expect(tool.deprecated).toBe(true);
    expect(tool.hints.destructive).toBe(true);
  });

  it('applies overrides keyed by operationId or METHOD /path', async () => {
    const { toolkit, diagnostics } = await importFixture('shop-v3.json', {
      tools: {
        createOrder: { slug: 'SHOP_PLACE_ORDER', name: 'Place order', description: 'Places it.', importance: 97, scopes: ['orders:write'], tags: ['core'], hints: { idempotent: true } },
        'GET /orders/{x}/notes': { slug: 'SHOP_ORDER_NOTES', importance: 12 },
      },
    });
    expect(diagnostics.filter((d) => d.code === 'TS0204' || d.code === 'TS0205')).toEqual([]);
    const create = toolByOperation(toolkit, 'createOrder');
    expect(create).toMatchObject({ slug: 'SHOP_PLACE_ORDER', name: 'Place order', description: 'Places it.', importance: 97, tags: ['core'] });
    expect(create.hints).toEqual({ readOnly: false, idempotent: true, destructive: false, openWorld: true });
    expect(toolByOperation(toolkit, 'GET /orders/{id}/notes')).toMatchObject({ slug: 'SHOP_ORDER_NOTES', importance: 12 });
  });

  it('reports selectors and overrides that match nothing, positioned in toolkit.yaml', async () => {
    const { diagnostics } = await importFixture('shop-v3.json', { include: ['tag:orders', 'nothing-matches-this'], tools: { noSuchOperation: { importance: 10 } } });
    const selector = diagnostics.find((d) => d.code === 'TS0205');
    expect(selector).toMatchObject({ severity: 'warning', pointer: '/openapi/include/1', line: 7 });
    expect(selector?.message).toContain('nothing-matches-this');
    const override = diagnostics.find((d) => d.code === 'TS0204');
    expect(override).toMatchObject({ severity: 'error', pointer: '/openapi/tools/noSuchOperation', line: 9 });
  });

  it('lets hand-written tools replace the matching operation and adds the others', async () => {
    const replaced = handWritten('SHOP_FETCH_ORDER', 'GET', '/orders/{orderId}');
    const extra = handWritten('SHOP_PING', 'GET', '/ping');
    const { toolkit } = await importFixture('shop-v3.json', {}, { tools: [replaced, extra] });
    expect(toolkit.tools.filter((t) => t.method === 'GET' && t.path.startsWith('/orders/{') && !t.path.includes('/', 8)).map((t) => t.slug)).toEqual(['SHOP_FETCH_ORDER']);
    expect(toolkit.tools[0]).toBe(extra);
    expect(toolkit.tools).toContain(replaced);
    expect(toolkit.tools.some((t) => t.operationId === 'getOrder')).toBe(false);
  });
});

describe('base URL paths', () => {
  it('rebases operation paths onto a YAML base URL whose path differs from the spec server', async () => {
    const manual = handWritten('PETSTORE_FETCH_PET', 'GET', '/v2/pet/{id}');
    const { toolkit } = await importFixture('petstore-v2.yaml', {}, { baseUrl: 'https://petstore.example.com', tools: [manual] }, 'petstore');
    expect(toolkit.baseUrl).toBe('https://petstore.example.com');
    expect(toolByOperation(toolkit, 'addPet').path).toBe('/v2/pet');
    expect(toolkit.tools.some((t) => t.operationId === 'getPetById')).toBe(false);
    expect(toolkit.tools).toContain(manual);
    const same = await importFixture('petstore-v2.yaml', {}, { baseUrl: 'https://petstore.example.com/v2/' }, 'petstore');
    expect(toolByOperation(same.toolkit, 'addPet').path).toBe('/pet');
  });
});
