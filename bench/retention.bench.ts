import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { newId } from '@pk/core';
import { dataSourceOptions } from '@pk/database';
import { EventConsumer, MessagingRetention, OutboxRelay } from '@pk/messaging';
import { createTestDatabase, uniquePrefix } from '@pk/testing';
import { fmt, median } from './stats';

const SCHEMA = 'catalog';
const QUEUE = 'bench-retention-events';
const EVENT = 'bench.happened';
const CONSUMER = 'bench-retention';
const WEEK_SECONDS = 7 * 24 * 3600;

interface Options {
  rounds: number;
  /** Events per round, written as pending outbox rows, published by the relay, then handled. */
  events: number;
  /** Old published outbox rows, and old inbox rows, for the second state. */
  oldRows: number;
  pruneRounds: number;
  batchSize: number;
}

interface Round {
  relayPerSecond: number;
  consumerPerSecond: number;
}

// A UUID v7 for a past instant, as newId() would have made then, so old rows sit where they
// would in the primary key (before today's ids).
const uuidV7At = (ts: string, seed: string) =>
  `(lpad(to_hex((extract(epoch FROM ${ts}) * 1000)::bigint), 12, '0') || '7' || substr(md5(${seed}), 1, 3) || '8' || substr(md5(${seed}), 4, 15))::uuid`;

interface Pipeline {
  label: string;
  ds: DataSource;
  relay: OutboxRelay;
  prefix: string;
  drop: () => Promise<void>;
}

/**
 * The event pipeline's throughput with empty outbox and inbox tables and with a million old rows
 * in each (what a week or more of unpruned traffic leaves), and how long pruning a million rows
 * takes. Two databases, one per state, measured in alternate rounds, so load from elsewhere on
 * the machine falls on both alike. The relay is timed publishing a backlog of pending rows
 * (flush), the consumer handling the queue they made; its handler does nothing, so what is
 * measured is the pipeline and the inbox.
 */
export async function benchRetention(env: { redisUrl: string }, opts: Options = { rounds: 5, events: 5000, oldRows: 1_000_000, pruneRounds: 3, batchSize: 5000 }): Promise<void> {
  const oldLabel = `${opts.oldRows.toLocaleString('en')} old rows`;
  const empty = await pipeline(env.redisUrl, 'empty tables');
  const old = await pipeline(env.redisUrl, oldLabel);
  const results = new Map<Pipeline, Round[]>([
    [empty, []],
    [old, []],
  ]);
  try {
    const started = performance.now();
    await insertOldRows(old.ds, opts.oldRows);
    console.log(`  ${opts.oldRows.toLocaleString('en')} old published outbox rows and as many old inbox rows written in ${fmt((performance.now() - started) / 1000, 1)} s`);
    for (let r = 0; r < opts.rounds; r++) {
      for (const p of [empty, old]) results.get(p)!.push(await round(p, env.redisUrl, opts, r));
    }

    const retention = new MessagingRetention(old.ds, SCHEMA, { outboxSeconds: WEEK_SECONDS, inboxSeconds: WEEK_SECONDS, batchSize: opts.batchSize });
    const outboxSeconds: number[] = [];
    const inboxSeconds: number[] = [];
    for (let r = 0; r < opts.pruneRounds; r++) {
      if (r > 0) await insertOldRows(old.ds, opts.oldRows);
      let t = performance.now();
      const outbox = await retention.pruneOutbox();
      outboxSeconds.push((performance.now() - t) / 1000);
      t = performance.now();
      const inbox = await retention.pruneInbox();
      inboxSeconds.push((performance.now() - t) / 1000);
      console.log(
        `  prune ${r + 1}: outbox ${outbox.deleted} rows in ${outbox.statements} statements, ${fmt(outboxSeconds[r], 1)} s; ` +
          `inbox ${inbox.deleted} rows in ${inbox.statements} statements, ${fmt(inboxSeconds[r], 1)} s`,
      );
    }

    const med = (p: Pipeline, key: keyof Round) => median(results.get(p)!.map((x) => x[key]));
    const [relayEmpty, relayOld] = [med(empty, 'relayPerSecond'), med(old, 'relayPerSecond')];
    const [consumerEmpty, consumerOld] = [med(empty, 'consumerPerSecond'), med(old, 'consumerPerSecond')];
    console.log(`  medians of ${opts.rounds} rounds of ${opts.events} events:`);
    console.log(`    relay published:  empty ${fmt(relayEmpty, 0)} events/s, with ${oldLabel} ${fmt(relayOld, 0)} events/s, ratio ${fmt(relayOld / relayEmpty, 2)}`);
    console.log(`    consumer handled: empty ${fmt(consumerEmpty, 0)} events/s, with ${oldLabel} ${fmt(consumerOld, 0)} events/s, ratio ${fmt(consumerOld / consumerEmpty, 2)}`);
    console.log(
      `    pruning ${opts.oldRows.toLocaleString('en')} rows (${opts.batchSize} a statement), median of ${opts.pruneRounds}: ` +
        `outbox ${fmt(median(outboxSeconds), 1)} s, inbox ${fmt(median(inboxSeconds), 1)} s`,
    );
  } finally {
    for (const p of [empty, old]) await p.drop();
  }
}

async function pipeline(redisUrl: string, label: string): Promise<Pipeline> {
  const db = await createTestDatabase('bench-retention');
  const ds = await new DataSource(dataSourceOptions(db.url, SCHEMA, [], 20)).initialize();
  const prefix = uniquePrefix('bench_retention');
  const relay = new OutboxRelay({ dataSource: ds, databaseUrl: db.url, schema: SCHEMA, redisUrl, prefix, subscriptions: { [QUEUE]: [EVENT] } });
  return {
    label,
    ds,
    relay,
    prefix,
    drop: async () => {
      await relay.stop();
      await ds.destroy();
      await db.drop();
    },
  };
}

async function round({ label, ds, relay, prefix }: Pipeline, redisUrl: string, opts: Options, r: number): Promise<Round> {
  const ids = Array.from({ length: opts.events }, () => newId());
  await ds.query(`INSERT INTO ${SCHEMA}.outbox (id, name, payload) SELECT id, $2, jsonb_build_object('listingId', id) FROM unnest($1::uuid[]) id`, [ids, EVENT]);
  if (r === 0) await printRelayPlan(ds, label);

  let started = performance.now();
  const published = await relay.flush();
  const relaySeconds = (performance.now() - started) / 1000;
  if (published !== opts.events) throw new Error(`the relay published ${published} of ${opts.events} rows`);

  const consumer = new EventConsumer({ queue: QUEUE, consumer: CONSUMER, schema: SCHEMA, dataSource: ds, redisUrl, prefix, concurrency: 8, handle: async () => undefined });
  let handled = 0;
  let done: () => void = () => undefined;
  const allHandled = new Promise<void>((resolve) => (done = resolve));
  started = performance.now();
  const worker = consumer.start();
  worker.on('completed', (_job: Job, applied: boolean) => {
    if (applied && ++handled === opts.events) done();
  });
  await allHandled;
  const consumerSeconds = (performance.now() - started) / 1000;
  await consumer.stop();

  console.log(
    `  ${label}, round ${r + 1}: relay ${fmt(opts.events / relaySeconds, 0)} events/s (${fmt(relaySeconds, 2)} s), ` +
      `consumer ${fmt(opts.events / consumerSeconds, 0)} events/s (${fmt(consumerSeconds, 2)} s)`,
  );
  return { relayPerSecond: opts.events / relaySeconds, consumerPerSecond: opts.events / consumerSeconds };
}

/** Old rows spread over three weeks ending eight days ago, all past the default retention. */
async function insertOldRows(ds: DataSource, count: number): Promise<void> {
  const ts = `now() - interval '29 days' + i * (interval '21 days' / ${count})`;
  await ds.query(
    `INSERT INTO ${SCHEMA}.outbox (id, name, payload, occurred_at, published_at, next_attempt_at)
     SELECT ${uuidV7At('ts', 'i::text')}, $1, jsonb_build_object('listingId', gen_random_uuid()), ts, ts + interval '1 second', ts
     FROM (SELECT i, ${ts} AS ts FROM generate_series(1, ${count}) i) s`,
    [EVENT],
  );
  await ds.query(
    `INSERT INTO ${SCHEMA}.inbox (consumer, event_id, event_name, processed_at)
     SELECT $1, ${uuidV7At('ts', "'inbox' || i")}, $2, ts + interval '2 seconds'
     FROM (SELECT i, ${ts} AS ts FROM generate_series(1, ${count}) i) s`,
    [CONSUMER, EVENT],
  );
  // What autovacuum would have done to rows days old.
  await ds.query(`VACUUM ANALYZE ${SCHEMA}.outbox`);
  await ds.query(`VACUUM ANALYZE ${SCHEMA}.inbox`);
}

/** The relay's poll, as it runs (rolled back, so the rows stay pending). */
async function printRelayPlan(ds: DataSource, label: string): Promise<void> {
  const runner = ds.createQueryRunner();
  try {
    await runner.startTransaction();
    const rows: Array<{ 'QUERY PLAN': string }> = await runner.query(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id, name, payload, occurred_at, attempts FROM ${SCHEMA}.outbox
       WHERE published_at IS NULL AND next_attempt_at <= now()
       ORDER BY occurred_at, id LIMIT 100 FOR UPDATE SKIP LOCKED`,
    );
    console.log(`  relay poll with ${label}:\n${rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}`);
  } finally {
    await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
  }
}
