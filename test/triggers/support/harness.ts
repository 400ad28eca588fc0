/** Builds a Triggers instance over the memory store and a manual clock, and a loopback receiver for it. */
import { createServer, type Server } from 'node:http';
import { Readable } from 'node:stream';
import { Triggers } from '../../../runtime/triggers/triggers.js';
import { createWebhookServer } from '../../../runtime/triggers/server.js';
import type { CompiledToolkit } from '../../../runtime/types.js';
import type { ExecuteTool, TriggersOptions } from '../../../runtime/triggers/types.js';
import type { Store } from '../../../runtime/store/types.js';
import { ManualClock } from './manual-clock.js';
import { MemoryStore } from './memory-store.js';

export interface LogLine { level: 'info' | 'warn'; message: string; data?: Record<string, unknown> }

export function makeTriggers<T extends CompiledToolkit>(toolkits: readonly T[], options: {
  store?: Store; clock?: ManualClock; executeTool?: ExecuteTool; options?: TriggersOptions;
} = {}) {
  const clock = options.clock ?? new ManualClock();
  const store = options.store ?? new MemoryStore(() => clock.now());
  const logs: LogLine[] = [];
  const triggers = new Triggers<T>({
    store, toolkits, clock,
    ...(options.executeTool ? { executeTool: options.executeTool } : {}),
    logger: {
      info: (message, data) => logs.push({ level: 'info', message, ...(data ? { data } : {}) }),
      warn: (message, data) => logs.push({ level: 'warn', message, ...(data ? { data } : {}) }),
    },
    options: { retry: { attempts: 3, baseDelayMs: 1000 }, ...options.options },
  });
  return { triggers, clock, store, logs };
}

/** A node:http server that hands (req, res) to triggers.handleWebhook. */
export async function nodeReceiver(triggers: Pick<Triggers, 'handleWebhook'>) {
  return createWebhookServer(triggers);
}

/** A node:http server that converts each request to a WHATWG Request (streamed body) and writes back the Response. */
export async function fetchReceiver(triggers: Pick<Triggers, 'handleWebhook'>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method ?? 'GET', headers,
      ...(req.method === 'POST' ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
    } as RequestInit);
    void triggers.handleWebhook(request).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
      req.resume();
    }).catch(() => { res.writeHead(500).end(); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

export async function post(url: string, body: string | Uint8Array, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: "POST", body: body as BodyInit, headers });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) as Record<string, unknown> : {} };
}
