import { describe, expect, it } from 'vitest';
import { isJsonPartMisread, isPhantomDeepObject, prismDefectsOnly, prismVerdict } from './prism-verdict.js';

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
    const keys = ['individual[first_name]', 'individual[dob][day]', 'expand[0]'];
    expect(isPhantomDeepObject(required('automatic_tax'), keys)).toBe(true);
    expect(isPhantomDeepObject(required('individual', 'address'), keys)).toBe(true);
    // Sent, but without its required sub-property: a real violation.
    expect(isPhantomDeepObject(required('individual', 'dob'), keys)).toBe(false);
    expect(isPhantomDeepObject(required('individual'), keys)).toBe(false);
    expect(isPhantomDeepObject({ ...required('automatic_tax'), code: 'type' }, keys)).toBe(false);
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

  it('explains a request only when every violation is a Prism defect', async () => {
    const sent = 'customer=cus_1&individual[first_name]=A';
    const verdict = (violations: ReturnType<typeof required>[]) => ({ problem: 'x', violations });
    const formType = 'application/x-www-form-urlencoded;charset=UTF-8';
    expect(await prismDefectsOnly(verdict([required('automatic_tax'), required('individual', 'dob')]), sent, formType)).toBe('phantom deepObject');
    expect(await prismDefectsOnly(verdict([required('automatic_tax'), required('individual')]), sent, formType)).toBeUndefined();
    expect(await prismDefectsOnly(verdict([]), sent, formType)).toBeUndefined();
    expect(await prismDefectsOnly(verdict([required('automatic_tax')]), new FormData(), 'multipart/form-data; boundary=x')).toBeUndefined();
    // Prism's deepObject defect is a form-body one: a JSON body missing a required property is a real violation.
    expect(await prismDefectsOnly(verdict([required('screens')]), '{"name":"n","screens":{"default":1}}', 'application/json')).toBeUndefined();
  });
});
