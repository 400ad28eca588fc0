/** Every OpenAPI serialization rule, asserted on the exact request a real loopback server receives. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Toolsmith } from '../../runtime/toolsmith.js';
import type { CompiledRequest, InputMapping } from '../../runtime/types.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { noAuth, tool, toolkit } from './support/toolkit.js';

let server: RecordServer;
beforeAll(async () => { server = await startRecordServer(); });
afterAll(async () => { await server.close(); });

async function send(mapping: Omit<InputMapping, 'name' | 'required'>, value: unknown, options: { path?: string; body?: CompiledRequest['body']; method?: CompiledRequest['method'] } = {}) {
  const input = z.object({ v: z.any() });
  const demo = toolkit('demo', server.url, [tool({
    slug: 'DEMO_T', toolkit: 'demo', method: options.method ?? 'POST', path: options.path ?? '/x',
    input, inputs: [{ name: 'v', required: true, ...mapping }], ...(options.body ? { body: options.body } : {}),
  })], [noAuth]);
  const toolsmith = new Toolsmith({ toolkits: [demo] });
  const before = server.requests.length;
  const result = await toolsmith.tools.execute('DEMO_T', { arguments: { v: value } });
  expect(result.error).toBeNull();
  return server.requests[before]!;
}

const array = ['blue', 'black', 'brown'];
const object = { R: 100, G: 200, B: 150 };

describe('path parameters', () => {
  const cases: Array<[string, Partial<InputMapping>, unknown, string]> = [
    ['simple primitive', {}, 5, '/x/5'],
    ['simple array', {}, array, '/x/blue,black,brown'],
    ['simple object', {}, object, '/x/R,100,G,200,B,150'],
    ['simple object explode', { explode: true }, object, '/x/R=100,G=200,B=150'],
    ['label primitive', { style: 'label' }, 5, '/x/.5'],
    ['label array', { style: 'label' }, array, '/x/.blue,black,brown'],
    ['label array explode', { style: 'label', explode: true }, array, '/x/.blue.black.brown'],
    ['label object explode', { style: 'label', explode: true }, object, '/x/.R=100.G=200.B=150'],
    ['matrix primitive', { style: 'matrix' }, 5, '/x/;v=5'],
    ['matrix array', { style: 'matrix' }, array, '/x/;v=blue,black,brown'],
    ['matrix array explode', { style: 'matrix', explode: true }, array, '/x/;v=blue;v=black;v=brown'],
    ['matrix object', { style: 'matrix' }, object, '/x/;v=R,100,G,200,B,150'],
    ['matrix object explode', { style: 'matrix', explode: true }, object, '/x/;R=100;G=200;B=150'],
    ['percent-encoding', {}, 'a b/c?d#e%', '/x/a%20b%2Fc%3Fd%23e%25'],
    ['unicode', {}, 'café', '/x/caf%C3%A9'],
  ];
  for (const [name, mapping, value, expected] of cases) {
    it(name, async () => {
      const request = await send({ in: 'path', target: 'v', ...mapping }, value, { path: '/x/{v}' });
      expect(request.path).toBe(expected);
    });
  }
});

describe('query parameters', () => {
  const cases: Array<[string, Partial<InputMapping>, unknown, string]> = [
    ['form primitive', {}, 'a b&c', 'v=a%20b%26c'],
    ['form array explode (default)', {}, array, 'v=blue&v=black&v=brown'],
    ['form array', { explode: false }, array, 'v=blue,black,brown'],
    ['form array with a comma inside a value', { explode: false }, ['a,b', 'c'], 'v=a%2Cb,c'],
    ['form object explode', {}, object, 'R=100&G=200&B=150'],
    ['form object', { explode: false }, object, 'v=R,100,G,200,B,150'],
    ['spaceDelimited array', { style: 'spaceDelimited', explode: false }, array, 'v=blue%20black%20brown'],
    ['pipeDelimited array', { style: 'pipeDelimited', explode: false }, array, 'v=blue%7Cblack%7Cbrown'],
    ['deepObject', { style: 'deepObject', explode: true }, { color: 'red', size: { w: 1 } }, 'v[color]=red&v[size][w]=1'],
    ['boolean', {}, false, 'v=false'],
    ['allowReserved', { allowReserved: true }, 'a/b:c,d', 'v=a/b:c,d'],
  ];
  for (const [name, mapping, value, expected] of cases) {
    it(name, async () => {
      const request = await send({ in: 'query', target: 'v', ...mapping }, value);
      expect(request.rawQuery).toBe(expected);
    });
  }
});

describe('header and cookie parameters', () => {
  it('header simple array and object', async () => {
    expect((await send({ in: 'header', target: 'X-V' }, array)).headers['x-v']).toBe('blue,black,brown');
    expect((await send({ in: 'header', target: 'X-V', explode: true }, object)).headers['x-v']).toBe('R=100,G=200,B=150');
    expect((await send({ in: 'header', target: 'X-V' }, object)).headers['x-v']).toBe('R,100,G,200,B,150');
  });
  it('cookie form', async () => {
    expect((await send({ in: 'cookie', target: 'session' }, 'a;b')).headers.cookie).toBe('session=a%3Bb');
    expect((await send({ in: 'cookie', target: 'ids', explode: false }, [1, 2])).headers.cookie).toBe('ids=1,2');
  });
});

describe('bodies', () => {
  const json: CompiledRequest['body'] = { contentType: 'application/json', required: true };
  const form: CompiledRequest['body'] = {
    contentType: 'application/x-www-form-urlencoded', required: true,
    encoding: { expand: { style: 'deepObject', explode: true }, metadata: { style: 'deepObject', explode: true } },
  };
  it('body-root JSON array', async () => {
    const request = await send({ in: 'body-root', target: '' }, [1, 2], { body: json });
    expect(request.json()).toEqual([1, 2]);
    expect(request.headers['content-type']).toBe('application/json');
  });
  it('form body with deepObject encoding, Stripe style', async () => {
    const toolkitTool = tool({
      slug: 'DEMO_F', toolkit: 'demo', method: 'POST', path: '/v1/customers', body: form,
      input: z.object({ email: z.string(), metadata: z.record(z.string(), z.string()), expand: z.array(z.string()), address: z.object({ city: z.string(), line: z.array(z.string()) }), tags: z.array(z.string()) }),
      inputs: ['email', 'metadata', 'expand', 'address', 'tags'].map((name) => ({ name, in: 'body' as const, target: name, required: false })),
    });
    const toolsmith = new Toolsmith({ toolkits: [toolkit('demo', server.url, [toolkitTool], [noAuth])] });
    const before = server.requests.length;
    await toolsmith.tools.execute('DEMO_F', { arguments: {
      email: 'a+b@c.d', metadata: { order: '1 2' }, expand: ['x', 'y'], address: { city: 'Z', line: ['l1'] }, tags: ['t1', 't2'],
    } });
    const request = server.requests[before]!;
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.text()).toBe('email=a%2Bb%40c.d&metadata[order]=1%202&expand[0]=x&expand[1]=y&address[city]=Z&address[line][0]=l1&tags=t1&tags=t2');
  });
  it('multipart parts: JSON objects as fields without a file name, files with theirs, names escaped', async () => {
    const multipart: CompiledRequest['body'] = { contentType: 'multipart/form-data', required: true };
    const toolkitTool = tool({
      slug: 'DEMO_M', toolkit: 'demo', method: 'POST', path: '/upload', body: multipart,
      input: z.object({ attributes: z.record(z.string(), z.unknown()), count: z.number(), tags: z.array(z.string()), odd: z.string(), file: z.any() }),
      inputs: [
        { name: 'attributes', in: 'body', target: 'attributes', required: true },
        { name: 'count', in: 'body', target: 'count', required: true },
        { name: 'tags', in: 'body', target: 'tags', required: true },
        { name: 'odd', in: 'body', target: 'we"ird\r\nname', required: true },
        { name: 'file', in: 'body', target: 'file', required: true, file: true },
      ],
    });
    const toolsmith = new Toolsmith({ toolkits: [toolkit('demo', server.url, [toolkitTool], [noAuth])] });
    const before = server.requests.length;
    const result = await toolsmith.tools.execute('DEMO_M', { arguments: {
      attributes: { name: 'a.txt', parent: { id: '0' } }, count: 2, tags: ['x', 'y'], odd: 'v',
      file: new Blob(['hello'], { type: 'text/plain' }),
    } });
    expect(result.error).toBeNull();
    const request = server.requests[before]!;
    const boundary = /^multipart\/form-data; boundary=(\S+)$/.exec(request.headers['content-type'] ?? '')?.[1];
    expect(boundary).toBeDefined();
    const text = request.text();
    expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
    const parts = text.split(`--${boundary}`).slice(1, -1).map((part) => part.replace(/^\r\n/, '').replace(/\r\n$/, ''));
    expect(parts).toEqual([
      'Content-Disposition: form-data; name="attributes"\r\nContent-Type: application/json\r\n\r\n{"name":"a.txt","parent":{"id":"0"}}',
      'Content-Disposition: form-data; name="count"\r\n\r\n2',
      'Content-Disposition: form-data; name="tags"\r\n\r\nx',
      'Content-Disposition: form-data; name="tags"\r\n\r\ny',
      'Content-Disposition: form-data; name="we%22ird%0D%0Aname"\r\n\r\nv',
      expect.stringMatching(/^Content-Disposition: form-data; name="file"; filename="[^"]+"\r\nContent-Type: text\/plain\r\n\r\nhello$/),
    ]);
    expect(request.headers['content-length']).toBe(String(Buffer.byteLength(text)));
  });

  it('multipart with JSON part and repeated scalars', async () => {
    const request = await send({ in: 'body', target: 'meta' }, { a: 1 }, { body: { contentType: 'multipart/form-data', required: true } });
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request.text()).toContain('name="meta"');
    expect(request.text()).toContain('Content-Type: application/json');
    expect(request.text()).toContain('{"a":1}');
  });
});
