import { spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { newId } from '@pk/core';
import { TestSystem, bootSystem } from './support/apps';
import { insertArtisan, insertListing } from './support/catalog-fixtures';

/** Runs `npm run search:reindex` (the script itself) against this suite's search service. */
function runCommand(sys: TestSystem, args: string[] = []): Promise<{ code: number | null; output: string }> {
  const root = path.resolve(__dirname, '..');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', './scripts/register.js', 'scripts/search-reindex.ts', ...args], {
      cwd: root,
      env: { ...process.env, SEARCH_HOST: '127.0.0.1', SEARCH_PORT: String(sys.config.services.search.port), LOG_LEVEL: 'silent' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run search:reindex', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await bootSystem('search-command', { services: ['catalog', 'search'] });
  });
  afterAll(() => sys?.close());

  it('rebuilds the index from the catalogue, printing progress, and exits 0', async () => {
    // Rows written behind the catalog's back: no events, so only a reindex can find them.
    const artisan = await insertArtisan(sys, newId());
    const listings = await Promise.all([1, 2, 3].map(() => insertListing(sys, artisan)));
    const before = await request(sys.http).get('/api/v1/search/listings').query({ q: 'endek' });
    expect([before.status, before.body.total, before.body.error]).toEqual([200, 0, undefined]);

    const { code, output } = await runCommand(sys);
    expect(output).toMatch(/^reindex [0-9a-f-]{36} queued$/m);
    expect(output).toMatch(/"documents":3/);
    expect(code).toBe(0);

    const after = await request(sys.http).get('/api/v1/search/listings').query({ q: 'endek' }).expect(200);
    expect(after.body.hits.map((h: { id: string }) => h.id).sort()).toEqual(listings.map((l) => l.id).sort());
  });

  it('says what went wrong and exits 1 when the search service is not there', async () => {
    const { code, output } = await runCommand({ ...sys, config: { ...sys.config, services: { ...sys.config.services, search: { host: '127.0.0.1', port: 1 } } } });
    expect(output).toMatch(/search reindex failed: The search service is unavailable/);
    expect(code).toBe(1);
  });
});
