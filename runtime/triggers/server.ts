/** A standalone node:http server that feeds every request to `triggers.handleWebhook` (used by `toolsmith triggers serve`). */
import { createServer, type Server } from 'node:http';
import type { Triggers } from './triggers.js';

export interface WebhookServer {
  readonly server: Server;
  /** e.g. `http://127.0.0.1:8787` */
  readonly url: string;
  close(): Promise<void>;
}

export async function createWebhookServer(triggers: Pick<Triggers, 'handleWebhook'>, options: { port?: number; host?: string } = {}): Promise<WebhookServer> {
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    triggers.handleWebhook(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'internal_error', message: 'the webhook could not be processed' }));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 0;
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
