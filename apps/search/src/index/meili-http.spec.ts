import http from 'node:http';
import { AddressInfo } from 'node:net';
import { MeiliHttp, MeiliHttpError, MeiliUnreachable } from './meili-http';
import { isMeiliDown } from './search-index';

/** A local server standing in for Meilisearch, answering every request with `reply`. */
async function fakeMeili(reply: (res: http.ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => req.resume().on('end', () => reply(res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('MeiliHttp', () => {
  it('reads a body cut short by a server going away as unreachable (503 for buyers), not as our fault', async () => {
    const meili = await fakeMeili((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"results":[{"hits":[{"id":"a"');
    });
    const client = new MeiliHttp(meili.url, 'key', 1000);
    try {
      const error = await client.post('/multi-search', { queries: [] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MeiliUnreachable);
      expect(isMeiliDown(error)).toBe(true);
    } finally {
      client.close();
      await meili.close();
    }
  });

  it('keeps a refusal of our query (4xx with its code) as Meilisearch sent it', async () => {
    const meili = await fakeMeili((res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'invalid_search_filter', message: 'bad filter' }));
    });
    const client = new MeiliHttp(meili.url, 'key', 1000);
    try {
      const error = await client.post('/multi-search', { queries: [] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MeiliHttpError);
      expect([(error as MeiliHttpError).status, (error as MeiliHttpError).code, isMeiliDown(error)]).toEqual([400, 'invalid_search_filter', false]);
    } finally {
      client.close();
      await meili.close();
    }
  });
});
