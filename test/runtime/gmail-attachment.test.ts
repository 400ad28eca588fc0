/**
 * GMAIL_GET_ATTACHMENT end to end: the compiled Gmail toolkit (generated/, baseUrl pointed at a loopback server)
 * through the real Toolsmith class. Gmail answers `{ size, data }` with data base64url; the tool returns the
 * saved file instead, because the definition declares `response.file: { from: /data, encoding: base64url }`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmail } from '../../generated/gmail/index.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';

// PNG signature, then bytes whose base64 has '+' and '/' (so base64url differs: '-' and '_').
const BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xfb, 0xff, 0xfe, 0x3e, 0x3f, 0x00]);
let server: RecordServer;
let fileDir: string;
let toolsmith: ReturnType<typeof make>;

function make(baseUrl: string, store: Awaited<ReturnType<typeof createFileStore>>) {
  return new Toolsmith({ toolkits: [{ ...gmail, baseUrl }], store, fileDir, maxDownloadBytes: 64 });
}

beforeAll(async () => {
  server = await startRecordServer();
  fileDir = await mkdtemp(join(tmpdir(), 'toolsmith-gmail-files-'));
  const store = await createFileStore({ dir: await mkdtemp(join(tmpdir(), 'toolsmith-gmail-')), encryptionKey: randomBytes(32) });
  toolsmith = make(`${server.url}/gmail/v1`, store);
  await toolsmith.connectedAccounts.create('alice', 'gmail', { credentials: { access_token: 'ya29.alice' } });
});
afterAll(async () => { await server.close(); });

async function getAttachment(reply: Parameters<RecordServer['enqueue']>[0]) {
  const before = server.requests.length;
  server.enqueue(reply);
  const result = await toolsmith.tools.execute('GMAIL_GET_ATTACHMENT', {
    userId: 'alice', arguments: { userId: 'me', messageId: 'm 1', id: 'ANGjdJ8' },
  });
  return { result, request: server.requests[before] };
}

describe('GMAIL_GET_ATTACHMENT', () => {
  it('the compiled contract carries the file field', () => {
    const tool = gmail.tools.find((candidate) => candidate.slug === 'GMAIL_GET_ATTACHMENT')!;
    expect(tool.request.response).toEqual({ kind: 'json', fileField: { from: '/data', encoding: 'base64url' } });
  });

  it('decodes data and saves it as a file, returning { path, name, mimeType, size }', async () => {
    const data = BYTES.toString('base64url');
    expect(data).toMatch(/[-_]/);
    const { result, request } = await getAttachment({ json: { attachmentId: 'ANGjdJ8', size: BYTES.length, data } });
    expect(request!.path).toBe('/gmail/v1/users/me/messages/m%201/attachments/ANGjdJ8');
    expect(request!.headers.authorization).toBe('Bearer ya29.alice');
    expect(result.error).toBeNull();
    expect(result.successful).toBe(true);
    const saved = result.data as { path: string; name: string; mimeType: string; size: number };
    expect(Object.keys(saved).sort()).toEqual(['mimeType', 'name', 'path', 'size']);
    expect(saved).toMatchObject({ name: 'download.png', mimeType: 'image/png', size: BYTES.length });
    expect(saved.path.startsWith(fileDir)).toBe(true);
    expect(await readFile(saved.path)).toEqual(BYTES);
    expect((await stat(saved.path)).mode & 0o777).toBe(0o600);
    // A second download of the same attachment gets a new file, never overwriting the first.
    const again = await getAttachment({ json: { size: BYTES.length, data } });
    expect((again.result.data as { path: string }).path).not.toBe(saved.path);
  });

  it('fails clearly when data is missing, not base64url, or over the size limit', async () => {
    const missing = await getAttachment({ json: { size: 0 } });
    expect(missing.result).toMatchObject({ successful: false, error: 'The response has no base64url string at /data to save as a file.' });
    const garbled = await getAttachment({ json: { data: 'not base64url!' } });
    expect(garbled.result).toMatchObject({ successful: false, error: 'The response field /data is not valid base64url.' });
    const large = await getAttachment({ json: { data: Buffer.alloc(200).toString('base64url') } });
    expect(large.result.successful).toBe(false);
    expect(large.result.error).toContain('limit of 64 bytes');
  });

  it('an API error keeps the error body and saves nothing', async () => {
    const { result } = await getAttachment({ status: 404, json: { error: { message: 'Requested entity was not found.' } } });
    expect(result.successful).toBe(false);
    expect(result.status).toBe(404);
    expect(result.error).toContain('Requested entity was not found.');
  });
});
