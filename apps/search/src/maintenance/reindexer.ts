import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReindexResult } from '@pk/contracts';
import { INDEX_VERSION } from '../index/index-settings';
import { SearchIndex } from '../index/search-index';
import { CatalogFeed } from '../indexing/catalog-feed';
import { IndexWriter } from '../indexing/index-writer';
import { SWAP_LOCK, SearchMeta } from '../indexing/search-meta';

export type Progress = (done: number, total: number) => Promise<void>;

const BATCH = 1000;

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

  async run(runId: string, progress: Progress): Promise<ReindexResult> {
    const started = Date.now();
    const uid = this.index.buildUid(runId);
    // A run retried after a crash starts its copy again.
    await this.index.client.deleteIndex(uid).waitTask();
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
      await this.index.drain(uid, 10 * 60_000);
      // Writes in flight finish first (they hold the lock shared); later ones see no copy to write to.
      await this.db.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock($1)`, [SWAP_LOCK]);
        await this.index.client.swapIndexes([{ indexes: [this.index.liveUid, uid], rename: false }]).waitTask({ timeout: 60_000 });
        await this.meta.clear('building_index', tx);
      });
      await this.meta.set('settings_version', INDEX_VERSION);
    } finally {
      await this.meta.clear('building_index');
    }
    // After the swap, `uid` holds the old copy.
    await this.index.client.deleteIndex(uid).catch((error: Error) => this.logger.warn(`could not drop ${uid}: ${error.message}`));
    return { documents, indexUid: this.index.liveUid, durationMs: Date.now() - started };
  }
}
