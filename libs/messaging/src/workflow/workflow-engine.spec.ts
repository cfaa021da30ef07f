import { createStep, createWorkflow, WorkflowFailure, WorkflowJson, WorkflowRun, WorkflowStatus } from './workflow';
import { WorkflowEngine } from './workflow-engine';
import { WorkflowOwners } from './workflow-owners';
import { WorkflowStore } from './workflow-store';

/** The store's contract in memory: every write after the first only while the writer owns the run. */
class MemoryStore implements WorkflowStore {
  runs = new Map<string, WorkflowRun>();
  private n = 0;

  async create(workflow: string, key: string, input: WorkflowJson, owner: string) {
    const existing = await this.get(workflow, key);
    if (existing) return { run: existing, created: false };
    const run: WorkflowRun = { id: `run-${++this.n}`, workflow, key, status: 'running', input, outputs: {}, compensated: [], failure: null, owner, createdAt: new Date() };
    this.runs.set(run.id, run);
    return { run: clone(run), created: true };
  }
  async get(workflow: string, key: string) {
    const run = [...this.runs.values()].find((r) => r.workflow === workflow && r.key === key);
    return run ? clone(run) : null;
  }
  async completeStep(id: string, owner: string, step: string, output: WorkflowJson) {
    const run = this.owned(id, owner, ['running']);
    if (run) run.outputs[step] = output;
    return !!run;
  }
  async setStatus(id: string, owner: string, status: WorkflowStatus, failure?: WorkflowFailure) {
    const run = this.owned(id, owner);
    if (!run) return false;
    Object.assign(run, { status, failure: failure ?? run.failure, owner: ['running', 'compensating'].includes(status) ? owner : null });
    return true;
  }
  async markCompensated(id: string, owner: string, step: string) {
    const run = this.owned(id, owner, ['compensating']);
    run?.compensated.push(step);
    return !!run;
  }
  async adopt(id: string, from: string | null, to: string) {
    const run = this.runs.get(id);
    if (!run || run.owner !== from || !['running', 'compensating'].includes(run.status)) return null;
    run.owner = to;
    return clone(run);
  }
  async remove(id: string) {
    this.runs.delete(id);
  }
  async letGo(id: string, owner: string) {
    const run = this.owned(id, owner, ['running']);
    if (run) run.owner = null;
    return !!run;
  }
  async unfinished(_idle: number, except: string) {
    return [...this.runs.values()].filter((r) => ['running', 'compensating'].includes(r.status) && r.owner !== except).map(clone);
  }
  private owned(id: string, owner: string, statuses?: WorkflowStatus[]) {
    const run = this.runs.get(id);
    return run && run.owner === owner && (!statuses || statuses.includes(run.status)) ? run : undefined;
  }
}

const clone = <T>(x: T): T => structuredClone(x);

class Owners implements WorkflowOwners {
  dead = new Set<string>();
  constructor(public id: string) {}
  async isAlive(owner: string) {
    return !this.dead.has(owner);
  }
}

/** A reserve ⇄ release, order ⇄ cancel, pay workflow whose effects land in `world`. */
function shop(world: { log: string[]; failAt?: string; held: number; orders: number }) {
  type S = { reserve: { id: string }; order: { id: string }; pay: { id: string } };
  const step = (name: keyof S, effect: () => void, undo?: () => void) =>
    createStep<{ qty: number }, S, typeof name>(
      name,
      async (ctx) => {
        world.log.push(`${name}:${ctx.key}`);
        if (world.failAt === name) throw Object.assign(new Error(`${name} refused`), { code: 'nope', details: { why: name } });
        effect();
        return { id: `${name}-1` };
      },
      undo &&
        (async (ctx) => {
          world.log.push(`undo ${name} (${ctx.failure.step}: ${ctx.failure.message})`);
          undo();
        }),
    );
  return createWorkflow<{ qty: number }, S>('shop', [
    step('reserve', () => world.held++, () => world.held--),
    step('order', () => world.orders++, () => world.orders--),
    step('pay', () => undefined),
  ]);
}

describe('WorkflowEngine', () => {
  it('runs the steps in order, each under its own key, and stores their outputs', async () => {
    const world = { log: [] as string[], held: 0, orders: 0 };
    const store = new MemoryStore();
    const engine = new WorkflowEngine(store, new Owners('p1'));
    const wf = shop(world);
    const { run } = await engine.start(wf, 'k', { qty: 1 });
    expect(await engine.execute(wf, run)).toEqual({ reserve: { id: 'reserve-1' }, order: { id: 'order-1' }, pay: { id: 'pay-1' } });
    expect(world.log).toEqual([`reserve:${run.id}:reserve`, `order:${run.id}:order`, `pay:${run.id}:pay`]);
    expect(store.runs.get(run.id)).toMatchObject({ status: 'completed', owner: null });
    // The same key again is the same run, untouched.
    expect(await engine.start(wf, 'k', { qty: 1 })).toMatchObject({ created: false, run: { id: run.id, status: 'completed' } });
  });

  it('undoes the completed steps in reverse order when a later one fails, and throws its error', async () => {
    const world = { log: [] as string[], held: 0, orders: 0, failAt: 'pay' };
    const store = new MemoryStore();
    const engine = new WorkflowEngine(store, new Owners('p1'));
    const wf = shop(world);
    const { run } = await engine.start(wf, 'k', { qty: 1 });
    await expect(engine.execute(wf, run)).rejects.toThrow('pay refused');
    expect(world.log.slice(3)).toEqual(['undo order (pay: pay refused)', 'undo reserve (pay: pay refused)']);
    expect({ held: world.held, orders: world.orders }).toEqual({ held: 0, orders: 0 });
    expect(store.runs.get(run.id)).toMatchObject({ status: 'compensated', compensated: ['order', 'reserve'], failure: { step: 'pay', code: 'nope', details: { why: 'pay' } } });
  });

  it('pauses instead of undoing on an error its step calls "not yet", and a later take-over carries it on', async () => {
    const world = { log: [] as string[], held: 0, orders: 0 };
    let busy = true;
    type S = { reserve: { id: string }; pay: { id: string } };
    const wf = createWorkflow<{ qty: number }, S>('pause', [
      createStep<{ qty: number }, S, 'reserve'>('reserve', async () => (world.held++, { id: 'r' }), async () => void world.held--),
      createStep<{ qty: number }, S, 'pay'>(
        'pay',
        async () => {
          world.log.push('pay');
          if (busy) throw Object.assign(new Error('still being created'), { code: 'conflict' });
          return { id: 'p' };
        },
        undefined,
        { pauseOn: (e) => (e as { code?: string }).code === 'conflict' },
      ),
    ]);
    const store = new MemoryStore();
    const engine = new WorkflowEngine(store, new Owners('p1'));
    const { run } = await engine.start(wf, 'k', { qty: 1 });
    await expect(engine.execute(wf, run)).rejects.toThrow('still being created');
    // Nothing undone: the run still holds its reservation, running and owned by nobody.
    expect(world.held).toBe(1);
    expect(store.runs.get(run.id)).toMatchObject({ status: 'running', owner: null, compensated: [] });
    busy = false;
    const later = await new WorkflowEngine(store, new Owners('p2')).takeOver(wf, (await engine.find(wf, 'k'))!);
    expect(later).toMatchObject({ status: 'completed', outputs: { reserve: { id: 'r' }, pay: { id: 'p' } } });
    expect({ held: world.held, pays: world.log.length }).toEqual({ held: 1, pays: 2 });
  });

  it('forgets a run that failed before anything needed undoing', async () => {
    const world = { log: [] as string[], held: 0, orders: 0, failAt: 'reserve' };
    const store = new MemoryStore();
    const engine = new WorkflowEngine(store, new Owners('p1'));
    const { run } = await engine.start(shop(world), 'k', { qty: 1 });
    await expect(engine.execute(shop(world), run)).rejects.toThrow('reserve refused');
    expect(store.runs.size).toBe(0);
  });

  it("resumes a dead process's run from its first step not done, never repeating a done one", async () => {
    const world = { log: [] as string[], held: 0, orders: 0 };
    const store = new MemoryStore();
    const exits: string[] = [];
    const dying = new WorkflowEngine(store, new Owners('p1'), { exitAfterStep: 'shop.order', exit: () => exits.push('exit') });
    const wf = shop(world);
    const { run } = await dying.start(wf, 'k', { qty: 1 });
    // The fault hook stands in for the process dying: stop the run right after the hook fires.
    const stop = new Error('died');
    (dying as unknown as { opts: { exit: () => void } }).opts.exit = () => {
      exits.push('exit');
      throw stop;
    };
    await expect(dying.execute(wf, run)).rejects.toBe(stop);
    expect(exits).toEqual(['exit']);

    const owners = new Owners('p2');
    const survivor = new WorkflowEngine(store, owners);
    // While p1 lives, its run is left alone.
    expect(await survivor.recover([wf])).toBe(0);
    owners.dead.add('p1');
    expect(await survivor.recover([wf])).toBe(1);
    expect(world.log.map((l) => l.split(':')[0])).toEqual(['reserve', 'order', 'pay']);
    expect(store.runs.get(run.id)).toMatchObject({ status: 'completed', outputs: { reserve: { id: 'reserve-1' }, order: { id: 'order-1' }, pay: { id: 'pay-1' } } });
    // Once over, nothing is left to recover.
    expect(await survivor.recover([wf])).toBe(0);
  });

  it('compensates a dead run when the workflow says it is too late to carry on, and finishes a half-done compensation', async () => {
    const world = { log: [] as string[], held: 0, orders: 0 };
    const store = new MemoryStore();
    const wf = { ...shop(world), recover: () => 'compensate' as const };
    const dead = new WorkflowEngine(store, new Owners('p1'));
    const { run } = await dead.start(wf, 'k', { qty: 1 });
    // p1 reserved and ordered, then died.
    await store.completeStep(run.id, 'p1', 'reserve', { id: 'reserve-1' });
    await store.completeStep(run.id, 'p1', 'order', { id: 'order-1' });
    Object.assign(world, { held: 1, orders: 1 });
    const owners = new Owners('p2');
    owners.dead.add('p1');
    const ended = await new WorkflowEngine(store, owners).takeOver(wf, (await store.get('shop', 'k'))!);
    expect(ended).toMatchObject({ status: 'compensated', compensated: ['order', 'reserve'], failure: { step: 'recovery' } });
    expect({ held: world.held, orders: world.orders }).toEqual({ held: 0, orders: 0 });

    // A compensation cut short by a death: the survivor undoes only what is left.
    const { run: second } = await dead.start(wf, 'k2', { qty: 1 });
    await store.completeStep(second.id, 'p1', 'reserve', { id: 'reserve-1' });
    await store.completeStep(second.id, 'p1', 'order', { id: 'order-1' });
    await store.setStatus(second.id, 'p1', 'compensating', { step: 'pay', message: 'pay refused', code: null, details: null });
    await store.markCompensated(second.id, 'p1', 'order');
    world.log = [];
    await new WorkflowEngine(store, owners).recover([wf]);
    expect(world.log).toEqual(['undo reserve (pay: pay refused)']);
    expect(store.runs.get(second.id)).toMatchObject({ status: 'compensated', compensated: ['order', 'reserve'] });
  });

  it('stops a process whose run was taken over, at its next step', async () => {
    const world = { log: [] as string[], held: 0, orders: 0 };
    const store = new MemoryStore();
    const wf = shop(world);
    const slow = new WorkflowEngine(store, new Owners('p1'));
    const { run } = await slow.start(wf, 'k', { qty: 1 });
    // p2 thought p1 dead and took the run before p1 recorded its first step.
    await store.adopt(run.id, 'p1', 'p2');
    await expect(slow.execute(wf, run)).rejects.toThrow(/taken over/);
    expect(store.runs.get(run.id)!.outputs).toEqual({});
  });

  it('marks a run failed, saying which compensation could not be done', async () => {
    const store = new MemoryStore();
    const wf = createWorkflow<null, { a: number; b: number }>('two', [
      createStep('a', async () => 1, async () => {
        throw new Error('catalog down');
      }),
      createStep('b', async () => {
        throw new Error('b broke');
      }),
    ]);
    const engine = new WorkflowEngine(store, new Owners('p1'));
    const { run } = await engine.start(wf, 'k', null);
    await expect(engine.execute(wf, run)).rejects.toThrow('b broke');
    expect(store.runs.get(run.id)).toMatchObject({ status: 'failed', owner: null, failure: { step: 'b', details: { compensationFailed: 'a', why: 'catalog down' } } });
  });

  it('refuses a workflow that declares a step twice', () => {
    expect(() => createWorkflow<null, { a: number }>('dup', [createStep('a', async () => 1), createStep('a', async () => 2)])).toThrow(/declared twice/);
  });
});
