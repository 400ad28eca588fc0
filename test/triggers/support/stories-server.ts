/** A loopback news API for poll tests: GET /stories?topic=… returns { stories } newest first; topics can be made to fail. */
import { createServer } from 'node:http';

export interface Story { id: number; title: string; by: string }

export async function storiesServer() {
  const stories: Story[] = [];
  const failing = new Set<string>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const topic = url.searchParams.get('topic') ?? '';
    requests.push(topic);
    if (failing.has(topic)) {
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'upstream down' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ stories: [...stories].reverse() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`, stories, failing, requests,
    add(...ids: number[]) { for (const id of ids) stories.push({ id, title: `Story ${id}`, by: 'pg' }); },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
