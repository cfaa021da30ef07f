import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EnqueuedTaskPromise, MeiliSearch, MeiliSearchApiError, MeiliSearchRequestError, MeiliSearchRequestTimeOutError, Task } from 'meilisearch';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@pk/core';
import { INDEX_SETTINGS } from './index-settings';
import { MeiliHttp, MeiliHttpError, MeiliUnreachable } from './meili-http';
import { ListingDocument } from './listing-document';

/** Meilisearch answers but has stopped working through its task queue. */
export class MeiliStalled extends Error {}

// How long Meilisearch may sit with tasks queued and none processing before a wait gives up.
const STALL_MS = 60_000;

/** Meilisearch did not answer (down, unreachable, too slow), as opposed to refusing a request. */
export function isMeiliDown(error: unknown): boolean {
  if (error instanceof MeiliSearchRequestError || error instanceof MeiliSearchRequestTimeOutError || error instanceof MeiliUnreachable) return true;
  if (error instanceof MeiliStalled) return true;
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
    await this.settle(this.client.createIndex(uid, { primaryKey: 'id' }), 'index_already_exists');
    await this.applySettings(uid);
    this.logger.log(`created index ${uid}`);
    return true;
  }

  async applySettings(uid: string = this.liveUid): Promise<void> {
    await this.settle(this.client.index(uid).updateSettings(INDEX_SETTINGS));
  }

  /** Deletes an index and waits until it is gone (gone already is fine). */
  async drop(uid: string): Promise<void> {
    await this.settle(this.client.deleteIndex(uid), 'index_not_found');
  }

  /** The reindex copies that exist beside the live index, but `keep`. */
  async builds(keep?: string): Promise<string[]> {
    const prefix = `${this.liveUid}__build_`;
    const { results } = await this.client.getRawIndexes({ limit: 1000 });
    return results.map((i) => i.uid).filter((uid) => uid.startsWith(prefix) && uid !== keep);
  }

  async swap(uid: string): Promise<void> {
    await this.settle(this.client.swapIndexes([{ indexes: [this.liveUid, uid], rename: false }]));
  }

  /**
   * Waits for a task for as long as Meilisearch is working through its queue, however far
   * behind it is (other indexes' writes, a big batch): the wait is sized to the work ahead, not
   * to a clock. It gives up only when Meilisearch stops answering (the caller retries) or has
   * neither finished nor been processing any task for STALL_MS.
   */
  async waitFor(taskUid: number): Promise<Task> {
    let lastFinished = -1;
    let progressAt = Date.now();
    for (;;) {
      const task = await this.client.tasks.getTask(taskUid);
      if (task.status === 'succeeded' || task.status === 'failed' || task.status === 'canceled') return task;
      const [finished, processing] = await Promise.all([
        this.client.tasks.getTasks({ statuses: ['succeeded', 'failed', 'canceled'], limit: 1 }),
        this.client.tasks.getTasks({ statuses: ['processing'], limit: 1 }),
      ]);
      const latest = finished.results[0]?.uid ?? -1;
      if (latest !== lastFinished || processing.results.length > 0) {
        lastFinished = latest;
        progressAt = Date.now();
      } else if (Date.now() - progressAt > STALL_MS) {
        throw new MeiliStalled(`Meilisearch has done no work for ${STALL_MS / 1000} s while task ${taskUid} (${task.type}) waited`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
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
  async drain(uid: string): Promise<void> {
    const { results } = await this.client.tasks.getTasks({ indexUids: [uid], limit: 1 });
    const last = results[0];
    if (!last) return;
    const task = await this.waitFor(last.uid);
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

  private async settle(pending: EnqueuedTaskPromise, tolerated?: string): Promise<void> {
    const task = await this.waitFor((await pending).taskUid);
    if (task.status === 'succeeded' || (tolerated && task.error?.code === tolerated)) return;
    throw new Error(`Meilisearch task ${task.type} on ${task.indexUid} ${task.status}: ${task.error?.message ?? ''}`);
  }
}
