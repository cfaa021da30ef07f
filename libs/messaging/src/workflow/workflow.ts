/**
 * Workflows with declared compensations (after Medusa v2's createStep / createWorkflow, written
 * for this codebase): a workflow is a list of steps, each an `invoke` that does one thing and a
 * `compensate` that undoes it. The engine (workflow-engine.ts) stores each step's output as it
 * completes, so a run survives the death of its process: a restart resumes it or undoes it.
 */

/** Plain JSON: what a step's output and a workflow's input must be, to be stored and read back. */
export type WorkflowJson = string | number | boolean | null | WorkflowJson[] | { [key: string]: WorkflowJson | undefined };

export type WorkflowStatus = 'running' | 'completed' | 'compensating' | 'compensated' | 'failed';

/** Why a run is being undone: the step that failed and its error, as stored. */
export interface WorkflowFailure {
  step: string;
  message: string;
  code: string | null;
  details: WorkflowJson;
}

export interface WorkflowRun<I = WorkflowJson, S = Record<string, WorkflowJson>> {
  id: string;
  workflow: string;
  key: string;
  status: WorkflowStatus;
  input: I;
  /** The outputs of the steps that completed, by step name. */
  outputs: Partial<S>;
  /** The steps whose compensation has run. */
  compensated: string[];
  failure: WorkflowFailure | null;
  /** The owner id of the process running it (null once it is over). */
  owner: string | null;
  createdAt: Date;
}

export interface StepContext<I, S> {
  run: WorkflowRun<I, S>;
  input: I;
  /** What the steps before this one gave. */
  outputs: Partial<S>;
  /** This step's idempotency key (run id + step name): what it sends to other apps as its key. */
  key: string;
}

export interface Step<I, S, K extends keyof S & string = keyof S & string> {
  name: K;
  invoke(ctx: StepContext<I, S>): Promise<S[K]>;
  /** Undoes what invoke did; must be safe to run again (a death mid-compensation repeats it). */
  compensate?(ctx: StepContext<I, S> & { failure: WorkflowFailure }, output: S[K]): Promise<void>;
  /**
   * True for an error that says "not yet" rather than "no" (another app still busy with this
   * key): the run is not undone but left running with no owner, so the caller's retry or the
   * recovery carries it on from this step later.
   */
  pauseOn?(error: unknown): boolean;
}

/** What a run left by a dead process does: carry on from its next step, or undo what it did. */
export type Recovery = 'forward' | 'compensate';

export interface Workflow<I, S> {
  name: string;
  steps: Array<Step<I, S>>;
  /** Decided per run when its process died mid-way; forward when absent. */
  recover?(run: WorkflowRun<I, S>): Recovery;
}

/** One step, with the step that undoes it. */
export function createStep<I, S, K extends keyof S & string>(
  name: K,
  invoke: Step<I, S, K>['invoke'],
  compensate?: Step<I, S, K>['compensate'],
  opts: Pick<Step<I, S, K>, 'pauseOn'> = {},
): Step<I, S, K> {
  return { name, invoke, compensate, ...opts };
}

export function createWorkflow<I, S>(name: string, steps: Array<Step<I, S, keyof S & string>>, recover?: Workflow<I, S>['recover']): Workflow<I, S> {
  const names = steps.map((s) => s.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`workflow ${name}: step ${twice} is declared twice`);
  return { name, steps: steps as Array<Step<I, S>>, recover };
}
