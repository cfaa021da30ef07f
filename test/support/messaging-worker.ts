/**
 * An EventConsumer in a process of its own that dies on the first job it takes, for
 * test/messaging.e2e-spec.ts. Run with `node -r scripts/register.js test/support/messaging-worker.ts`.
 *
 * PK_DIE=before-commit: the handler writes its effect row, then the process is SIGKILLed inside
 *   the transaction (Postgres rolls it back; BullMQ still holds the job as active).
 * PK_DIE=after-commit: the event is applied and committed, then the process is SIGKILLed before
 *   the processor returns, so BullMQ never hears the job finished.
 */
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@pk/contracts';
import { dataSourceOptions } from '@pk/database';
import { ConsumerOptions, EventConsumer, EventHandler } from '@pk/messaging/consumer';

export const EFFECTS_SCHEMA = 'catalog';

/** The tables the suite creates in its own database: a change, and what consumers did about it. */
export const TEST_TABLES_SQL = [
  `CREATE TABLE catalog.test_things (id uuid PRIMARY KEY, title text NOT NULL)`,
  // No unique key on purpose: only the inbox may keep an event from being applied twice.
  `CREATE TABLE catalog.test_effects (
     seq bigserial PRIMARY KEY,
     consumer text NOT NULL,
     event_id uuid NOT NULL,
     pid integer NOT NULL,
     applied_at timestamptz NOT NULL DEFAULT now()
   )`,
];

/** The handler every consumer in the suite runs: one effect row per application, with the applying process. */
export const recordEffect =
  (consumer: string): EventHandler =>
  async (event: EventEnvelope, tx: EntityManager) => {
    await tx.query(`INSERT INTO catalog.test_effects (consumer, event_id, pid) VALUES ($1, $2, $3)`, [consumer, event.id, process.pid]);
  };

type DieMode = 'before-commit' | 'after-commit';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** Commits like any consumer, then dies before BullMQ is told. */
class DiesAfterCommit extends EventConsumer {
  override async apply(event: EventEnvelope): Promise<boolean> {
    const applied = await super.apply(event);
    process.kill(process.pid, 'SIGKILL');
    return applied;
  }
}

async function main(): Promise<void> {
  const mode = required('PK_DIE') as DieMode;
  if (mode !== 'before-commit' && mode !== 'after-commit') throw new Error(`PK_DIE=${mode}: expected before-commit or after-commit`);
  const consumer = required('PK_CONSUMER');
  const dataSource = new DataSource(dataSourceOptions(required('DATABASE_URL'), EFFECTS_SCHEMA, [], 2));
  await dataSource.initialize();

  const effect = recordEffect(consumer);
  const opts: ConsumerOptions = {
    queue: required('PK_QUEUE'),
    consumer,
    schema: EFFECTS_SCHEMA,
    dataSource,
    redisUrl: required('REDIS_URL'),
    prefix: required('PK_PREFIX'),
    concurrency: 1,
    lockDurationMs: 1000,
    stalledIntervalMs: 500,
    handle:
      mode === 'before-commit'
        ? async (event, tx) => {
            await effect(event, tx);
            process.kill(process.pid, 'SIGKILL');
          }
        : effect,
  };
  const worker = (mode === 'after-commit' ? new DiesAfterCommit(opts) : new EventConsumer(opts)).start();
  worker.on('failed', (job, error) => {
    // Dying is the only way out of this process; a failed job means the test setup is wrong.
    console.error(`job ${job?.id} failed in the dying worker: ${error.message}`);
    process.exit(2);
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
