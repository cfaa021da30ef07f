import { Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { RetentionJobs, RetentionQueues } from '@pk/contracts';
import { loadConfig, newId } from '@pk/core';
import { dataSourceOptions } from '@pk/database';
import { EventConsumer, MessagingRetention, OutboxRelay, OutboxWriter, RetentionSweeper, redeliveryWindowMs } from '@pk/messaging';
import { TestDatabase, createTestDatabase, uniquePrefix } from '@pk/testing';
import { bootSystem } from './support/apps';
import { eventually } from './support/eventually';

const SCHEMA = 'catalog';
const EVENT = 'thing.happened';
const QUEUE = 'retention-events';
const DAY = 24 * 3600;
// The defaults of OUTBOX_RETENTION_SECONDS and INBOX_RETENTION_SECONDS.
const WEEK = 7 * DAY;

let db: TestDatabase;
let ds: DataSource;
let redis: IORedis;
let cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  Logger.overrideLogger(false);
  db = await createTestDatabase('messaging-retention');
  ds = await new DataSource(dataSourceOptions(db.url, SCHEMA, [], 10)).initialize();
  await ds.query(`CREATE TABLE catalog.retention_effects (seq bigserial PRIMARY KEY, event_id uuid NOT NULL)`);
  redis = new IORedis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
});

beforeEach(async () => {
  await ds.query(`TRUNCATE catalog.outbox, catalog.inbox, catalog.retention_effects`);
});

afterEach(async () => {
  for (const fn of cleanups.reverse()) await fn();
  cleanups = [];
});

afterAll(async () => {
  redis?.disconnect();
  await ds?.destroy();
  await db?.drop();
});

/** An outbox row that occurred and (unless null) was published that many seconds ago; returns its id. */
async function outboxRow(occurredAgo: number, publishedAgo: number | null, attempts = 0): Promise<string> {
  const id = newId();
  await ds.query(
    `INSERT INTO catalog.outbox (id, name, payload, occurred_at, published_at, attempts)
     VALUES ($1, $2, '{}', now() - make_interval(secs => $3), now() - make_interval(secs => $4), $5)`,
    [id, EVENT, occurredAgo, publishedAgo, attempts],
  );
  return id;
}

async function inboxRow(consumer: string, processedAgo: number): Promise<string> {
  const id = newId();
  await ds.query(`INSERT INTO catalog.inbox (consumer, event_id, event_name, processed_at) VALUES ($1, $2, $3, now() - make_interval(secs => $4))`, [
    consumer,
    id,
    EVENT,
    processedAgo,
  ]);
  return id;
}

const outboxIds = async (): Promise<string[]> => (await ds.query(`SELECT id FROM catalog.outbox ORDER BY id`)).map((r: { id: string }) => r.id);
const inboxIds = async (): Promise<string[]> => (await ds.query(`SELECT event_id FROM catalog.inbox ORDER BY event_id`)).map((r: { event_id: string }) => r.event_id);
const sorted = (ids: string[]) => [...ids].sort();

function queueView(prefix: string, name: string): Queue {
  const queue = new Queue(name, { connection: redis, prefix });
  cleanups.push(() => queue.close());
  return queue;
}

describe('pruning the outbox and the inbox', () => {
  it('deletes published outbox rows past the retention in statements of at most the batch size, and keeps recent and unpublished ones', async () => {
    const old = [];
    for (let i = 0; i < 7; i++) old.push(await outboxRow(9 * DAY, 8 * DAY));
    const kept = [
      await outboxRow(6 * DAY, 6 * DAY),
      await outboxRow(60, 60),
      // Never published: waiting for Redis (or for a subscriber) for a month, it still goes out one day.
      await outboxRow(30 * DAY, null, 40),
      await outboxRow(8 * DAY, null),
      await outboxRow(0, null),
    ];
    const retention = new MessagingRetention(ds, SCHEMA, { outboxSeconds: WEEK, inboxSeconds: WEEK, batchSize: 3 });

    expect(await retention.pruneOutbox()).toEqual({ deleted: 7, statements: 3 });
    expect(await outboxIds()).toEqual(sorted(kept));
    // A second run finds nothing.
    expect(await retention.pruneOutbox()).toEqual({ deleted: 0, statements: 1 });
  });

  it('keeps inbox rows inside the window and deletes those applied before it, for every consumer', async () => {
    const gone = [await inboxRow('search-index', 30 * DAY), await inboxRow('search-index', WEEK + 3600), await inboxRow('channels-export', 8 * DAY)];
    const kept = [await inboxRow('search-index', WEEK - 3600), await inboxRow('channels-export', WEEK - 3600), await inboxRow('search-index', 0)];
    const retention = new MessagingRetention(ds, SCHEMA, { outboxSeconds: WEEK, inboxSeconds: WEEK, batchSize: 2 });

    expect(await retention.pruneInbox()).toEqual({ deleted: gone.length, statements: 2 });
    expect(await inboxIds()).toEqual(sorted(kept));
  });

  it('two runs at once share the rows instead of deleting any twice or waiting on each other', async () => {
    for (let i = 0; i < 50; i++) await outboxRow(9 * DAY, 8 * DAY);
    const kept = await outboxRow(9 * DAY, null);
    const retention = () => new MessagingRetention(ds, SCHEMA, { outboxSeconds: WEEK, inboxSeconds: WEEK, batchSize: 5 });
    const [a, b] = await Promise.all([retention().pruneOutbox(), retention().pruneOutbox()]);
    expect(a.deleted + b.deleted).toBe(50);
    expect(await outboxIds()).toEqual([kept]);
  });

  it('refuses an inbox retention inside the redelivery window of the event queues (20 attempts, exponential from 500 ms)', () => {
    expect(redeliveryWindowMs()).toBe(500 * (2 ** 19 - 1)); // 72.8 h
    expect(() => new MessagingRetention(ds, SCHEMA, { outboxSeconds: WEEK, inboxSeconds: 72 * 3600, batchSize: 10 })).toThrow(/INBOX_RETENTION_SECONDS=259200/);
    expect(() => new MessagingRetention(ds, SCHEMA, { outboxSeconds: 60, inboxSeconds: 73 * 3600, batchSize: 10 })).not.toThrow();
  });

  it('finds and deletes each batch through the indexes, never reading the whole table', async () => {
    // Big enough, and analysed, for the planner to weigh a whole-table scan against the indexes.
    const rows = (table: 'outbox' | 'inbox', count: number, ago: number) =>
      table === 'outbox'
        ? ds.query(
            `INSERT INTO catalog.outbox (id, name, payload, occurred_at, published_at)
             SELECT gen_random_uuid(), $1, '{}', now() - make_interval(secs => $2), now() - make_interval(secs => $2) FROM generate_series(1, $3)`,
            [EVENT, ago, count],
          )
        : ds.query(
            `INSERT INTO catalog.inbox (consumer, event_id, event_name, processed_at)
             SELECT 'search-index', gen_random_uuid(), $1, now() - make_interval(secs => $2) FROM generate_series(1, $3)`,
            [EVENT, ago, count],
          );
    for (const table of ['outbox', 'inbox'] as const) {
      await rows(table, 20_000, 3600);
      await rows(table, 3000, 8 * DAY);
    }
    await ds.query(`ANALYZE catalog.outbox`);
    await ds.query(`ANALYZE catalog.inbox`);
    // One connection, so its statistics can be flushed on demand before they are read.
    const single = await new DataSource(dataSourceOptions(db.url, SCHEMA, [], 1)).initialize();
    cleanups.push(() => single.destroy());
    const scans = async () => {
      await single.query(`SELECT pg_stat_force_next_flush()`);
      const stats: Array<{ relname: string; seq_scan: string; idx_scan: string }> = await single.query(
        `SELECT relname, seq_scan, idx_scan FROM pg_stat_user_tables WHERE schemaname = 'catalog' AND relname IN ('outbox', 'inbox') ORDER BY relname`,
      );
      return Object.fromEntries(stats.map((s) => [s.relname, { seq: Number(s.seq_scan), idx: Number(s.idx_scan) }]));
    };
    const before = await scans();

    const pruned = await new MessagingRetention(single, SCHEMA, { outboxSeconds: WEEK, inboxSeconds: WEEK, batchSize: 1000 }).prune();
    expect(pruned).toEqual({ outbox: { deleted: 3000, statements: 4 }, inbox: { deleted: 3000, statements: 4 } });

    const after = await scans();
    expect({ outbox: after.outbox.seq - before.outbox.seq, inbox: after.inbox.seq - before.inbox.seq }).toEqual({ outbox: 0, inbox: 0 });
    expect(after.outbox.idx - before.outbox.idx).toBeGreaterThanOrEqual(4);
    expect(after.inbox.idx - before.inbox.idx).toBeGreaterThanOrEqual(4);
  });

  it("reads about one batch for the relay's poll, not the whole backlog of pending rows", async () => {
    // A backlog as an hour of Redis outage leaves it, analysed as autovacuum would.
    await ds.query(
      `INSERT INTO catalog.outbox (id, name, payload, occurred_at, next_attempt_at)
       SELECT gen_random_uuid(), $1, '{}', now() - interval '1 hour' + i * interval '100 ms', now() - interval '1 hour' + i * interval '100 ms'
       FROM generate_series(1, 20000) i`,
      [EVENT],
    );
    await ds.query(`ANALYZE catalog.outbox`);
    // The relay's poll (relay.ts), run for real: the rows it locks are let go at commit.
    const [{ 'QUERY PLAN': [plan] }] = await ds.transaction((tx) =>
      tx.query(
        `EXPLAIN (ANALYZE, FORMAT JSON) SELECT id, name, payload, occurred_at, attempts FROM catalog.outbox
         WHERE published_at IS NULL AND next_attempt_at <= now()
         ORDER BY occurred_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [100],
      ),
    );
    type Node = { 'Node Type': string; 'Actual Rows': number; Plans?: Node[] };
    const nodes = (n: Node): Node[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
    const all = nodes(plan.Plan);
    const read = all.filter((n) => n['Node Type'].includes('Scan')).reduce((sum, n) => sum + n['Actual Rows'], 0);
    expect(all.find((n) => n['Node Type'] === 'Limit')?.['Actual Rows']).toBe(100);
    expect({ read, sorted: all.some((n) => n['Node Type'] === 'Sort') }).toEqual({ read: 100, sorted: false });
  });

  it('has indexes for what the relay polls and what the pruning deletes, so neither scans the table', async () => {
    const plan = async (sql: string, params: unknown[]) => {
      const rows: Array<{ 'QUERY PLAN': string }> = await ds.transaction(async (tx) => {
        await tx.query(`SET LOCAL enable_seqscan = off`);
        return tx.query(`EXPLAIN ${sql}`, params);
      });
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    const relayPoll = await plan(
      `SELECT id FROM catalog.outbox WHERE published_at IS NULL AND next_attempt_at <= now() ORDER BY occurred_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [100],
    );
    expect(relayPoll).toMatch(/outbox_pending_(order_)?idx/);
    const outboxPrune = await plan(`SELECT id FROM catalog.outbox WHERE published_at < now() ORDER BY published_at LIMIT $1`, [5000]);
    expect(outboxPrune).toMatch(/outbox_published_idx/);
    const inboxPrune = await plan(`SELECT consumer, event_id FROM catalog.inbox WHERE processed_at < now() ORDER BY processed_at LIMIT $1`, [5000]);
    expect(inboxPrune).toMatch(/inbox_processed_idx/);
    for (const p of [relayPoll, outboxPrune, inboxPrune]) expect(p).not.toMatch(/Seq Scan/);
  });
});

describe('a redelivered event after a pruning', () => {
  it('is still applied once when it comes back inside the inbox window, while inbox rows past it are gone', async () => {
    const prefix = uniquePrefix('retention_redeliver');
    const outbox = new OutboxWriter(SCHEMA);
    const relay = new OutboxRelay({ dataSource: ds, databaseUrl: db.url, schema: SCHEMA, redisUrl: process.env.REDIS_URL!, prefix, subscriptions: { [QUEUE]: [EVENT] } });
    cleanups.push(() => relay.stop());
    const consumer = new EventConsumer({
      queue: QUEUE,
      consumer: 'retention-test',
      schema: SCHEMA,
      dataSource: ds,
      redisUrl: process.env.REDIS_URL!,
      prefix,
      handle: async (event, tx) => {
        await tx.query(`INSERT INTO catalog.retention_effects (event_id) VALUES ($1)`, [event.id]);
      },
    });
    const worker = consumer.start();
    cleanups.push(() => consumer.stop());
    const completed: Array<{ id: string; applied: boolean }> = [];
    worker.on('completed', (job: Job, applied: boolean) => completed.push({ id: job.id!, applied }));

    const eventId = await ds.transaction((tx) => outbox.add(tx, EVENT, { thingId: newId() }));
    expect(await relay.flush()).toBe(1);
    await eventually(() => expect(completed).toEqual([{ id: eventId, applied: true }]));

    // Applied just inside the window; another consumer's row for another event just past it.
    await ds.query(`UPDATE catalog.inbox SET processed_at = now() - make_interval(secs => $1) WHERE event_id = $2`, [WEEK - 3600, eventId]);
    const pastWindow = await inboxRow('retention-test', WEEK + 3600);
    // The relay's mark of the row as published was lost (its transaction failed after addBulk),
    // and the completed job is gone from the queue (removeOnComplete), so its id no longer stops
    // the row from becoming a second job.
    await ds.query(`UPDATE catalog.outbox SET published_at = NULL WHERE id = $1`, [eventId]);
    await (await queueView(prefix, QUEUE).getJob(eventId))!.remove();

    const pruned = await new MessagingRetention(ds, SCHEMA, { outboxSeconds: WEEK, inboxSeconds: WEEK, batchSize: 100 }).prune();
    expect(pruned.inbox.deleted).toBe(1);
    expect(await inboxIds()).toEqual([eventId]);
    expect(pastWindow).not.toBe(eventId);

    expect(await relay.flush()).toBe(1);
    await eventually(() => expect(completed).toEqual([{ id: eventId, applied: true }, { id: eventId, applied: false }]));
    const effects = await ds.query(`SELECT event_id FROM catalog.retention_effects`);
    expect(effects).toEqual([{ event_id: eventId }]);
  });
});

describe('the scheduled pruning', () => {
  it('runs every RETENTION_SWEEP_SECONDS, one job per tick however many replicas run it', async () => {
    const prefix = uniquePrefix('retention_schedule');
    const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: prefix, RETENTION_SWEEP_SECONDS: '1', RETENTION_BATCH_SIZE: '4' });
    const replicas = [new RetentionSweeper(config, SCHEMA, ds), new RetentionSweeper(config, SCHEMA, ds)];
    const first = [];
    for (let i = 0; i < 10; i++) first.push(await outboxRow(9 * DAY, 8 * DAY));
    const stays = await outboxRow(9 * DAY, null);
    const started = Date.now();
    for (const replica of replicas) replica.onApplicationBootstrap();
    cleanups.push(() => Promise.all(replicas.map((r) => r.beforeApplicationShutdown())));

    await eventually(async () => expect(await outboxIds()).toEqual([stays]), { timeoutMs: 5000 });
    // Later ticks prune what has aged since.
    const secondOutbox = await outboxRow(9 * DAY, 8 * DAY);
    const secondInbox = await inboxRow('search-index', 8 * DAY);
    const recentInbox = await inboxRow('search-index', 60);
    await eventually(
      async () => {
        expect(await outboxIds()).toEqual([stays]);
        expect(await inboxIds()).toEqual([recentInbox]);
      },
      { timeoutMs: 5000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await Promise.all(replicas.map((r) => r.beforeApplicationShutdown()));
    const elapsedMs = Date.now() - started;

    const jobs = await queueView(prefix, RetentionQueues.catalog).getCompleted(0, -1);
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    // One job per tick: two replicas that each scheduled their own would run about twice as many.
    expect(jobs.length).toBeLessThanOrEqual(Math.floor(elapsedMs / 1000) + 1);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
    const ticks = jobs.map((j) => Number(String(j.id).split(':').pop())).sort((a, b) => a - b);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i] - ticks[i - 1]).toBeGreaterThanOrEqual(1000);
    expect(new Set(jobs.map((j) => j.name))).toEqual(new Set([RetentionJobs.prune]));
    // Every row went exactly once, each statement at most RETENTION_BATCH_SIZE rows.
    const deleted = jobs.reduce((sum, j) => sum + j.returnvalue.outbox.deleted, 0);
    expect(deleted).toBe(first.length + 1);
    expect(jobs.reduce((sum, j) => sum + j.returnvalue.inbox.deleted, 0)).toBe(1);
    expect(Math.max(...jobs.map((j) => j.returnvalue.outbox.statements))).toBeGreaterThanOrEqual(3);
    expect(secondInbox).not.toBe(recentInbox);
    expect(secondOutbox).not.toBe(stays);
  });
});

describe('the pruning in the apps', () => {
  it('runs in the gateway and in every service, each on its own schema', async () => {
    const sys = await bootSystem('messaging-retention-apps', { env: { RETENTION_SWEEP_SECONDS: '1' } });
    cleanups.push(() => sys.close());
    const db2 = await new DataSource(dataSourceOptions(sys.db.url, SCHEMA, [], 2)).initialize();
    cleanups.push(() => db2.destroy());
    const schemas = Object.keys(RetentionQueues);
    const kept: Record<string, string> = {};
    for (const s of schemas) {
      kept[s] = newId();
      await db2.query(
        `INSERT INTO "${s}".outbox (id, name, payload, occurred_at, published_at)
         SELECT gen_random_uuid(), $1, '{}', now() - interval '9 days', now() - interval '8 days' FROM generate_series(1, 5)`,
        [EVENT],
      );
      await db2.query(`INSERT INTO "${s}".outbox (id, name, payload, occurred_at, next_attempt_at) VALUES ($1, $2, '{}', now() - interval '9 days', now() + interval '1 day')`, [kept[s], EVENT]);
      await db2.query(
        `INSERT INTO "${s}".inbox (consumer, event_id, event_name, processed_at) SELECT 'old', gen_random_uuid(), $1, now() - interval '8 days' FROM generate_series(1, 5)`,
        [EVENT],
      );
    }
    await eventually(
      async () => {
        for (const s of schemas) {
          const [row] = await db2.query(
            `SELECT (SELECT count(*)::int FROM "${s}".outbox WHERE published_at < now() - interval '7 days') AS published,
                    (SELECT count(*)::int FROM "${s}".outbox WHERE id = $1) AS unpublished,
                    (SELECT count(*)::int FROM "${s}".inbox WHERE consumer = 'old') AS inbox`,
            [kept[s]],
          );
          expect({ schema: s, ...row }).toEqual({ schema: s, published: 0, unpublished: 1, inbox: 0 });
        }
      },
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    for (const s of schemas) {
      const jobs = await queueView(sys.config.redisPrefix, RetentionQueues[s as keyof typeof RetentionQueues]).getCompleted(0, -1);
      expect({ schema: s, pruned: jobs.reduce((n, j) => n + j.returnvalue.outbox.deleted + j.returnvalue.inbox.deleted, 0) }).toEqual({ schema: s, pruned: 10 });
    }
  });
});
