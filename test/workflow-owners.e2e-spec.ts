import { DataSource } from 'typeorm';
import { PgWorkflowOwners } from '@pk/messaging';
import { TestDatabase, createTestDatabase } from '@pk/testing';
import { eventually } from './support/eventually';

// The liveness a workflow run's takeover rests on: an owner is alive exactly while the Postgres
// connection holding its advisory lock is, and an owner whose connection is cut takes a new id
// (its old runs are then anyone's).

describe('workflow owners', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const owners: PgWorkflowOwners[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('workflow_owners');
    ds = new DataSource({ type: 'postgres', url: db.url });
    await ds.initialize();
  });
  afterAll(async () => {
    for (const o of owners) await o.close();
    await ds?.destroy();
    await db?.drop();
  });

  const open = async () => {
    const o = new PgWorkflowOwners(ds, db.url);
    owners.push(o);
    await o.open();
    return o;
  };

  it('sees an owner alive while its lock connection lives, dead once it is cut, and the owner come back under a new id', async () => {
    const a = await open();
    const b = await open();
    const first = a.id;
    expect(await b.isAlive(first)).toBe(true);
    expect(await a.isAlive(b.id)).toBe(true);
    // An id nobody holds is dead.
    expect(await b.isAlive('12345')).toBe(false);

    // a's connection dies (as when its process is SIGKILLed, or Postgres drops it).
    const [{ pid }] = await ds.query(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND classid = ($1::bigint >> 32)::oid AND objid = ($1::bigint & 4294967295)::oid`,
      [first],
    );
    await ds.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await eventually(async () => expect(await b.isAlive(first)).toBe(false), { timeoutMs: 5_000 });
    const second = await eventually(async () => {
      expect(a.id).not.toBe(first);
      expect(await b.isAlive(a.id)).toBe(true);
      return a.id;
    }, { timeoutMs: 10_000, intervalMs: 100 });
    expect(await a.isAlive(second)).toBe(true);

    // A clean close lets go at once.
    await b.close();
    expect(await a.isAlive(b.id)).toBe(false);
  });
});
