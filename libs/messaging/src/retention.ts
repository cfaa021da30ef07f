import { JobsOptions } from 'bullmq';
import { DataSource } from 'typeorm';
import { EVENT_JOB_OPTIONS } from './relay';

export interface RetentionSettings {
  /** How long a published outbox row is kept after it was published. Unpublished rows are never pruned. */
  outboxSeconds: number;
  /** How long an inbox row is kept after its event was applied. */
  inboxSeconds: number;
  /** The most rows one DELETE statement removes (each statement is its own short transaction). */
  batchSize: number;
}

export interface PruneResult {
  deleted: number;
  statements: number;
}

/**
 * The longest a consumer can be handed an event again after it applied it, without any outage:
 * a handler whose commit went through but whose answer was lost (the connection dropped at
 * COMMIT) fails the job, and BullMQ retries it `attempts - 1` times, the k-th retry
 * `delay * 2^(k-1)` after the k-th failure. With 20 attempts from 500 ms that is
 * 500 ms * (2^19 - 1) = 72.8 h. The other ways an event comes again are far shorter while Redis
 * and both apps are up: a stalled job (a worker that died after its commit) is redelivered after
 * lockDuration + stalledInterval (60 s, at most 5 times), and a row the relay sent but could not
 * mark published is sent again within its 2 s backoff (its job id stops the duplicate only while
 * the completed job is kept: 24 h or 10,000 jobs; the inbox stops it after that). An outage of
 * Redis or of either app adds its length to any of these, so INBOX_RETENTION_SECONDS defaults to
 * seven days: this window and four days more for an outage. It may not be set within the window.
 */
export function redeliveryWindowMs(opts: JobsOptions = EVENT_JOB_OPTIONS): number {
  const retries = Math.max(0, (opts.attempts ?? 1) - 1);
  const backoff = typeof opts.backoff === 'number' ? { type: 'fixed', delay: opts.backoff } : opts.backoff;
  if (!backoff || retries === 0) return 0;
  const delay = backoff.delay ?? 0;
  if (backoff.type === 'fixed') return retries * delay;
  if (backoff.type === 'exponential') return delay * (2 ** retries - 1);
  throw new Error(`unknown backoff type ${backoff.type}: the inbox retention cannot be checked against it`);
}

/**
 * Deletes an app's published outbox rows and its inbox rows past their retention, in statements
 * of at most `batchSize` rows, each its own transaction, so no lock is held long and no
 * transaction grows with the backlog. Rows locked by another pruner are skipped (SKIP LOCKED), so
 * two runs at once share the work instead of waiting on each other.
 *
 * Each statement picks its rows through the retention index and deletes them by ctid (a row's
 * ctid cannot change while the statement holds its lock). `WHERE key IN (subquery)` was planned
 * as a hash semi-join over a sequential scan of the whole table once the table was analysed:
 * 220-250 ms a batch with a million rows, against 11-18 ms for the TID scan.
 */
export class MessagingRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly settings: RetentionSettings,
  ) {
    const windowMs = redeliveryWindowMs();
    if (settings.inboxSeconds * 1000 <= windowMs) {
      // An inbox that forgets an event which may still come again lets it be applied twice.
      throw new Error(
        `INBOX_RETENTION_SECONDS=${settings.inboxSeconds} is within the event queues' redelivery window ` +
          `(${Math.ceil(windowMs / 1000)} s of retries); keep the inbox longer than that`,
      );
    }
  }

  async prune(): Promise<{ outbox: PruneResult; inbox: PruneResult }> {
    return { outbox: await this.pruneOutbox(), inbox: await this.pruneInbox() };
  }

  /** Published rows older than the retention; `published_at IS NULL` never matches `<`. */
  pruneOutbox(): Promise<PruneResult> {
    return this.inBatches(this.settings.outboxSeconds, 'outbox', 'published_at');
  }

  /** Rows of events applied longer ago than the retention, by when they were applied. */
  pruneInbox(): Promise<PruneResult> {
    return this.inBatches(this.settings.inboxSeconds, 'inbox', 'processed_at');
  }

  /** Deletes the table's rows whose `column` is older than the retention, a batch a statement, found through the column's index. */
  private async inBatches(retentionSeconds: number, table: 'outbox' | 'inbox', column: 'published_at' | 'processed_at'): Promise<PruneResult> {
    const sql = `DELETE FROM "${this.schema}".${table} WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM "${this.schema}".${table} WHERE ${column} < $1
         ORDER BY ${column} LIMIT $2 FOR UPDATE SKIP LOCKED))`;
    // One cutoff for the whole run, on the database's clock: rows that age meanwhile wait for the
    // next run, so a run always ends.
    const [{ cutoff }] = await this.dataSource.query(`SELECT now() - make_interval(secs => $1) AS cutoff`, [retentionSeconds]);
    const result: PruneResult = { deleted: 0, statements: 0 };
    for (;;) {
      const [, count]: [unknown, number] = await this.dataSource.query(sql, [cutoff, this.settings.batchSize]);
      result.statements += 1;
      result.deleted += count;
      if (count < this.settings.batchSize) return result;
    }
  }
}
