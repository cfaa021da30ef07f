import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@pk/database';
import { EventConsumer, OutboxRelay, OutboxWriter } from '@pk/messaging';
import { createTestDatabase, uniquePrefix } from '@pk/testing';
import { fmt, median, percentile } from './stats';

const QUEUE = 'bench-events';
const EVENT = 'bench.happened';

interface Round {
  events: number;
  seconds: number;
  lagsMs: number[];
}

/**
 * The event pipeline end to end: a transaction writes a row and its outbox event, the relay
 * moves it to BullMQ, a consumer applies it with its inbox row. Reports events per second and
 * the lag from commit to applied.
 */
export async function benchOutbox(env: { redisUrl: string }, opts = { rounds: 3, events: 3000, writers: 8, trickle: 200 }): Promise<void> {
  const db = await createTestDatabase('bench-outbox');
  const ds = await new DataSource(dataSourceOptions(db.url, 'catalog', [], 20)).initialize();
  await ds.query(`CREATE TABLE catalog.bench_effects (event_id uuid PRIMARY KEY, committed_at double precision, applied_at double precision)`);
  const prefix = uniquePrefix('bench');
  const outbox = new OutboxWriter('catalog');
  const relay = new OutboxRelay({
    dataSource: ds,
    databaseUrl: db.url,
    schema: 'catalog',
    redisUrl: env.redisUrl,
    prefix,
    subscriptions: { [QUEUE]: [EVENT] },
    pollMs: 1000,
  });
  const consumer = new EventConsumer({
    queue: QUEUE,
    consumer: 'bench',
    schema: 'catalog',
    dataSource: ds,
    redisUrl: env.redisUrl,
    prefix,
    concurrency: 8,
    handle: async (event, tx) => {
      const { committedAt } = event.payload as { committedAt: number };
      await tx.query(`INSERT INTO catalog.bench_effects VALUES ($1, $2, $3)`, [event.id, committedAt, Date.now()]);
    },
  });
  relay.start();
  consumer.start();
  const rounds: Round[] = [];
  try {
    for (let r = 0; r < opts.rounds; r++) {
      await ds.query('TRUNCATE catalog.bench_effects');
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: opts.writers }, async () => {
          while (next < opts.events) {
            next += 1;
            // committedAt is taken just before commit; the lag includes the commit itself.
            await ds.transaction((tx) => outbox.add(tx, EVENT, { committedAt: Date.now() }));
          }
        }),
      );
      await waitForEffects(ds, opts.events);
      const seconds = (performance.now() - started) / 1000;
      const rows: Array<{ lag: number }> = await ds.query(`SELECT applied_at - committed_at AS lag FROM catalog.bench_effects`);
      rounds.push({ events: opts.events, seconds, lagsMs: rows.map((row) => Number(row.lag)) });
      const last = rounds[rounds.length - 1];
      console.log(
        `  round ${r + 1}: ${last.events} events in ${fmt(seconds, 2)} s = ${fmt(last.events / seconds, 0)} events/s; ` +
          `lag p50 ${fmt(percentile(last.lagsMs, 50), 0)} ms, p95 ${fmt(percentile(last.lagsMs, 95), 0)} ms, p99 ${fmt(percentile(last.lagsMs, 99), 0)} ms`,
      );
    }
    // A quiet system: one event at a time, so the lag is the pipeline's, not a backlog's.
    await ds.query('TRUNCATE catalog.bench_effects');
    for (let i = 0; i < opts.trickle; i++) {
      await ds.transaction((tx) => outbox.add(tx, EVENT, { committedAt: Date.now() }));
      await new Promise((res) => setTimeout(res, 20));
    }
    await waitForEffects(ds, opts.trickle);
    const trickle: Array<{ lag: number }> = await ds.query(`SELECT applied_at - committed_at AS lag FROM catalog.bench_effects`);
    const lags = trickle.map((row) => Number(row.lag));
    console.log(
      `  one at a time (${opts.trickle} events, 20 ms apart): lag p50 ${fmt(percentile(lags, 50), 0)} ms, ` +
        `p95 ${fmt(percentile(lags, 95), 0)} ms, p99 ${fmt(percentile(lags, 99), 0)} ms`,
    );
  } finally {
    await consumer.stop();
    await relay.stop();
    await ds.destroy();
    await db.drop();
  }
  console.log(
    `  median of ${rounds.length} rounds: ${fmt(median(rounds.map((x) => x.events / x.seconds)), 0)} events/s, ` +
      `lag p50 ${fmt(median(rounds.map((x) => percentile(x.lagsMs, 50))), 0)} ms, p95 ${fmt(median(rounds.map((x) => percentile(x.lagsMs, 95))), 0)} ms`,
  );
}

async function waitForEffects(ds: DataSource, count: number): Promise<void> {
  for (;;) {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM catalog.bench_effects`);
    if (n >= count) return;
    await new Promise((res) => setTimeout(res, 20));
  }
}
