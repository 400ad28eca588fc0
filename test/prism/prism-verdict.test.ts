import { describe, expect, it } from 'vitest';
import { encodeMultipartBody } from '../../runtime/execute/body.js';
import { isCoercedInteger, isFormArrayMisread, isJsonPartMisread, isPhantomDeepObject, multipartFields, prismDefectsOnly, prismVerdict } from './prism-verdict.js';

const required = (...location: string[]) => ({ location: ['body', ...location], code: 'required', message: 'must have required property' });

describe('prismVerdict', () => {
  it('reads request violations from sl-violations, ignoring the ones about Prism’s own response', () => {
    const header = JSON.stringify([
      { location: ['request', 'body', 'attributes'], code: 'type', message: 'Request body property attributes must be object' },
      { location: ['response', 'body'], code: 'type', message: 'Response body must be array' },
    ]);
    expect(prismVerdict(200, header, '{}')).toEqual({
      problem: 'request.body.attributes: Request body property attributes must be object',
      violations: [{ location: ['body', 'attributes'], code: 'type', message: 'Request body property attributes must be object' }],
    });
    expect(prismVerdict(200, JSON.stringify([{ location: ['response', 'body'], message: 'x' }]), '{}')).toBeUndefined();
  });

  it('reads a 422 problem body, and ignores Prism failing to build a response', () => {
    const body = JSON.stringify({ type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY', detail: 'bad', validation: [required('period')] });
    expect(prismVerdict(422, null, body)).toMatchObject({ problem: expect.stringMatching(/^422 UNPROCESSABLE_ENTITY bad \[/), violations: [required('period')] });
    expect(prismVerdict(500, null, JSON.stringify({ type: 'https://stoplight.io/prism/errors#NO_RESPONSE_DEFINED' }))).toBeUndefined();
    expect(prismVerdict(200, null, '{"ok":true}')).toBeUndefined();
  });
});

describe('Prism defects, checked against the request sent', () => {
  it('calls a deepObject violation phantom only when nothing under that object was sent', () => {
    const keys = { body: ['individual[first_name]', 'individual[dob][day]', 'expand[0]'], query: ['created[gte]'] };
    expect(isPhantomDeepObject(required('automatic_tax'), keys)).toBe(true);
    expect(isPhantomDeepObject(required('individual', 'address'), keys)).toBe(true);
    // Sent, but without its required sub-property: a real violation.
    expect(isPhantomDeepObject(required('individual', 'dob'), keys)).toBe(false);
    expect(isPhantomDeepObject(required('individual'), keys)).toBe(false);
    expect(isPhantomDeepObject({ ...required('automatic_tax'), code: 'type' }, keys)).toBe(false);
    // Query parameters the same way; a JSON body (no body keys) never.
    expect(isPhantomDeepObject({ location: ['query', 'customer_details'], code: 'required', message: '' }, keys)).toBe(true);
    expect(isPhantomDeepObject({ location: ['query', 'created'], code: 'required', message: '' }, keys)).toBe(false);
    expect(isPhantomDeepObject(required('automatic_tax'), { query: [] })).toBe(false);
  });

  it('calls a oneOf failure coercion only for a parameter given as an integer', () => {
    const oneOf = { location: ['path', 'workflow_id'], code: 'oneOf', message: 'Request path parameter workflow_id must match exactly one schema in oneOf' };
    expect(isCoercedInteger(oneOf, { workflow_id: 42 })).toBe(true);
    expect(isCoercedInteger(oneOf, { workflow_id: '42' })).toBe(true);
    expect(isCoercedInteger(oneOf, { workflow_id: 'main.yml' })).toBe(false);
    expect(isCoercedInteger({ ...oneOf, location: ['body', 'workflow_id'] }, { workflow_id: 42 })).toBe(false);
  });

  it('calls a form array misread only when it was sent exploded (repeated keys, or one value without a comma)', () => {
    const notArray = (name: string) => ({ location: ['body', name], code: 'type', message: `Request body property ${name} must be array` });
    const form = new URLSearchParams('StatusCallbackEvent=initiated&StatusCallbackEvent=ringing&MediaUrl=https%3A%2F%2Fa&Joined=a%2Cb');
    expect(isFormArrayMisread(notArray('StatusCallbackEvent'), form)).toBe(true);
    expect(isFormArrayMisread(notArray('MediaUrl'), form)).toBe(true);
    expect(isFormArrayMisread(notArray('Joined'), form)).toBe(false);
    expect(isFormArrayMisread(notArray('Absent'), form)).toBe(false);
    expect(isFormArrayMisread({ ...notArray('MediaUrl'), message: 'Request body property MediaUrl must be string' }, form)).toBe(false);
  });

  it('calls a wrong-type multipart part misread only when it was sent as JSON of that type', async () => {
    const form = new FormData();
    form.append('attributes', new Blob(['{"name":"a.txt"}'], { type: 'application/json' }));
    form.append('tags', new Blob(['["a"]'], { type: 'application/json' }));
    form.append('plain', '{"name":"a.txt"}');
    const wrongType = (name: string, type: string) => ({ location: ['body', name], code: 'type', message: `Request body property ${name} must be ${type}` });
    expect(await isJsonPartMisread(wrongType('attributes', 'object'), form)).toBe(true);
    expect(await isJsonPartMisread(wrongType('tags', 'array'), form)).toBe(true);
    expect(await isJsonPartMisread(wrongType('tags', 'object'), form)).toBe(false);
    expect(await isJsonPartMisread(wrongType('plain', 'object'), form)).toBe(false);
    expect(await isJsonPartMisread(wrongType('missing', 'object'), form)).toBe(false);
  });

  it('reads the multipart body the executor writes, and recognises a JSON part misread in it', async () => {
    const noFiles = async (): Promise<never> => { throw new Error('no files here'); };
    const encoded = await encodeMultipartBody({ attributes: { name: 'a.txt' }, plain: '{"name":"a.txt"}', tags: ['a', 'b'] }, undefined, new Set(), noFiles);
    const form = await multipartFields(encoded.body as Blob, encoded.contentType);
    expect(form?.getAll('tags')).toEqual(['a', 'b']);
    expect(form?.get('plain')).toBe('{"name":"a.txt"}');
    const attributes = form?.get('attributes');
    expect(attributes instanceof Blob && attributes.type).toBe('application/json');
    const wrongType = (name: string) => ({ location: ['body', name], code: 'type', message: `Request body property ${name} must be object` });
    const sent = { url: 'http://127.0.0.1:1/files/1/content', body: encoded.body, contentType: encoded.contentType, args: {} };
    expect(await prismDefectsOnly({ problem: 'x', violations: [wrongType('attributes')] }, sent)).toBe('JSON part read as text');
    expect(await prismDefectsOnly({ problem: 'x', violations: [wrongType('plain')] }, sent)).toBeUndefined();
    expect(await multipartFields(new Blob(['x']), 'application/json')).toBeUndefined();
  });

  it('explains a request only when every violation is a Prism defect', async () => {
    const url = 'http://127.0.0.1:1/v1/customers';
    const form = (body: unknown) => ({ url, body, contentType: 'application/x-www-form-urlencoded;charset=UTF-8', args: {} });
    const sent = form('customer=cus_1&individual[first_name]=A');
    const verdict = (violations: ReturnType<typeof required>[], problem = 'x') => ({ problem, violations });
    expect(await prismDefectsOnly(verdict([required('automatic_tax'), required('individual', 'dob')]), sent)).toBe('phantom deepObject');
    expect(await prismDefectsOnly(verdict([required('automatic_tax'), required('individual')]), sent)).toBeUndefined();
    expect(await prismDefectsOnly(verdict([]), sent)).toBeUndefined();
    const multipart = new FormData();
    multipart.append('purpose', 'dispute_evidence');
    expect(await prismDefectsOnly(verdict([required('file_link_data')]), { url, body: multipart, args: {} })).toBe('phantom deepObject');
    expect(await prismDefectsOnly(verdict([required('purpose')]), { url, body: multipart, args: {} })).toBeUndefined();
    // Prism's deepObject defect is a form one: a JSON body missing a required property is a real violation.
    expect(await prismDefectsOnly(verdict([required('screens')]), { url, body: '{"name":"n","screens":{"default":1}}', contentType: 'application/json', args: {} })).toBeUndefined();
    // A 415 for arrays of objects only when the form really holds one, in deepObject form.
    const wantsJson = '415 INVALID_CONTENT_TYPE Cannot deserialize JSON object array in form data request body. Make sure the array is in JSON ""';
    expect(await prismDefectsOnly(verdict([], wantsJson), form('line_items[0][price]=p&line_items[0][quantity]=1'))).toBe('form array of objects wanted as JSON');
    expect(await prismDefectsOnly(verdict([], wantsJson), form('line_items=%5B%7B%7D%5D'))).toBeUndefined();
  });
});
