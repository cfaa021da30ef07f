import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { INDEX_VERSION } from '../index/index-settings';
import { SearchIndex } from '../index/search-index';
import { SearchMeta } from '../indexing/search-meta';
import { MaintenanceQueue } from './maintenance-queue';

const WATCH_MS = 2000;

/**
 * Keeps the live index present, with the settings of this version of the code, and notices when
 * Meilisearch comes back after being down (or comes back empty): then it starts a reconcile, so
 * the index catches up by itself. Runs while workers are on.
 */
@Injectable()
export class IndexKeeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IndexKeeper.name);
  private timer: NodeJS.Timeout | null = null;
  private ready = false;
  private wasDown = false;
  private started = false;
  private ticking: Promise<void> | null = null;
  // When this replica last needed the index checked anew: its start, then each failed health check.
  private lastDownAt = new Date();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly index: SearchIndex,
    private readonly meta: SearchMeta,
    private readonly queue: MaintenanceQueue,
  ) {}

  // The first check is awaited, so a service that starts beside a running Meilisearch answers
  // searches at once; one that starts without it starts anyway and catches up.
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workers) return;
    await this.tick();
    this.timer = setInterval(() => {
      this.ticking ??= this.tick().finally(() => (this.ticking = null));
    }, WATCH_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  private async tick(): Promise<void> {
    const checkedAt = new Date();
    try {
      await this.index.client.health();
    } catch {
      if (!this.wasDown) this.logger.warn('Meilisearch is not answering; index writes wait and retry');
      this.wasDown = true;
      this.ready = false;
      this.lastDownAt = checkedAt;
      return;
    }
    if (this.ready) return;
    try {
      const created = await this.index.ensure();
      if (created) await this.meta.set('settings_version', INDEX_VERSION);
      const reindexing = !created && (await this.applySettingsIfChanged());
      // At start too: after a crash, the events this app had taken stay locked to the dead worker
      // until BullMQ declares them stalled (30 s and more); the reconcile repairs the index now.
      // Every replica sees the same comeback: a reconcile another one asked for since is enough.
      if (!reindexing && (created || this.wasDown || !this.started)) {
        const since = created && this.started && !this.wasDown ? checkedAt : this.lastDownAt;
        const { run, created: queued } = await this.queue.startRecovery(since);
        const why = created ? 'Meilisearch had no listings index' : this.wasDown ? 'Meilisearch is back' : 'search started';
        this.logger.log(`${why}: reconcile ${run.id} ${queued ? 'started' : 'already asked for by a replica'}`);
      }
      this.started = true;
      this.ready = true;
      this.wasDown = false;
    } catch (error) {
      this.logger.warn(`could not prepare the index: ${(error as Error).message}`);
    }
  }

  /** Says whether it started a reindex. */
  private async applySettingsIfChanged(): Promise<boolean> {
    const applied = await this.meta.get('settings_version');
    if (applied === INDEX_VERSION) return false;
    this.logger.log(`applying index settings version ${INDEX_VERSION} (was ${applied ?? 'none'})`);
    await this.index.applySettings();
    await this.meta.set('settings_version', INDEX_VERSION);
    // A new settings version usually comes with new document fields: rebuild the documents too.
    const { run } = await this.queue.start('reindex', 'recovery', null);
    this.logger.log(`index settings changed: reindex ${run.id} started`);
    return true;
  }
}
