import { Logger } from '@nestjs/common';
import { Workflow, WorkflowFailure, WorkflowJson, WorkflowRun, StepContext } from './workflow';
import { WorkflowOwners } from './workflow-owners';
import { WorkflowStore } from './workflow-store';

/** This process no longer owns the run (a recovery took it, thinking us dead): stop here. */
export class WorkflowTakenOver extends Error {
  constructor(runId: string) {
    super(`workflow run ${runId} was taken over by another process`);
  }
}

export interface WorkflowEngineOptions {
  /** Test-only fault hook: `<workflow>.<step>` after which the process exits hard. */
  exitAfterStep?: string | null;
  /** How the fault hook exits (SIGKILL to itself by default: no shutdown hook runs). */
  exit?: () => void;
}

// Runs younger than this are left to their owner by the recovery: most are simply still going.
const RECOVERY_IDLE_SECONDS = 2;
const RECOVERY_BATCH = 50;

/**
 * Runs workflows step by step, storing each step's output before the next starts. A step that
 * throws makes the completed steps' compensations run in reverse order, then the error goes to
 * the caller. A run whose owner died is taken over (takeOver / recover) and, as the workflow
 * decides, carried forward from its first step not done or compensated: a step runs again only
 * if its process died inside it, under the same key (run id + step name), so it does nothing twice.
 */
export class WorkflowEngine {
  private readonly logger = new Logger(WorkflowEngine.name);

  constructor(
    private readonly store: WorkflowStore,
    private readonly owners: WorkflowOwners,
    private readonly opts: WorkflowEngineOptions = {},
  ) {}

  /** A new run under `key` owned by this process, or the existing one (created: false) untouched. */
  async start<I, S>(wf: Workflow<I, S>, key: string, input: I): Promise<{ run: WorkflowRun<I, S>; created: boolean }> {
    const { run, created } = await this.store.create(wf.name, key, input as WorkflowJson, this.owners.id);
    return { run: run as unknown as WorkflowRun<I, S>, created };
  }

  async find<I, S>(wf: Workflow<I, S>, key: string): Promise<WorkflowRun<I, S> | null> {
    return (await this.store.get(wf.name, key)) as unknown as WorkflowRun<I, S> | null;
  }

  /** A run that is over and changed nothing worth keeping, removed so its key can start again. */
  async forget(run: WorkflowRun<unknown, unknown>): Promise<void> {
    await this.store.remove(run.id, run.owner);
  }

  /**
   * Runs a run this process owns from its first step not done to the end; returns every step's
   * output. When a step throws, the run is compensated and the step's error is thrown.
   */
  async execute<I, S>(wf: Workflow<I, S>, run: WorkflowRun<I, S>): Promise<S> {
    const owner = run.owner ?? this.owners.id;
    for (const step of wf.steps) {
      if (step.name in run.outputs) continue;
      let output: WorkflowJson;
      try {
        // Stored as JSON and read back as JSON: the next step sees what a resumed run would.
        output = JSON.parse(JSON.stringify((await step.invoke(this.context(wf, run, step.name))) ?? null));
      } catch (error) {
        if (step.pauseOn?.(error)) {
          // Not a refusal: the run waits, ownerless, for the retry or the recovery to carry it on.
          if (!(await this.store.letGo(run.id, owner))) throw new WorkflowTakenOver(run.id);
          run.owner = null;
          throw error;
        }
        await this.fail(wf, run, owner, failureOf(step.name, error));
        throw error;
      }
      if (!(await this.store.completeStep(run.id, owner, step.name, output))) throw new WorkflowTakenOver(run.id);
      (run.outputs as Record<string, WorkflowJson>)[step.name] = output;
      this.faultHook(wf.name, step.name);
    }
    if (!(await this.store.setStatus(run.id, owner, 'completed'))) throw new WorkflowTakenOver(run.id);
    run.status = 'completed';
    run.owner = null;
    return run.outputs as S;
  }

  /**
   * A run another process owned: when that process is gone, this one takes it over and finishes
   * it (forward or compensated, as the workflow's recover says). Null while its owner lives (or
   * another process took it first); otherwise the run as it ended. Never throws a step's error:
   * the run's status and failure say how it ended.
   */
  async takeOver<I, S>(wf: Workflow<I, S>, run: WorkflowRun<I, S>): Promise<WorkflowRun<I, S> | null> {
    if (run.status !== 'running' && run.status !== 'compensating') return run;
    if (run.owner && (run.owner === this.owners.id || (await this.owners.isAlive(run.owner)))) return null;
    const adopted = (await this.store.adopt(run.id, run.owner, this.owners.id)) as unknown as WorkflowRun<I, S> | null;
    if (!adopted) return null;
    this.logger.warn(`workflow ${wf.name} run ${run.id}: ${run.owner ? 'its process died' : 'paused'}; taking it over (${adopted.status})`);
    try {
      if (adopted.status === 'compensating') {
        await this.compensate(wf, adopted, adopted.owner!, adopted.failure ?? failureOf('recovery', new Error('its process died')));
      } else if ((wf.recover?.(adopted) ?? 'forward') === 'compensate') {
        await this.fail(wf, adopted, adopted.owner!, failureOf('recovery', new Error('its process died and it was too late to carry it on')));
      } else {
        await this.execute(wf, adopted);
      }
    } catch (error) {
      if (error instanceof WorkflowTakenOver) return null;
      // A step's error: execute compensated (or paused the run again), and the run says so.
    }
    return adopted;
  }

  /** Takes over every run of these workflows that a dead process left; how many it took. */
  async recover(workflows: Array<Workflow<any, any>>): Promise<number> {
    const byName = new Map(workflows.map((w) => [w.name, w]));
    const runs = await this.store.unfinished(RECOVERY_IDLE_SECONDS, this.owners.id, RECOVERY_BATCH);
    let taken = 0;
    for (const run of runs) {
      const wf = byName.get(run.workflow);
      if (!wf) continue;
      try {
        if (await this.takeOver(wf, run)) taken++;
      } catch (error) {
        this.logger.error(`workflow ${run.workflow} run ${run.id}: recovery failed: ${(error as Error).message}`);
      }
    }
    return taken;
  }

  /** A step failed: undo what was done; a run with nothing to undo is forgotten (it changed nothing). */
  private async fail<I, S>(wf: Workflow<I, S>, run: WorkflowRun<I, S>, owner: string, failure: WorkflowFailure): Promise<void> {
    run.failure = failure;
    const undoable = wf.steps.some((s) => s.compensate && s.name in run.outputs);
    if (!undoable) {
      await this.store.remove(run.id, owner);
      run.status = 'compensated';
      run.owner = null;
      return;
    }
    if (!(await this.store.setStatus(run.id, owner, 'compensating', failure))) throw new WorkflowTakenOver(run.id);
    run.status = 'compensating';
    await this.compensate(wf, run, owner, failure);
  }

  /** The compensations of the completed steps, last first, each recorded as it is done. */
  private async compensate<I, S>(wf: Workflow<I, S>, run: WorkflowRun<I, S>, owner: string, failure: WorkflowFailure): Promise<void> {
    for (const step of [...wf.steps].reverse()) {
      if (!(step.name in run.outputs) || run.compensated.includes(step.name) || !step.compensate) continue;
      try {
        await step.compensate({ ...this.context(wf, run, step.name), failure }, run.outputs[step.name as keyof S] as S[keyof S & string]);
      } catch (error) {
        // Left for a person to look at: the run says which step could not be undone and why.
        this.logger.error(`workflow ${wf.name} run ${run.id}: compensation of ${step.name} failed: ${(error as Error).message}`);
        await this.store.setStatus(run.id, owner, 'failed', { ...failure, details: { ...(failure.details as object), compensationFailed: step.name, why: (error as Error).message } });
        run.status = 'failed';
        run.owner = null;
        return;
      }
      if (!(await this.store.markCompensated(run.id, owner, step.name))) throw new WorkflowTakenOver(run.id);
      run.compensated.push(step.name);
    }
    if (!(await this.store.setStatus(run.id, owner, 'compensated'))) throw new WorkflowTakenOver(run.id);
    run.status = 'compensated';
    run.owner = null;
  }

  private context<I, S>(wf: Workflow<I, S>, run: WorkflowRun<I, S>, step: string): StepContext<I, S> {
    return { run, input: run.input, outputs: run.outputs, key: `${run.id}:${step}` };
  }

  private faultHook(workflow: string, step: string): void {
    if (this.opts.exitAfterStep !== `${workflow}.${step}`) return;
    this.logger.warn(`fault hook: exiting after ${workflow}.${step}`);
    (this.opts.exit ?? (() => process.kill(process.pid, 'SIGKILL')))();
  }
}

/** A step's error as stored: a DomainError keeps its code and details. */
function failureOf(step: string, error: unknown): WorkflowFailure {
  const e = error as { message?: string; code?: unknown; details?: unknown };
  const details = e.details === undefined ? null : (JSON.parse(JSON.stringify(e.details)) as WorkflowJson);
  return { step, message: String(e.message ?? error).slice(0, 1000), code: typeof e.code === 'string' ? e.code : null, details };
}
