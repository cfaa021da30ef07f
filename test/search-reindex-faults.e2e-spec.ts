import request from 'supertest';
import { bootSystem, TestSystem } from './support/apps';
import { eventually } from './support/eventually';
import { bearer, registerWithRoles, Session } from './support/http';
import { ThrowawayMeili } from './support/meili-server';
import { expectIndexEqualsDb, finishedRun, indexUid, meili as meiliCall, Run } from './support/search';
import { seedRelevanceCatalogue } from './relevance-fixture';

// A reindex against a Meilisearch of the suite's own: one busy with other work (its task queue
// seconds behind), and one that goes away in the middle. Either way the run finishes by itself
// and no half-built copy is left beside the live index.
describe('search reindex under faults: a busy or vanishing Meilisearch', () => {
  let meili: ThrowawayMeili;
  let sys: TestSystem;
  let curator: Session;
  const api = () => request(sys.http);
  const call = <T>(method: string, path: string, body?: unknown) => meiliCall<T>(sys, method, path, body);

  beforeAll(async () => {
    meili = await ThrowawayMeili.create();
    sys = await bootSystem('search_reindex_faults', { services: ['catalog', 'search'], env: { ...meili.env, SEARCH_RECONCILE_SECONDS: '3600' } });
    curator = await registerWithRoles(sys, ['curator']);
    await seedRelevanceCatalogue(sys, curator);
  }, 120_000);
  afterAll(async () => {
    await sys?.close();
    await meili?.dispose();
  });

  /** The uids of every index whose name says it is a reindex's copy. */
  const builds = async () =>
    (await call<{ results: Array<{ uid: string }> }>('GET', '/indexes?limit=1000')).body.results.map((i) => i.uid).filter((uid) => uid.includes('__build_'));
  const reindex = async (): Promise<string> => (await api().post('/api/v1/curation/search/reindex').set(bearer(curator)).expect(202)).body.id;

  /** Enqueues other work (documents for an index of its own) worth about `seconds` of Meilisearch's time. */
  async function keepBusy(seconds: number): Promise<void> {
    const docs = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: from + i,
        text: Array.from({ length: 60 }, (_, w) => `kata${(from + i) * 7 + w * 13}`).join(' '),
      }));
    const timed = async (from: number) => {
      const { body } = await call<{ taskUid: number }>('POST', '/indexes/busy/documents', docs(from, 2000));
      return eventually(async () => {
        const task = (await call<{ status: string; duration: string }>('GET', `/tasks/${body.taskUid}`)).body;
        expect(task.status).toBe('succeeded');
        return Number(/PT([\d.]+)S/.exec(task.duration)?.[1] ?? '0');
      }, { timeoutMs: 60_000, intervalMs: 100 });
    };
    // One batch measured, then enough of them queued (Meilisearch batches them together, which
    // is quicker: twice what the measure says).
    const one = Math.max(await timed(0), 0.05);
    const batches = Math.ceil((2 * seconds) / one);
    for (let b = 1; b <= batches; b++) await call('POST', '/indexes/busy/documents', docs(b * 2000, 2000));
  }

  it('waits for a task queue busy with other work, however far behind, and finishes', async () => {
    await keepBusy(8);
    const runId = await reindex();
    const run = await finishedRun(sys, curator, runId, 120_000);
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    // It really waited: its first task spent more than the client's 5 s default in the queue.
    const { body } = await call<{ results: Array<{ indexUid: string; enqueuedAt: string; finishedAt: string }> }>('GET', '/tasks?limit=1000&types=indexDeletion,indexCreation');
    const own = body.results.filter((t) => t.indexUid?.includes('__build_') && Date.parse(t.enqueuedAt) >= Date.parse(run.startedAt!));
    expect(Math.max(...own.map((t) => Date.parse(t.finishedAt) - Date.parse(t.enqueuedAt)))).toBeGreaterThan(5_000);
    expect(await builds()).toEqual([]);
    await expectIndexEqualsDb(sys, 30_000);
  }, 150_000);

  it('retries a reindex that lost Meilisearch midway, and leaves no half-built copy', async () => {
    // The other work of the test before is done first.
    await eventually(async () => {
      expect((await call<{ total: number }>('GET', '/tasks?statuses=enqueued,processing&limit=1')).body.total).toBe(0);
    }, { timeoutMs: 60_000, intervalMs: 200 });
    const runId = await reindex();
    // Stopped once the run has made its copy and begun filling it.
    await eventually(async () => expect((await builds()).length).toBe(1), { timeoutMs: 20_000, intervalMs: 20 });
    await meili.stop();
    await new Promise((r) => setTimeout(r, 3_000));
    await meili.start();
    const run: Run = await finishedRun(sys, curator, runId, 90_000);
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    expect(await builds()).toEqual([]);
    expect((await call('GET', `/indexes/${indexUid(sys)}`)).status).toBe(200);
    await expectIndexEqualsDb(sys, 30_000);
  }, 150_000);
});
