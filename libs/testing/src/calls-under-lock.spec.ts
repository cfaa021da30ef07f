import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { appSources, findCallsUnderLock, findSetImmediate } from './calls-under-lock';

// Issue 18: no app calls another while it holds a database transaction (and the row locks in it);
// effects that follow a commit go through the outbox. Scans the real sources of every app.
const ROOT = resolve(__dirname, '../../..');
const APPS = join(ROOT, 'apps');

// The one kept on purpose: the search index reads a listing's state from the catalog while it holds
// that listing's row in search.listing_state, so what it writes is no older than anything written
// before it (IndexWriter.refresh, and the subscriber, reconciler and reindexer that call it).
const READ_UNDER_LOCK = /^apps\/search\/src\/(indexing\/(index-writer|search-events\.subscriber)|maintenance\/(reconciler|reindexer))\.ts$/;

describe('calls to other apps under a transaction', () => {
  it('no app calls another inside a transaction, directly or through its own services', () => {
    const found = findCallsUnderLock(appSources(APPS), ROOT);
    expect(found.filter((f) => !READ_UNDER_LOCK.test(f.file))).toEqual([]);
  });

  it('no setImmediate stands in for "after the commit"', () => {
    expect(findSetImmediate(appSources(APPS), ROOT)).toEqual([]);
  });

  // The scanner itself, on the shapes it must catch (and one it must let be).
  it('catches a call in a .transaction( callback, in a function taking an EntityManager, and through a service of another class', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calls-under-lock-'));
    mkdirSync(join(dir, 'x', 'src'), { recursive: true });
    writeFileSync(join(dir, 'x', 'src', 'refunds.ts'), `
      export class Refunds {
        constructor(private readonly clients: ServiceClients) {}
        refund(id: string) { return this.ask(id); }
        private ask(id: string) { return this.clients.sendAsService('payments', 'refund', { id }); }
      }`);
    writeFileSync(join(dir, 'x', 'src', 'orders.ts'), `
      export class Orders {
        constructor(private readonly db: DataSource, private readonly refunds: Refunds, private readonly steps: CheckoutSteps, private readonly clients: ServiceClients) {}
        async cancel(id: string) {
          await this.db.transaction(async (tx) => { await this.refunds.refund(id); });
          await this.refunds.refund(id); // after the commit: fine
        }
        async paid(event: unknown, tx: EntityManager) { await this.steps.commit(event); }
        async read(tx: EntityManager) { return this.clients.send('catalog', 'get', {}, null); }
      }`);
    const found = findCallsUnderLock(appSources(dir), dir).map((f) => [f.file, f.line, f.call]);
    expect(found).toEqual([
      ['x/src/orders.ts', 5, 'this.refunds.refund'],
      ['x/src/orders.ts', 8, 'this.steps.commit'],
      ['x/src/orders.ts', 9, 'this.clients.send'],
    ]);
  });
});
