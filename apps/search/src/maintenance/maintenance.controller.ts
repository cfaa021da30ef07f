import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Roles, RpcEnvelope, SearchPatterns, SearchRunKind, SearchRunView, SearchStatus, Services, isServiceCaller } from '@pk/contracts';
import { CallerRule, DomainError, ErrorCode, actorId, allow, parseInput, requireCaller } from '@pk/core';
import { SETTINGS_VERSION } from '../index/index-settings';
import { VOCABULARY_VERSION } from '../index/vocabulary';
import { SearchIndex } from '../index/search-index';
import { MaintenanceQueue } from './maintenance-queue';
import { SearchRuns } from './search-runs';
import { maintenanceStartInput as startInput, searchRunsQuery as listInput, searchRunRef as runRef } from '@pk/contracts/requests/search';

/** Curators, and the search app's own reindex command (scripts/search-reindex.ts). */
const curatorsAndCommand: CallerRule = { roles: [Roles.curator], services: [Services.search] };

/** Curators' control of the index: reindex, reconcile, their runs, the index's state. */
@Controller()
export class MaintenanceController {
  constructor(
    private readonly queue: MaintenanceQueue,
    private readonly runs: SearchRuns,
    private readonly index: SearchIndex,
  ) {}

  @MessagePattern(SearchPatterns.reindex)
  reindex(@Payload() env: RpcEnvelope) {
    return this.start(env, 'reindex');
  }

  @MessagePattern(SearchPatterns.reconcile)
  reconcile(@Payload() env: RpcEnvelope) {
    return this.start(env, 'reconcile');
  }

  @MessagePattern(SearchPatterns.runs)
  list(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    const { limit, offset } = parseInput(listInput, env.data ?? {});
    return this.runs.list(limit, offset);
  }

  @MessagePattern(SearchPatterns.run)
  async get(@Payload() env: RpcEnvelope) {
    const caller = allow(env, curatorsAndCommand);
    const run = await this.runs.get(parseInput(runRef, env.data).id);
    // The command (speaking as the search app) follows only the runs it started.
    if (isServiceCaller(caller) && run.trigger !== 'command') {
      throw new DomainError(ErrorCode.forbidden, 'The command follows only the runs it started.', { runId: run.id });
    }
    return run;
  }

  @MessagePattern(SearchPatterns.status)
  async status(@Payload() env: RpcEnvelope): Promise<SearchStatus> {
    requireCaller(env, Roles.curator);
    const base = { index: this.index.liveUid, settingsVersion: SETTINGS_VERSION, vocabularyVersion: VOCABULARY_VERSION };
    try {
      const stats = await this.index.client.index(this.index.liveUid).getStats();
      return { ...base, documents: stats.numberOfDocuments, meilisearch: 'up' };
    } catch {
      return { ...base, documents: null, meilisearch: 'down' };
    }
  }

  /**
   * Curators start runs from the API. The `npm run search:reindex` command, on the service's
   * private RPC port, speaks as the search app itself (no signed-in user); it may start runs and
   * follow them, nothing else. Nobody (a null caller) starts nothing.
   */
  private async start(env: RpcEnvelope, kind: SearchRunKind): Promise<SearchRunView> {
    const caller = allow(env, curatorsAndCommand);
    const { trigger } = parseInput(startInput, env.data ?? {});
    const { run } = await this.queue.start(kind, isServiceCaller(caller) ? 'command' : trigger, actorId(caller));
    return run;
  }
}
