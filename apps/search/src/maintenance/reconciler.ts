import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListingDigest, ReconcileResult } from '@pk/contracts';
import { SearchIndex } from '../index/search-index';
import { ListingDocument } from '../index/listing-document';
import { CatalogFeed } from '../indexing/catalog-feed';
import { IndexWriter } from '../indexing/index-writer';
import type { Progress } from './reindexer';

const PAGE = 1000;
const FIELDS = ['id', 'version', 'priceMin', 'priceMax', 'stockTotal', 'popularity'] as const;
type IndexedDigest = Pick<ListingDocument, (typeof FIELDS)[number]>;

function differs(indexed: IndexedDigest, truth: ListingDigest): boolean {
  return (
    indexed.version !== truth.version ||
    indexed.priceMin !== Number(truth.priceMin) ||
    indexed.priceMax !== Number(truth.priceMax) ||
    indexed.stockTotal !== truth.stockTotal ||
    indexed.popularity !== truth.unitsSold
  );
}

/**
 * Compares the live index with the catalogue (which listings, their versions, prices, stock and
 * sales) and repairs what differs by refreshing those listings through the indexer. A listing
 * that changes while this runs may be refreshed needlessly, never wrongly.
 */
@Injectable()
export class Reconciler {
  constructor(
    private readonly db: DataSource,
    private readonly index: SearchIndex,
    private readonly catalog: CatalogFeed,
    private readonly writer: IndexWriter,
  ) {}

  async run(progress: Progress): Promise<ReconcileResult> {
    await this.index.ensure();
    const indexed = await this.indexed();
    const result: ReconcileResult = { checked: 0, missing: 0, extra: 0, stale: 0, fixed: 0 };
    let after: string | null = null;
    let total = indexed.size;
    do {
      const page = await this.catalog.digest(after, PAGE);
      if (page.total !== undefined) total = Math.max(page.total, indexed.size);
      const repair: string[] = [];
      for (const truth of page.items) {
        const doc = indexed.get(truth.id);
        indexed.delete(truth.id);
        if (!doc) {
          result.missing += 1;
          repair.push(truth.id);
        } else if (differs(doc, truth)) {
          result.stale += 1;
          repair.push(truth.id);
        }
      }
      result.checked += page.items.length;
      result.fixed += await this.repair(repair);
      after = page.next;
      await progress(result.checked, total);
    } while (after);
    // What is left is in the index but not public (or no longer there at all).
    const extra = [...indexed.keys()];
    result.extra = extra.length;
    result.checked += extra.length;
    for (let i = 0; i < extra.length; i += PAGE) result.fixed += await this.repair(extra.slice(i, i + PAGE));
    await progress(result.checked, result.checked);
    return result;
  }

  private async repair(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db.transaction((tx) => this.writer.refresh(tx, ids));
  }

  /** Every document of the live index, reduced to what is compared. */
  private async indexed(): Promise<Map<string, IndexedDigest>> {
    const out = new Map<string, IndexedDigest>();
    const index = this.index.client.index<IndexedDigest>(this.index.liveUid);
    for (let offset = 0; ; offset += PAGE) {
      const { results } = await index.getDocuments({ fields: [...FIELDS], limit: PAGE, offset });
      for (const doc of results) out.set(doc.id, doc);
      if (results.length < PAGE) return out;
    }
  }
}
