import { Injectable, Logger } from '@nestjs/common';
import { SearchRunKind } from '@pk/contracts';
import { Reconciler } from './reconciler';
import { Reindexer } from './reindexer';
import { SearchRuns } from './search-runs';

/** Carries out one reindex or reconcile run, recording its progress and outcome for curators. */
@Injectable()
export class MaintenanceRuns {
  private readonly logger = new Logger(MaintenanceRuns.name);

  constructor(
    private readonly runs: SearchRuns,
    private readonly reindexer: Reindexer,
    private readonly reconciler: Reconciler,
  ) {}

  /** The run `runId`, or (a scheduled tick carries none) a reconcile made for it. */
  async carryOut(runId?: string): Promise<void> {
    const id = runId ?? (await this.runs.create('reconcile', 'schedule', null)).run.id;
    if (!(await this.runs.start(id))) return;
    const { kind } = await this.runs.get(id);
    const progress = (done: number, total: number) => this.runs.progress(id, done, total);
    try {
      const result = await this.execute(kind, progress, id);
      await this.runs.succeed(id, result);
      this.logger.log(`${kind} ${id} done: ${JSON.stringify(result)}`);
    } catch (error) {
      // Recorded, not retried: a curator sees why and starts another.
      await this.runs.fail(id, (error as Error).message);
      this.logger.error(`${kind} ${id} failed: ${(error as Error).message}`);
    }
  }

  private execute(kind: SearchRunKind, progress: (done: number, total: number) => Promise<void>, runId: string) {
    switch (kind) {
      case 'reindex': return this.reindexer.run(runId, progress);
      case 'reconcile': return this.reconciler.run(progress);
    }
  }
}
