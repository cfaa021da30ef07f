import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReindexResult } from '@pk/contracts';
import { INDEX_VERSION } from '../index/index-settings';
import { SearchIndex, isMeiliDown } from '../index/search-index';
import { CatalogFeed } from '../indexing/catalog-feed';
import { IndexWriter } from '../indexing/index-writer';
import { SWAP_LOCK, SearchMeta } from '../indexing/search-meta';

export type Progress = (done: number, total: number) => Promise<void>;

const BATCH = 1000;
const ATTEMPTS = 4;
// Waits 3 s, 6 s, 9 s between attempts: a Meilisearch restart takes about a second.
const RETRY_MS = 3000;

/**
 * A full reindex with no downtime: build a fresh index beside the live one, swap them, drop the
 * old. While it builds, the indexer writes every event to both, and each batch is read under the
 * listings' locks, so the copy misses nothing that happens meanwhile.
 */
@Injectable()
export class Reindexer {
  private readonly logger = new Logger(Reindexer.name);

  constructor(
    private readonly db: DataSource,
    private readonly index: SearchIndex,
    private readonly catalog: CatalogFeed,
    private readonly writer: IndexWriter,
    private readonly meta: SearchMeta,
  ) {}

  /**
   * Builds and swaps in a new copy. A Meilisearch that stops answering midway (or stops working
   * through its queue) is waited out: the attempt's copy is dropped and the run starts again,
   * up to ATTEMPTS times. A failed run leaves no copy behind (one it could not drop then is
   * dropped by the next run).
   */
  async run(runId: string, progress: Progress): Promise<ReindexResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(runId, progress);
      } catch (error) {
        const uid = this.index.buildUid(runId);
        await this.index.drop(uid).catch((e: Error) => this.logger.warn(`could not drop ${uid} yet: ${e.message}`));
        if (!isMeiliDown(error) || attempt >= ATTEMPTS) throw error;
        this.logger.warn(`reindex ${runId} attempt ${attempt} lost Meilisearch (${(error as Error).message}); retrying`);
        await new Promise((r) => setTimeout(r, RETRY_MS * attempt));
      }
    }
  }

  private async attempt(runId: string, progress: Progress): Promise<ReindexResult> {
    const started = Date.now();
    const uid = this.index.buildUid(runId);
    // Copies of runs that failed while Meilisearch was away, and this run's own from a crash.
    for (const stale of await this.index.builds()) await this.index.drop(stale);
    await this.index.ensure(uid);
    await this.index.ensure();
    await this.meta.set('building_index', uid);
    let documents = 0;
    try {
      let after: string | null = null;
      let total = 0;
      do {
        const page = await this.catalog.digest(after, BATCH);
        if (page.total !== undefined) total = page.total;
        const ids = page.items.map((item) => item.id);
        await this.db.transaction((tx) => this.writer.refresh(tx, ids, [uid]));
        documents += ids.length;
        after = page.next;
        await progress(documents, Math.max(total, documents));
      } while (after);
      await this.index.drain(uid);
      // Writes in flight finish first (they hold the lock shared); later ones see no copy to write to.
      await this.db.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock($1)`, [SWAP_LOCK]);
        await this.index.swap(uid);
        await this.meta.clear('building_index', tx);
      });
      await this.meta.set('settings_version', INDEX_VERSION);
    } finally {
      await this.meta.clear('building_index');
    }
    // After the swap, `uid` holds the old copy.
    await this.index.drop(uid).catch((error: Error) => this.logger.warn(`could not drop ${uid}: ${error.message}`));
    return { documents, indexUid: this.index.liveUid, durationMs: Date.now() - started };
  }
}
