/** Uploads from paths, URLs and bytes; downloads to fileDir; the hostile cases refused. */
import { mkdtemp, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { isForbiddenAddress } from '../../runtime/files/safe-url.js';
import { dispositionFileName, sanitizeFileName } from '../../runtime/files/names.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { noAuth, tool, toolkit } from './support/toolkit.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
let server: RecordServer;
let root: string;
let allowed: string;
let outside: string;
let downloads: string;

beforeAll(async () => {
  server = await startRecordServer();
  root = await mkdtemp(join(tmpdir(), 'toolsmith-files-'));
  allowed = join(root, 'allowed');
  outside = join(root, 'outside');
  downloads = join(root, 'downloads');
  await mkdir(allowed);
  await mkdir(outside);
  await writeFile(join(allowed, 'photo.png'), PNG);
  await writeFile(join(allowed, 'notes.txt'), 'hello');
  await writeFile(join(outside, 'secret.txt'), 'top secret');
  await symlink(join(outside, 'secret.txt'), join(allowed, 'link.txt'));
});
afterAll(async () => { await server.close(); });

const upload = tool({
  slug: 'DEMO_UPLOAD', toolkit: 'demo', method: 'POST', path: '/upload',
  input: z.object({ file: z.string(), title: z.string().optional() }),
  inputs: [{ name: 'file', in: 'body', target: 'file', required: true, file: true }, { name: 'title', in: 'body', target: 'title', required: false }],
  body: { contentType: 'multipart/form-data', required: true },
});
const download = tool({ slug: 'DEMO_DOWNLOAD', toolkit: 'demo', path: '/download', response: { kind: 'file' } });

function make(options: { allowLoopbackFileUrls?: boolean; maxUploadBytes?: number; maxDownloadBytes?: number } = {}) {
  return new Toolsmith({ toolkits: [toolkit('demo', server.url, [upload, download], [noAuth])], allowedFileDirs: [allowed], fileDir: downloads, ...options });
}

async function uploadOnce(file: unknown, options: Parameters<typeof make>[0] = {}) {
  const before = server.requests.length;
  const result = await make(options).tools.execute('DEMO_UPLOAD', { arguments: { file, title: 'T' } as never });
  return { result, request: server.requests[before], sent: server.requests.length - before };
}

describe('uploads', () => {
  it('streams a local file as a named part with a detected MIME type', async () => {
    const { result, request } = await uploadOnce(join(allowed, 'photo.png'));
    expect(result.successful).toBe(true);
    const body = request!.body.toString('latin1');
    expect(body).toContain('name="file"; filename="photo.png"');
    expect(body).toContain('Content-Type: image/png');
    expect(request!.body.includes(PNG)).toBe(true);
    expect(body).toContain('name="title"');
  });
  it('takes Buffers and Blobs', async () => {
    const fromBuffer = await uploadOnce(PNG);
    expect(fromBuffer.request!.body.toString('latin1')).toMatch(/filename="file\.png"\r\nContent-Type: image\/png/);
    const fromFile = await uploadOnce(new File(['a,b'], 'data.csv', { type: 'text/csv' }));
    expect(fromFile.request!.body.toString('latin1')).toMatch(/filename="data\.csv"\r\nContent-Type: text\/csv/);
  });
  it('refuses traversal, symlinks out, missing files and directories, without sending', async () => {
    for (const path of [join(allowed, '..', 'outside', 'secret.txt'), join(allowed, 'link.txt'), join(allowed, 'nope.txt'), allowed, '/etc/passwd']) {
      const { result, sent } = await uploadOnce(path);
      expect(result.successful, path).toBe(false);
      expect(sent).toBe(0);
      expect(result.error).not.toContain('top secret');
    }
  });
  it('enforces the size limit', async () => {
    const { result } = await uploadOnce(join(allowed, 'photo.png'), { maxUploadBytes: 4 });
    expect(result.error).toContain('limit is 4');
  });
  it('downloads an URL file (loopback allowed only by the test option) with its name', async () => {
    const fileServer = await startRecordServer();
    fileServer.handle(() => ({ body: PNG, headers: { 'content-type': 'application/octet-stream' } }));
    try {
      const { result, request } = await uploadOnce(`${fileServer.url}/images/cat.png?x=1`, { allowLoopbackFileUrls: true });
      expect(result.successful).toBe(true);
      expect(request!.body.toString('latin1')).toMatch(/filename="cat\.png"\r\nContent-Type: image\/png/);
      const refused = await uploadOnce(`${fileServer.url}/images/cat.png`);
      expect(refused.result.error).toMatch(/https/);
      expect(refused.sent).toBe(0);
    } finally {
      await fileServer.close();
    }
  });
  it('refuses private, loopback and link-local URLs, also through DNS and redirects', async () => {
    for (const url of ['https://127.0.0.1/a', 'https://10.1.2.3/a', 'https://169.254.169.254/latest', 'https://[::1]/a', 'https://[::ffff:127.0.0.1]/a', 'https://localhost/a', 'ftp://example.com/a', 'https://user:pw@example.com/a']) {
      const { result, sent } = await uploadOnce(url);
      expect(result.successful, url).toBe(false);
      expect(sent).toBe(0);
    }
    const redirector = await startRecordServer();
    redirector.enqueue({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } }, { status: 301, headers: { location: 'https://10.0.0.1/x' } });
    try {
      for (let i = 0; i < 2; i++) {
        const { result } = await uploadOnce(`${redirector.url}/start`, { allowLoopbackFileUrls: true });
        expect(result.successful).toBe(false);
        expect(result.error).toMatch(/private or internal|https/);
      }
    } finally {
      await redirector.close();
    }
  });
  it('classifies addresses', () => {
    for (const address of ['127.0.0.1', '10.0.0.1', '172.16.5.5', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:7f00:1', '::ffff:10.0.0.1', '64:ff9b::a00:1', 'not-an-ip']) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '140.82.112.3', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isForbiddenAddress(address), address).toBe(false);
    expect(isForbiddenAddress('127.0.0.1', { allowLoopback: true })).toBe(false);
    expect(isForbiddenAddress('10.0.0.1', { allowLoopback: true })).toBe(true);
  });
});

describe('downloads', () => {
  it('saves a binary response under a sanitized unique name inside fileDir', async () => {
    server.enqueue({ body: PNG, headers: { 'content-type': 'image/png', 'content-disposition': "attachment; filename*=UTF-8''..%2F..%2Fevil%0A%1B.png" } });
    const result = await make().tools.execute('DEMO_DOWNLOAD', {});
    expect(result.successful).toBe(true);
    const saved = result.data as { path: string; name: string; mimeType: string; size: number };
    expect(saved).toMatchObject({ name: 'evil.png', mimeType: 'image/png', size: PNG.length });
    expect(dirname(saved.path)).toBe(downloads);
    expect(saved.path).toMatch(/[0-9a-f]{12}-evil\.png$/);
    expect(await readFile(saved.path)).toEqual(PNG);
  });
  it('refuses a response over the limit and leaves no file', async () => {
    const filesBefore = (await readdir(downloads)).length;
    server.enqueue({ body: Buffer.alloc(64), headers: { 'content-type': 'application/octet-stream' } });
    server.enqueue({ body: Buffer.alloc(64), headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' } });
    for (let i = 0; i < 2; i++) {
      const result = await make({ maxDownloadBytes: 10 }).tools.execute('DEMO_DOWNLOAD', {});
      expect(result.successful).toBe(false);
      expect(result.error).toContain('limit');
    }
    expect((await readdir(downloads)).length).toBe(filesBefore);
  });
  it('sanitizes hostile names', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..\\..\\win.ini')).toBe('win.ini');
    expect(sanitizeFileName('a\u0000b\u202Egnp.exe')).toBe('abgnp.exe');
    expect(sanitizeFileName('...')).toBe('');
    expect(sanitizeFileName('CON.txt')).toBe('_CON.txt');
    expect(dispositionFileName('attachment; filename="a \\"q\\".txt"')).toBe('a "q".txt');
  });
});
