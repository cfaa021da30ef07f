import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { MeiliSearch, MeiliSearchApiError, MeiliSearchRequestError, MeiliSearchRequestTimeOutError, Task } from 'meilisearch';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@pk/core';
import { INDEX_SETTINGS } from './index-settings';
import { MeiliHttp, MeiliHttpError, MeiliUnreachable } from './meili-http';
import { ListingDocument } from './listing-document';

/** Meilisearch did not answer (down, unreachable, too slow), as opposed to refusing a request. */
export function isMeiliDown(error: unknown): boolean {
  if (error instanceof MeiliSearchRequestError || error instanceof MeiliSearchRequestTimeOutError || error instanceof MeiliUnreachable) return true;
  if (error instanceof MeiliHttpError) return error.status >= 500;
  return error instanceof MeiliSearchApiError && (error.response?.status ?? 0) >= 500;
}

export function meiliErrorCode(error: unknown): string | undefined {
  if (error instanceof MeiliHttpError) return error.code;
  return error instanceof MeiliSearchApiError ? error.cause?.code : undefined;
}

/** A failure buyers and curators can act on: search is down for now, try again shortly. */
export function searchUnavailable(error: unknown): DomainError {
  const notBuilt = meiliErrorCode(error) === 'index_not_found';
  return new DomainError(
    ErrorCode.searchUnavailable,
    notBuilt ? 'The search index is being built; try again in a minute.' : 'Search is unavailable right now; try again shortly.',
    { cause: (error as Error).message },
  );
}

/**
 * The Meilisearch side of the index: the live index (`<prefix>listings`), the copies a reindex
 * builds beside it, and the writes the indexer sends to both. Writes are enqueued, not awaited:
 * Meilisearch stores a task before it answers and applies tasks in order.
 */
@Injectable()
export class SearchIndex implements OnApplicationShutdown {
  private readonly logger = new Logger(SearchIndex.name);
  readonly client: MeiliSearch;
  /** Buyers' searches go this way (see meili-http.ts). */
  readonly http: MeiliHttp;
  readonly liveUid: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new MeiliSearch({
      host: config.meiliUrl,
      apiKey: config.meiliKey,
      timeout: config.search.meiliTimeoutMs,
      // Compressed replies cost ~40 ms a search here (DESIGN).
      requestInit: { headers: { 'accept-encoding': 'identity' } },
    });
    this.http = new MeiliHttp(config.meiliUrl, config.meiliKey, config.search.meiliTimeoutMs);
    this.liveUid = `${config.meiliIndexPrefix}listings`;
  }

  onApplicationShutdown(): void {
    this.http.close();
  }

  /** The uid of the copy a reindex run builds. */
  buildUid(runId: string): string {
    return `${this.liveUid}__build_${runId.replace(/-/g, '').slice(0, 12)}`;
  }

  /** Creates the index with its settings when it is missing; says whether it had to. */
  async ensure(uid: string = this.liveUid): Promise<boolean> {
    try {
      await this.client.getRawIndex(uid);
      return false;
    } catch (error) {
      if (meiliErrorCode(error) !== 'index_not_found') throw error;
    }
    await this.settle(this.client.createIndex(uid, { primaryKey: 'id' }).waitTask(), 'index_already_exists');
    await this.applySettings(uid);
    this.logger.log(`created index ${uid}`);
    return true;
  }

  async applySettings(uid: string = this.liveUid): Promise<void> {
    await this.settle(this.client.index(uid).updateSettings(INDEX_SETTINGS).waitTask({ timeout: 120_000 }));
  }

  async upsert(uids: string[], documents: ListingDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await Promise.all(uids.map((uid) => this.client.index(uid).addDocuments(documents, { primaryKey: 'id' })));
  }

  async remove(uids: string[], ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await Promise.all(uids.map((uid) => this.client.index(uid).deleteDocuments(ids)));
  }

  /** Waits until every task enqueued so far for `uid` has been processed; throws if one failed. */
  async drain(uid: string, timeoutMs: number): Promise<void> {
    const { results } = await this.client.tasks.getTasks({ indexUids: [uid], limit: 1 });
    const last = results[0];
    if (!last) return;
    const task = await this.client.tasks.waitForTask(last.uid, { timeout: timeoutMs, interval: 100 });
    if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid} on ${uid} ${task.status}: ${task.error?.message ?? ''}`);
    const failed = await this.client.tasks.getTasks({
      indexUids: [uid],
      statuses: ['failed'],
      types: ['documentAdditionOrUpdate', 'documentDeletion'],
      limit: 1,
    });
    if (failed.results.length > 0) {
      throw new Error(`Meilisearch rejected a write to ${uid}: ${failed.results[0].error?.message ?? 'unknown error'}`);
    }
  }

  private async settle(pending: Promise<Task>, tolerated?: string): Promise<void> {
    const task = await pending;
    if (task.status === 'succeeded' || (tolerated && task.error?.code === tolerated)) return;
    throw new Error(`Meilisearch task ${task.type} on ${task.indexUid} ${task.status}: ${task.error?.message ?? ''}`);
  }
}
