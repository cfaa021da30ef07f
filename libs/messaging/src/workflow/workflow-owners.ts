import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Who runs workflows here, and whether another owner's process is still there. */
export interface WorkflowOwners {
  readonly id: string;
  isAlive(owner: string): Promise<boolean>;
}

/**
 * A process owns its runs by holding a Postgres advisory lock on its owner id, on a connection
 * of its own, for as long as it lives. When the process dies (SIGKILL, a crash, a lost machine)
 * its connection closes and Postgres drops the lock at once: a run whose owner's lock is not held
 * was left by a dead process. No lease to wait out, and no clock to trust.
 */
export class PgWorkflowOwners implements WorkflowOwners {
  private readonly logger = new Logger(PgWorkflowOwners.name);
  private client: Client | null = null;
  private current = newOwnerId();
  private closing = false;

  constructor(private readonly db: DataSource, private readonly url: string) {}

  get id(): string {
    return this.current;
  }

  async open(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'workflow-owner' });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    await client.query('SELECT pg_advisory_lock($1::bigint)', [this.current]);
    this.client = client;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  async isAlive(owner: string): Promise<boolean> {
    if (owner === this.current) return this.client !== null;
    // A bigint advisory lock shows in pg_locks as its high and low 32 bits, objsubid 1.
    const [{ alive }]: Array<{ alive: boolean }> = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND classid = ($1::bigint >> 32)::oid AND objid = ($1::bigint & 4294967295)::oid) AS alive`,
      [owner],
    );
    return alive;
  }

  /** The lock went with its connection: the runs it owned are anyone's now, and we take a new id. */
  private lost(client: Client, error: Error): void {
    if (this.closing || this.client !== client) return;
    this.client = null;
    this.logger.warn(`workflow owner lock lost (${error.message}); taking a new one`);
    this.current = newOwnerId();
    const retry = () => {
      if (this.closing) return;
      this.open().catch((e: Error) => {
        this.logger.warn(`workflow owner lock: ${e.message}`);
        setTimeout(retry, 1000).unref();
      });
    };
    setTimeout(retry, 100).unref();
  }
}

/** A positive 63-bit integer, as text (it is a Postgres bigint). */
function newOwnerId(): string {
  return (randomBytes(8).readBigUInt64BE() >> 1n).toString();
}
