// `npm run bench [-- name ...]`: runs the named benchmarks (all when none is named) against
// real Postgres and Redis, found or started like `npm test` does, and prints their figures.
import path from 'node:path';
import { ensureInfra } from '@pk/infra';
import { benchChannels } from './channels.bench';
import { benchCheckout } from './checkout.bench';
import { benchMemory } from './memory.bench';
import { benchOutbox } from './outbox.bench';
import { benchRelevance } from './relevance.bench';
import { benchReservations } from './reservations.bench';
import { benchRetention } from './retention.bench';
import { benchSearch } from './search.bench';
import { benchSessions } from './sessions.bench';
import { benchWebhooks } from './webhooks.bench';
import { benchWeb } from './web.bench';

const BENCHMARKS: Record<string, (env: { redisUrl: string }) => Promise<void>> = {
  outbox: (env) => benchOutbox(env),
  retention: (env) => benchRetention(env),
  reservations: (env) => benchReservations(env),
  search: (env) => benchSearch(env),
  sessions: (env) => benchSessions(env),
  relevance: (env) => benchRelevance(env),
  channels: (env) => benchChannels(env),
  webhooks: (env) => benchWebhooks(env),
  checkout: (env) => benchCheckout(env),
  web: (env) => benchWeb(env),
  memory: () => benchMemory(),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in BENCHMARKS));
  if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  const infra = await ensureInfra({ profile: 'test', rootDir: path.resolve(__dirname, '..'), log: (l) => console.log(`[infra] ${l}`) });
  process.env.DATABASE_URL = infra.databaseUrl;
  // The services read Meilisearch from the environment too (it may be our own, on another port).
  process.env.MEILI_URL = infra.meiliUrl;
  process.env.MEILI_MASTER_KEY = infra.meiliKey;
  // The systems the benchmarks boot are the tests' (test/support/apps.ts), which check every reply
  // against its schema; production does not, and that check is a tenth of a search's CPU.
  process.env.PK_CHECK_REPLIES ??= '0';
  try {
    for (const name of wanted.length ? wanted : Object.keys(BENCHMARKS)) {
      console.log(`\n${name}:`);
      await BENCHMARKS[name]({ redisUrl: infra.redisUrl });
    }
  } finally {
    await infra.stop();
  }
}

main().catch((error) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});
