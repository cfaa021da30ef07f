import { Caller, CatalogPatterns, Roles } from '@pk/contracts';
import { newId } from '@pk/core';
import { bootSystem } from '../test/support/apps';
import { insertArtisan, insertListing } from '../test/support/catalog-fixtures';
import { rpcClient, RpcClient } from '../test/support/rpc';
import { fmt, median, percentile } from './stats';

interface Options {
  rounds: number;
  calls: number;
  concurrency: number;
}

interface Round {
  perSecond: number;
  latenciesMs: number[];
}

/**
 * Stock reservations through the real RPC path (TCP client → catalog → Postgres, with the outbox
 * relay running): reservations per second when every call wants the same variant (each waits
 * for the row lock of the one before) and when calls spread over many distinct variants.
 */
export async function benchReservations(env: { redisUrl: string }, opts: Options = { rounds: 3, calls: 2000, concurrency: 20 }): Promise<void> {
  const sys = await bootSystem('bench-reservations', {
    services: ['catalog'],
    env: { REDIS_URL: env.redisUrl, RESERVATION_SWEEP_SECONDS: '3600' },
  });
  const rpc = rpcClient(sys, 'catalog');
  try {
    const artisanId = await insertArtisan(sys, newId());
    const scenarios: Array<[string, () => Promise<string[]>]> = [
      // Stock for every call, so each one holds: the figure is holds per second, not refusals.
      ['one hot variant', async () => (await insertListing(sys, artisanId, { variants: [{ stock: opts.calls }] })).variants.map((v) => v.id)],
      ['distinct variants', async () => (await insertListing(sys, artisanId, { variants: Array.from({ length: opts.calls }, () => ({ stock: 5 })) })).variants.map((v) => v.id)],
    ];
    for (const [name, variantsFor] of scenarios) {
      const rounds: Round[] = [];
      for (let r = 0; r < opts.rounds; r++) {
        const variantIds = await variantsFor();
        const round = await runRound(rpc, variantIds, opts);
        rounds.push(round);
        console.log(
          `  ${name}, round ${r + 1}: ${opts.calls} reservations at concurrency ${opts.concurrency} = ${fmt(round.perSecond, 0)}/s; ` +
            `latency p50 ${fmt(percentile(round.latenciesMs, 50))} ms, p95 ${fmt(percentile(round.latenciesMs, 95))} ms`,
        );
      }
      console.log(
        `  ${name}: median of ${rounds.length} rounds ${fmt(median(rounds.map((x) => x.perSecond)), 0)} reservations/s, ` +
          `p50 ${fmt(median(rounds.map((x) => percentile(x.latenciesMs, 50))))} ms, p95 ${fmt(median(rounds.map((x) => percentile(x.latenciesMs, 95))))} ms`,
      );
    }
  } finally {
    await rpc.close();
    await sys.close();
  }
}

/** `calls` one-unit reservations, `concurrency` in flight, call i on variant i mod the list. */
async function runRound(rpc: RpcClient, variantIds: string[], opts: Options): Promise<Round> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (next < opts.calls) {
        const i = next++;
        const caller: Caller = { userId: newId(), roles: [Roles.buyer] };
        const t = performance.now();
        await rpc.send(CatalogPatterns.reservationCreate, { key: `bench-${i}`, lines: [{ variantId: variantIds[i % variantIds.length], quantity: 1 }] }, caller);
        latenciesMs.push(performance.now() - t);
      }
    }),
  );
  return { perSecond: opts.calls / ((performance.now() - started) / 1000), latenciesMs };
}
