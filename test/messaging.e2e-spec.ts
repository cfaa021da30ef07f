import { spawn } from 'node:child_process';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { EventEnvelope, SubscriptionTable } from '@pk/contracts';
import { newId } from '@pk/core';
import { dataSourceOptions } from '@pk/database';
import { EventConsumer, OutboxRelay, OutboxWriter } from '@pk/messaging';
import { TestDatabase, createTestDatabase, uniquePrefix } from '@pk/testing';
import { eventually } from './support/eventually';
import { EFFECTS_SCHEMA, TEST_TABLES_SQL, recordEffect } from './support/messaging-worker';
import { ThrowawayRedis } from './support/redis-server';

const ROOT = path.resolve(__dirname, '..');
const SCHEMA = EFFECTS_SCHEMA;
const EVENT = 'thing.happened';

let db: TestDatabase;
let ds: DataSource;
const outbox = new OutboxWriter(SCHEMA);

// What a test started, closed after it in reverse order even when it failed. A close that hangs
// fails the test by name instead of stalling the suite.
let cleanups: Array<{ what: string; fn: () => Promise<unknown> }> = [];
const later = (what: string, fn: () => Promise<unknown>) => cleanups.push({ what, fn });

async function closeWithin(what: string, fn: () => Promise<unknown>, ms: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`${what} did not close within ${ms} ms`), ms)));
  try {
    return await Promise.race([fn().then(() => null), timeout]);
  } catch (error) {
    return `${what} failed to close: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  Logger.overrideLogger(false); // the relay's "waiting for Redis" warnings are the expected case here
  db = await createTestDatabase('messaging');
  ds = await openDataSource();
  for (const sql of TEST_TABLES_SQL) await ds.query(sql);
});

// Each test starts from an empty outbox, inbox and effects table: a relay publishes every pending row.
beforeEach(async () => {
  await ds.query(`TRUNCATE catalog.outbox, catalog.inbox, catalog.test_things, catalog.test_effects`);
});

afterEach(async () => {
  const pending = cleanups.reverse();
  cleanups = [];
  const problems: string[] = [];
  for (const { what, fn } of pending) {
    const problem = await closeWithin(what, fn, 5000);
    if (problem) problems.push(problem);
  }
  expect(problems).toEqual([]);
});

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

async function openDataSource(): Promise<DataSource> {
  const source = new DataSource(dataSourceOptions(db.url, SCHEMA, [], 10));
  await source.initialize();
  return source;
}

/** Writes a thing and its event in one transaction, as a service does; returns the event id. */
async function writeThing(name = EVENT): Promise<string> {
  return ds.transaction(async (tx) => {
    const thingId = newId();
    await tx.query(`INSERT INTO catalog.test_things (id, title) VALUES ($1, $2)`, [thingId, `thing ${thingId}`]);
    return outbox.add(tx, name, { thingId });
  });
}

async function outboxRow(id: string): Promise<{ attempts: number; last_error: string | null; published_at: Date | null }> {
  const [row] = await ds.query(`SELECT attempts, last_error, published_at FROM catalog.outbox WHERE id = $1`, [id]);
  return row;
}

/** Waits until the relay has recorded `min` failed tries for the row, which stays unpublished. */
async function expectFailedAttempts(eventId: string, min: number): Promise<void> {
  const row = await eventually(
    async () => {
      const r = await outboxRow(eventId);
      expect(r.attempts).toBeGreaterThanOrEqual(min);
      return r;
    },
    { timeoutMs: 8000 },
  );
  expect(row.published_at).toBeNull();
  expect(row.last_error).toMatch(/Redis is not reachable|ECONNREFUSED|Connection is closed|writeable/);
}

async function effects(eventIds: string[]): Promise<Array<{ consumer: string; event_id: string; pid: number }>> {
  return ds.query(`SELECT consumer, event_id, pid FROM catalog.test_effects WHERE event_id = ANY($1::uuid[]) ORDER BY seq`, [eventIds]);
}

async function inboxCount(consumer: string, eventId: string): Promise<number> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM catalog.inbox WHERE consumer = $1 AND event_id = $2`, [consumer, eventId]);
  return n;
}

function relay(redisUrl: string, prefix: string, subscriptions: SubscriptionTable, extra: { dataSource?: DataSource; batchSize?: number } = {}): OutboxRelay {
  const r = new OutboxRelay({
    dataSource: extra.dataSource ?? ds,
    databaseUrl: db.url,
    schema: SCHEMA,
    redisUrl,
    prefix,
    subscriptions,
    batchSize: extra.batchSize,
    pollMs: 100,
    maxBackoffMs: 200,
  });
  later('relay', () => r.stop());
  return r;
}

interface Running {
  consumer: EventConsumer;
  worker: Worker;
  /** What each completed job returned: true when applied, false when the inbox already had it. */
  completed: Array<{ jobId: string; applied: boolean }>;
}

function startConsumer(redisUrl: string, prefix: string, queue: string, name: string): Running {
  const consumer = new EventConsumer({
    queue,
    consumer: name,
    schema: SCHEMA,
    dataSource: ds,
    redisUrl,
    prefix,
    handle: recordEffect(name),
    lockDurationMs: 1000,
    stalledIntervalMs: 500,
  });
  const worker = consumer.start();
  const completed: Running['completed'] = [];
  worker.on('completed', (job: Job, applied: boolean) => completed.push({ jobId: job.id!, applied }));
  later(`consumer ${name}`, async () => {
    // EventConsumer.stop() closes the Worker, but BullMQ leaves a connection it was handed open
    // (it reconnects forever once that Redis is gone), so it is closed here.
    const connection = await worker.client;
    await consumer.stop();
    connection.disconnect();
  });
  return { consumer, worker, completed };
}

/** A Queue handle for looking at what a subscriber's queue holds. */
function inspect(redisUrl: string, prefix: string, name: string): Queue {
  const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  const queue = new Queue(name, { connection, prefix });
  later(`queue view ${name}`, async () => {
    await queue.close();
    connection.disconnect();
  });
  return queue;
}

const counts = (queue: Queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'paused');
const settled = (completed: number) => ({ waiting: 0, active: 0, delayed: 0, completed, failed: 0, prioritized: 0, paused: 0 });

describe('outbox delivery across a Redis outage', () => {
  let redis: ThrowawayRedis;
  beforeAll(async () => {
    redis = await ThrowawayRedis.create();
  });
  afterAll(async () => {
    await redis?.dispose();
  });
  afterEach(async () => {
    await redis.start(); // so the next test and the cleanups find it up
  });

  it('keeps an event written while Redis is down pending, and delivers it exactly once when Redis returns', async () => {
    const prefix = uniquePrefix('msg_outage');
    const queue = 'outage-events';
    const consumer = startConsumer(redis.url, prefix, queue, 'outage');

    await redis.stop();
    const eventId = await writeThing();
    // The change and its event committed together.
    const things = await ds.query(
      `SELECT t.id FROM catalog.test_things t JOIN catalog.outbox o ON o.payload->>'thingId' = t.id::text WHERE o.id = $1`,
      [eventId],
    );
    expect(things).toHaveLength(1);

    relay(redis.url, prefix, { [queue]: [EVENT] }).start();
    // The relay keeps trying (and records each try) while Redis is down; nothing is marked sent.
    await expectFailedAttempts(eventId, 2);
    expect(await effects([eventId])).toEqual([]);

    await redis.start();
    await eventually(
      async () => {
        expect((await outboxRow(eventId)).published_at).not.toBeNull();
        expect(consumer.completed).toHaveLength(1);
      },
      { timeoutMs: 15_000 },
    );
    expect(consumer.completed).toEqual([{ jobId: eventId, applied: true }]);
    expect(await effects([eventId])).toEqual([{ consumer: 'outage', event_id: eventId, pid: process.pid }]);
    expect(await inboxCount('outage', eventId)).toBe(1);
    expect(await counts(inspect(redis.url, prefix, queue))).toEqual(settled(1));
  });

  it('rides out Redis dying under a running relay: the event written meanwhile goes out once Redis returns', async () => {
    const prefix = uniquePrefix('msg_outage2');
    const queue = 'outage-events';
    const consumer = startConsumer(redis.url, prefix, queue, 'outage2');
    relay(redis.url, prefix, { [queue]: [EVENT] }).start();

    const before = await writeThing();
    await eventually(() => expect(consumer.completed).toHaveLength(1), { timeoutMs: 8000 });

    await redis.stop();
    const during = await writeThing();
    await expectFailedAttempts(during, 1);

    await redis.start();
    await eventually(
      async () => {
        expect((await outboxRow(during)).published_at).not.toBeNull();
        expect(consumer.completed).toHaveLength(2);
      },
      { timeoutMs: 15_000 },
    );
    expect(consumer.completed).toEqual([
      { jobId: before, applied: true },
      { jobId: during, applied: true },
    ]);
    expect((await effects([before, during])).map((e) => e.event_id)).toEqual([before, during]);
  });
});

describe('a consumer that dies mid-job', () => {
  const redisUrl = () => process.env.REDIS_URL!;

  /** Puts one event in the queue through the outbox and a relay; returns the event id. */
  async function enqueue(prefix: string, queue: string): Promise<string> {
    const eventId = await writeThing();
    const r = relay(redisUrl(), prefix, { [queue]: [EVENT] });
    expect(await r.flush()).toBe(1);
    return eventId;
  }

  /** Runs messaging-worker.ts in a child process and resolves once it is dead; returns its pid and how it ended. */
  function runDyingWorker(env: Record<string, string>): Promise<{ pid: number; signal: NodeJS.Signals | null; code: number | null; output: string }> {
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/register.js'), 'test/support/messaging-worker.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    later('dying worker', async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`dying worker still alive after 20 s: ${output}`));
      }, 20_000);
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ pid: child.pid!, code, signal, output });
      });
    });
  }

  it.each([
    ['before its transaction commits', 'before-commit', true],
    ['after commit, before BullMQ hears the job is done', 'after-commit', false],
  ] as const)('%s: the job is redelivered and the event is applied exactly once', async (_, mode, appliedOnRedelivery) => {
    const prefix = uniquePrefix(`msg_${mode}`);
    const queue = 'fragile-events';
    const name = `fragile-${mode}`;
    const eventId = await enqueue(prefix, queue);

    const child = await runDyingWorker({
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl(),
      PK_PREFIX: prefix,
      PK_QUEUE: queue,
      PK_CONSUMER: name,
      PK_DIE: mode,
    });
    if (child.signal !== 'SIGKILL') throw new Error(`the dying worker ended with ${child.signal ?? `code ${child.code}`}: ${child.output}`);

    // What the dead worker left: its effect and inbox row only if it committed, and the job still active.
    const left = await effects([eventId]);
    expect(left).toEqual(mode === 'after-commit' ? [{ consumer: name, event_id: eventId, pid: child.pid }] : []);
    expect(await inboxCount(name, eventId)).toBe(mode === 'after-commit' ? 1 : 0);
    const queueView = inspect(redisUrl(), prefix, queue);
    expect(await queueView.getJobState(eventId)).toBe('active');

    const healthy = startConsumer(redisUrl(), prefix, queue, name);
    await eventually(() => expect(healthy.completed).toHaveLength(1), { timeoutMs: 15_000 });
    expect(healthy.completed).toEqual([{ jobId: eventId, applied: appliedOnRedelivery }]);
    const job = await queueView.getJob(eventId);
    expect(job?.stalledCounter).toBe(1);
    expect(await counts(queueView)).toEqual(settled(1));

    const applier = mode === 'after-commit' ? child.pid : process.pid;
    expect(await effects([eventId])).toEqual([{ consumer: name, event_id: eventId, pid: applier }]);
    expect(await inboxCount(name, eventId)).toBe(1);
  });

  it('applies one envelope delivered five times at once exactly once', async () => {
    const eventId = await writeThing();
    const envelope: EventEnvelope = { id: eventId, name: EVENT, source: SCHEMA, occurredAt: new Date().toISOString(), payload: {} };
    const consumer = new EventConsumer({
      queue: 'unused',
      consumer: 'five-times',
      schema: SCHEMA,
      dataSource: ds,
      redisUrl: redisUrl(),
      prefix: uniquePrefix('msg_5x'),
      handle: recordEffect('five-times'),
    });

    const results = await Promise.all(Array.from({ length: 5 }, () => consumer.apply(envelope)));

    expect(results.filter((r) => r)).toHaveLength(1);
    expect(results.filter((r) => !r)).toHaveLength(4);
    expect(await effects([eventId])).toEqual([{ consumer: 'five-times', event_id: eventId, pid: process.pid }]);
    expect(await inboxCount('five-times', eventId)).toBe(1);
    // A later delivery is still a no-op.
    expect(await consumer.apply(envelope)).toBe(false);
    expect(await effects([eventId])).toHaveLength(1);
  });
});

describe('relay fan-out and replicas', () => {
  const redisUrl = () => process.env.REDIS_URL!;

  it('puts an event in every queue that subscribes to it, and in no other', async () => {
    const prefix = uniquePrefix('msg_fanout');
    const subscriptions = { 'fan-a': [EVENT], 'fan-b': [EVENT, 'thing.renamed'] };
    const a = startConsumer(redisUrl(), prefix, 'fan-a', 'fan-a');
    const b = startConsumer(redisUrl(), prefix, 'fan-b', 'fan-b');
    relay(redisUrl(), prefix, subscriptions).start();

    const happened = await writeThing(EVENT);
    const renamed = await writeThing('thing.renamed');
    const ignored = await writeThing('thing.ignored');

    await eventually(
      async () => {
        expect(a.completed).toHaveLength(1);
        expect(b.completed).toHaveLength(2);
        for (const id of [happened, renamed, ignored]) expect((await outboxRow(id)).published_at).not.toBeNull();
      },
      { timeoutMs: 10_000 },
    );
    const applied = await effects([happened, renamed, ignored]);
    const appliedBy = (consumer: string) => applied.filter((e) => e.consumer === consumer).map((e) => e.event_id).sort();
    expect(appliedBy('fan-a')).toEqual([happened]);
    expect(appliedBy('fan-b')).toEqual([happened, renamed].sort());
    expect(await counts(inspect(redisUrl(), prefix, 'fan-a'))).toEqual(settled(1));
    expect(await counts(inspect(redisUrl(), prefix, 'fan-b'))).toEqual(settled(2));
  });

  it('two relays over one outbox publish each of 200 events exactly once to each queue', async () => {
    const prefix = uniquePrefix('msg_replicas');
    const subscriptions = { 'rep-a': [EVENT], 'rep-b': [EVENT] };
    const ids = await ds.transaction(async (tx) => {
      const written: string[] = [];
      for (let i = 0; i < 200; i += 1) written.push(await outbox.add(tx, EVENT, { i }));
      return written;
    });

    const second = await openDataSource();
    later('second data source', () => second.destroy());
    const one = relay(redisUrl(), prefix, subscriptions, { batchSize: 10 });
    const two = relay(redisUrl(), prefix, subscriptions, { batchSize: 10, dataSource: second });
    const [byOne, byTwo] = await Promise.all([one.flush(), two.flush()]);

    // Each row was claimed by exactly one replica (job ids would hide a double send in the queues).
    expect(byOne + byTwo).toBe(200);
    expect(byOne).toBeGreaterThan(0);
    expect(byTwo).toBeGreaterThan(0);
    const [{ pending }] = await ds.query(`SELECT count(*)::int AS pending FROM catalog.outbox WHERE id = ANY($1::uuid[]) AND published_at IS NULL`, [ids]);
    expect(pending).toBe(0);
    const queueA = inspect(redisUrl(), prefix, 'rep-a');
    const queueB = inspect(redisUrl(), prefix, 'rep-b');
    expect(await queueA.getJobCounts('waiting')).toEqual({ waiting: 200, paused: 0 });
    expect(await queueB.getJobCounts('waiting')).toEqual({ waiting: 200, paused: 0 });

    const a = startConsumer(redisUrl(), prefix, 'rep-a', 'rep-a');
    const b = startConsumer(redisUrl(), prefix, 'rep-b', 'rep-b');
    await eventually(
      () => {
        expect(a.completed).toHaveLength(200);
        expect(b.completed).toHaveLength(200);
      },
      { timeoutMs: 15_000 },
    );
    const applied = await effects(ids);
    for (const consumer of ['rep-a', 'rep-b']) {
      const mine = applied.filter((e) => e.consumer === consumer).map((e) => e.event_id);
      expect(mine).toHaveLength(200);
      expect(new Set(mine)).toEqual(new Set(ids));
    }
    expect(await counts(queueA)).toEqual(settled(200));
    expect(await counts(queueB)).toEqual(settled(200));
  });
});
