import { newId } from '@pk/core';
import { bootSystem, TestSystem } from '../test/support/apps';
import { insertListing } from '../test/support/catalog-fixtures';
import { Buyer, checkoutBody, fillCart, newArtisan, newBuyers } from '../test/support/orders';
import { fmt, median, percentile } from './stats';

interface Options {
  rounds: number;
  /** Checkouts per round: one per buyer. */
  checkouts: number;
  concurrency: number;
}

interface Round {
  perSecond: number;
  latenciesMs: number[];
}

/**
 * Checkouts through the gateway (HTTP → gateway → orders → catalog reservation → order rows →
 * payments, bank transfer), each buyer with a one-line cart: checkouts per second and latency
 * when every buyer buys a variant of their own, and when all buy the same one (each reservation
 * waits for the row lock of the one before). The carts are filled before the clock starts.
 */
export async function benchCheckout(env: { redisUrl: string }, opts: Options = { rounds: 3, checkouts: 200, concurrency: 20 }): Promise<void> {
  const sys = await bootSystem('bench-checkout', {
    services: ['catalog', 'orders', 'payments'],
    // No sweeps during the runs: the figure is checkout alone.
    env: { REDIS_URL: env.redisUrl, ORDERS_SWEEP_SECONDS: '3600', RESERVATION_SWEEP_SECONDS: '3600' },
  });
  try {
    const artisan = await newArtisan(sys);
    const buyers = await newBuyers(sys, opts.checkouts, () => []);
    const shipping = { [artisan.artisanId]: 'JNE:REG' };
    const scenarios: Array<[string, () => Promise<string[]>]> = [
      ['distinct items', async () => (await insertListing(sys, artisan.artisanId, { variants: buyers.map(() => ({ stock: 5 })) })).variants.map((v) => v.id)],
      // Stock for every buyer, so each checkout succeeds: the figure is orders per second, not refusals.
      ['one hot item', async () => (await insertListing(sys, artisan.artisanId, { variants: [{ stock: opts.checkouts }] })).variants.map((v) => v.id)],
    ];
    const results: Array<{ name: string; rounds: Round[] }> = [];
    for (const [name, variantsFor] of scenarios) {
      const rounds: Round[] = [];
      for (let r = 0; r < opts.rounds; r++) {
        const variantIds = await variantsFor();
        await fill(sys, buyers, (i) => variantIds[i % variantIds.length]);
        const round = await runRound(sys, buyers, shipping, opts.concurrency);
        rounds.push(round);
        console.log(
          `  ${name}, round ${r + 1}: ${buyers.length} checkouts at concurrency ${opts.concurrency} = ${fmt(round.perSecond)}/s; ` +
            `latency p50 ${fmt(percentile(round.latenciesMs, 50))} ms, p95 ${fmt(percentile(round.latenciesMs, 95))} ms`,
        );
      }
      results.push({ name, rounds });
    }
    printTable(results, opts);
  } finally {
    await sys.close();
  }
}

/** One line per buyer's cart, 25 buyers at a time. */
async function fill(sys: TestSystem, buyers: Buyer[], variantOf: (i: number) => string): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 25 }, async () => {
      while (next < buyers.length) {
        const i = next++;
        await fillCart(sys, buyers[i], [{ variantId: variantOf(i), quantity: 1 }]);
      }
    }),
  );
}

/** Every buyer checks out once, `concurrency` in flight; any failure stops the benchmark. */
async function runRound(sys: TestSystem, buyers: Buyer[], shipping: Record<string, string>, concurrency: number): Promise<Round> {
  const url = `http://127.0.0.1:${(sys.http.address() as { port: number }).port}/api/v1/checkout`;
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < buyers.length) {
        const buyer = buyers[next++];
        const t = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer.session.accessToken}`, 'idempotency-key': newId() },
          body: JSON.stringify(checkoutBody(buyer, shipping)),
        });
        const body = await res.text();
        if (res.status !== 201) throw new Error(`checkout answered ${res.status}: ${body.slice(0, 300)}`);
        latenciesMs.push(performance.now() - t);
      }
    }),
  );
  return { perSecond: buyers.length / ((performance.now() - started) / 1000), latenciesMs };
}

function printTable(results: Array<{ name: string; rounds: Round[] }>, opts: Options): void {
  const rows = [
    ['scenario', 'checkouts/s', 'p50 ms', 'p95 ms'],
    ...results.map(({ name, rounds }) => [
      name,
      fmt(median(rounds.map((x) => x.perSecond))),
      fmt(median(rounds.map((x) => percentile(x.latenciesMs, 50)))),
      fmt(median(rounds.map((x) => percentile(x.latenciesMs, 95)))),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`\n  checkout, median of ${opts.rounds} rounds of ${opts.checkouts} at concurrency ${opts.concurrency}:`);
  for (const row of rows) console.log(`  ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`);
}
