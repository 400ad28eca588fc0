import { describe, expect, it } from 'vitest';
import { importFixture, toolByOperation } from './helpers.js';

describe('OpenAPI 3.0 import', () => {
  it('turns every non-deprecated operation into a tool with slug, name, scopes and hints', async () => {
    const { toolkit, diagnostics } = await importFixture('shop-v3.json');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(toolkit.inputCollisions).toBe('rename');
    expect(toolkit.tools.map((t) => t.slug)).toEqual([
      'SHOP_LIST_ORDERS', 'SHOP_CREATE_ORDER', 'SHOP_GET_ORDER', 'SHOP_REPLACE_ORDER', 'SHOP_GET_INVOICE_PDF',
      'SHOP_GET_ORDERS_ID_NOTES', 'SHOP_ADMIN_AUDIT_LOG',
    ]);
    const create = toolByOperation(toolkit, 'createOrder');
    expect(create.name).toBe('Create an order');
    expect(create.scopes).toEqual(['orders:write']);
    expect(create.hints).toMatchObject({ readOnly: false, destructive: false });
    expect(toolByOperation(toolkit, 'listOrders').scopes).toEqual(['orders:read']);
    expect(toolByOperation(toolkit, 'listOrders').name).toBe('List orders');
    expect(toolByOperation(toolkit, 'listOrders').hints.readOnly).toBe(true);
  });

  it('takes base URL and connection fields from servers, auth from securitySchemes', async () => {
    const { toolkit } = await importFixture('shop-v3.json');
    expect(toolkit.baseUrl).toBe('https://{{connection.region}}.shop.example.com/api/{{connection.version}}');
    expect(toolkit.connection.map((c) => [c.name, c.default, c.pattern])).toEqual([['region', 'eu', '^(eu|us)$'], ['version', 'v1', undefined]]);
    const kinds = toolkit.auth.map((a) => a.kind);
    expect(kinds).toEqual(['oauth2', 'api_key', 'basic']);
    const oauth = toolkit.auth[0]!;
    expect(oauth.kind === 'oauth2' && [oauth.grant, oauth.tokenUrl, Object.keys(oauth.scopes)]).toEqual(['authorization_code', 'https://shop.example.com/token', ['orders:read', 'orders:write']]);
    expect(toolkit.auth[1]!.inject).toMatchObject([{ in: 'query', name: 'key', value: '{{credentials.api_key}}' }]);
  });

  it('keeps a YAML base URL and auth when given', async () => {
    const origin = { file: 'x', pointer: '' };
    const { toolkit } = await importFixture('shop-v3.json', {}, { baseUrl: 'https://fixed.example.com', auth: [{ kind: 'none', fields: [], inject: [], origin }] });
    expect(toolkit.baseUrl).toBe('https://fixed.example.com');
    expect(toolkit.connection).toEqual([]);
    expect(toolkit.auth.map((a) => a.kind)).toEqual(['none']);
  });

  it('shares component schemas by PascalCase name, keeps cycles as refs and drops unreachable ones', async () => {
    const { toolkit } = await importFixture('shop-v3.json');
    // Order itself is unused: every use is an input (no readOnly id) or an output (no writeOnly secret).
    expect(Object.keys(toolkit.sharedSchemas)).toEqual(['Card', 'Customer', 'LineItem', 'OrderInput', 'OrderOutput', 'Payment', 'Transfer']);
    const customer = toolkit.sharedSchemas['Customer']!;
    expect(customer).toEqual({
      type: 'object',
      properties: { name: { type: 'string' }, referrer: { anyOf: [{ allOf: [{ $ref: '#/$defs/Customer' }] }, { type: 'null' }] } },
    });
    expect(toolkit.sharedSchemas['Payment']).toEqual({
      oneOf: [{ $ref: '#/$defs/Card' }, { $ref: '#/$defs/Transfer' }],
      discriminator: { propertyName: 'kind', mapping: { card: '#/$defs/Card', transfer: '#/$defs/Transfer' } },
    });
    expect(JSON.stringify(toolkit.sharedSchemas)).not.toMatch(/x-|example/);
  });

  it('normalizes nullable, exclusive bounds and wrong defaults', async () => {
    const { toolkit } = await importFixture('shop-v3.json');
    const order = toolkit.sharedSchemas['OrderOutput']!['properties'] as Record<string, Record<string, unknown>>;
    expect(order['note']).toEqual({ type: ['string', 'null'] });
    expect(order['total']).toEqual({ type: 'number', exclusiveMinimum: 0 });
    expect(order['status']).toEqual({ type: 'string', enum: ['open', 'paid'], default: 'open' });
    const item = toolkit.sharedSchemas['LineItem']!['properties'] as Record<string, Record<string, unknown>>;
    expect(item['quantity']).toEqual({ type: 'integer' }); // default "one" does not fit an integer
  });

  it('leaves readOnly properties out of inputs and writeOnly out of outputs, with variants only where needed', async () => {
    const { toolkit } = await importFixture('shop-v3.json');
    const create = toolByOperation(toolkit, 'createOrder');
    expect(create.body?.contentType).toBe('application/json');
    expect(create.body?.schema).toEqual({ $ref: '#/$defs/OrderInput' });
    expect(create.response.schema).toEqual({ $ref: '#/$defs/OrderOutput' });
    const input = toolkit.sharedSchemas['OrderInput']!;
    expect(Object.keys(input['properties'] as object)).not.toContain('id');
    expect(input['required']).toEqual(['items']);
    const output = toolkit.sharedSchemas['OrderOutput']!;
    expect(Object.keys(output['properties'] as object)).toContain('id');
    expect(Object.keys(output['properties'] as object)).not.toContain('secret');
    // Customer has neither flag: one schema serves both directions.
    expect((input['properties'] as Record<string, unknown>)['customer']).toEqual({ $ref: '#/$defs/Customer' });
  });

  it('maps parameters with styles, skips Accept, and reads binary and text responses', async () => {
    const { toolkit } = await importFixture('shop-v3.json');
    const pdf = toolByOperation(toolkit, 'getInvoicePdf');
    expect(pdf.parameters.map((p) => [p.name, p.in, p.style, p.explode, p.required])).toEqual([
      ['id', 'path', 'simple', false, true],
      ['X-Trace', 'header', 'simple', false, false],
      ['session', 'cookie', 'form', true, false],
      ['filter', 'query', 'deepObject', true, false],
    ]);
    expect(pdf.response).toMatchObject({ kind: 'file', contentType: 'application/pdf' });
    expect(toolByOperation(toolkit, 'GET /orders/{id}/notes').response).toMatchObject({ kind: 'text', schema: { type: 'string' } });
    expect(toolByOperation(toolkit, 'replaceOrder').response.kind).toBe('empty');
    expect(toolByOperation(toolkit, 'listOrders').parameters[0]).toMatchObject({ name: 'page', schema: { type: 'integer', default: 1, minimum: 1 } });
  });

  it('ranks common reads and creates above admin operations', async () => {
    const { toolkit } = await importFixture('shop-v3.json');
    const importance = (id: string) => toolByOperation(toolkit, id).importance;
    expect(importance('listOrders')).toBeGreaterThan(importance('adminAuditLog'));
    expect(importance('createOrder')).toBeGreaterThan(importance('adminAuditLog'));
    expect(importance('getOrder')).toBeGreaterThan(importance('replaceOrder'));
  });
});
