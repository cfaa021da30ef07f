import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Settings } from 'meilisearch';
import { Roles } from '@pk/contracts';
import { MatchingStrategy, buildSearchQueries, parseSearchParams } from '../apps/search/src/query/search-request';
import { bootSystem, TestSystem } from '../test/support/apps';
import { registerWithRoles } from '../test/support/http';
import { indexDocs, meili, search, waitTask } from '../test/support/search';
import { runRelevance, seedRelevanceCatalogue } from '../test/relevance-fixture';
import { RELEVANCE_CATALOGUE } from '../test/relevance-catalogue';
import { Outcome, RELEVANCE_QUERIES, summarise } from '../test/relevance-queries';
import { VARIANTS, Variant } from './relevance-variants';
import { fmt } from './stats';

/**
 * `npm run bench -- relevance`: the relevance suite (test/relevance-*.ts) over its fixture
 * catalogue, through the gateway and the search app as buyers reach it; then the same queries
 * straight to Meilisearch over copies of the index built with other settings (the settings before
 * this work, and the typo and matching choices weighed against each other), so every figure
 * comes from one run on one catalogue. RELEVANCE_WRITE_PASSING=1 rewrites
 * test/relevance-passing.ts with the ids that pass through the gateway; RELEVANCE_COMPARE=<variant>
 * lists the queries whose outcome differs from that variant's, RELEVANCE_SHOW=<variant> its failures.
 */
export async function benchRelevance(env: { redisUrl: string }): Promise<void> {
  const sys = await bootSystem('bench-relevance', { services: ['catalog', 'search'], env: { REDIS_URL: env.redisUrl, SEARCH_RECONCILE_SECONDS: '3600' } });
  const made: string[] = [];
  try {
    const curator = await registerWithRoles(sys, [Roles.curator]);
    const started = performance.now();
    const seeded = await seedRelevanceCatalogue(sys, curator);
    console.log(`  catalogue: ${RELEVANCE_CATALOGUE.length} listings (${count('id')} Indonesian only, ${count('both')} both, ${count('en')} English only), ` +
      `indexed by a reindex in ${fmt((performance.now() - started) / 1000)} s; ${RELEVANCE_QUERIES.length} queries`);

    const live = await runRelevance(async (q) => (await search(sys, { q, limit: 10 })).hits.map((h) => h.id), seeded.keyOf);
    const rows: Array<[string, Outcome[]]> = [['search app as deployed (gateway)', live]];

    const docs = await indexDocs(sys);
    for (const variant of VARIANTS) {
      const uid = `${sys.config.meiliIndexPrefix}variant_${made.length}`;
      made.push(uid);
      await build(sys, uid, variant.settings, variant.documents ? docs.map(variant.documents) : docs);
      rows.push([variant.name, await runRelevance((q) => direct(sys, uid, q, variant), seeded.keyOf)]);
    }

    console.log('\n  variant                                                   recall@10  precision@5  passing');
    for (const [name, outcomes] of rows) {
      const s = summarise(outcomes);
      console.log(`  ${name.padEnd(56)}  ${fmt(s.recall, 3).padStart(9)}  ${fmt(s.precision, 3).padStart(11)}  ${String(s.passed).padStart(3)}/${s.queries}`);
    }
    const s = summarise(live);
    console.log(`\n  recall@10 ${fmt(s.recall, 3)} (target >= 0.95: ${s.recall >= 0.95 ? 'met' : 'MISSED'}), precision@5 ${fmt(s.precision, 3)}, ${s.passed}/${s.queries} queries pass`);
    console.log(`  by kind: ${byKind(live)}`);
    if (s.failing.length) {
      console.log(`\n  failing queries (${s.failing.length}):`);
      for (const o of s.failing) {
        console.log(`    ${o.id.padEnd(28)} "${o.q}"  recall ${fmt(o.recall, 2)}` +
          `${o.missing.length ? `  missing ${o.missing.join(' ')}` : ''}${o.wrong.length ? `  wrong ${o.wrong.join(' ')}` : ''}`);
        console.log(`${' '.repeat(34)}top 10: ${o.top.join(' ')}`);
      }
    }
    const compare = process.env.RELEVANCE_COMPARE;
    if (compare) {
      const other = rows.find(([name]) => name.startsWith(compare))?.[1] ?? [];
      const changed = live.filter((o, i) => o.passed !== other[i]?.passed);
      console.log(`\n  differs from "${compare}": ${changed.map((o) => `${o.passed ? '+' : '-'}${o.id}`).join(' ') || 'none'}`);
    }
    const show = process.env.RELEVANCE_SHOW;
    if (show) {
      for (const o of summarise(rows.find(([name]) => name.startsWith(show))?.[1] ?? []).failing) {
        console.log(`  [${show}] ${o.id} "${o.q}" missing ${o.missing.join(' ') || '-'} wrong ${o.wrong.join(' ') || '-'}\n      top 10: ${o.top.join(' ')}`);
      }
    }
    if (process.env.RELEVANCE_WRITE_PASSING === '1') {
      const file = path.resolve(__dirname, '../test/relevance-passing.ts');
      writeFileSync(file, passingFile(live.filter((o) => o.passed).map((o) => o.id)));
      console.log(`  wrote ${live.filter((o) => o.passed).length} passing ids to ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    for (const uid of made) await meili(sys, 'DELETE', `/indexes/${uid}`).catch(() => undefined);
    await sys.close();
  }
}

const count = (lang: string) => RELEVANCE_CATALOGUE.filter((l) => l.lang === lang).length;

function byKind(outcomes: Outcome[]): string {
  const kinds = [...new Set(outcomes.map((o) => o.kind))];
  return kinds.map((k) => {
    const of = outcomes.filter((o) => o.kind === k);
    return `${k} ${of.filter((o) => o.passed).length}/${of.length}`;
  }).join(', ');
}

async function build(sys: TestSystem, uid: string, settings: Settings, docs: Array<Record<string, unknown>>): Promise<void> {
  await waitTask(sys, (await meili<{ taskUid: number }>(sys, 'POST', '/indexes', { uid, primaryKey: 'id' })).body.taskUid);
  await waitTask(sys, (await meili<{ taskUid: number }>(sys, 'PATCH', `/indexes/${uid}/settings`, settings)).body.taskUid);
  await waitTask(sys, (await meili<{ taskUid: number }>(sys, 'POST', `/indexes/${uid}/documents`, docs)).body.taskUid);
}

/** The hits' ids for a query, asked as the search app asks (the same multi-search body). */
async function direct(sys: TestSystem, uid: string, q: string, variant: Variant): Promise<string[]> {
  const matching: MatchingStrategy | undefined = variant.matching;
  const queries = buildSearchQueries(parseSearchParams({ q, limit: '10' }), uid, matching);
  const { status, body } = await meili<{ results: Array<{ hits: Array<{ id: string }> }> }>(sys, 'POST', '/multi-search', { queries });
  if (status !== 200) throw new Error(`multi-search on ${uid} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body.results[0].hits.map((h) => h.id);
}

function passingFile(ids: string[]): string {
  return `// The relevance queries (relevance-queries.ts) that pass today: the relevance suite fails when one
// of them stops passing. Written by \`RELEVANCE_WRITE_PASSING=1 npm run bench -- relevance\`; add an
// id by hand when a change makes another query pass, never remove one to make the suite green.
export const PASSING_QUERY_IDS: readonly string[] = [
${ids.map((id) => `  '${id}',`).join('\n')}
];
`;
}
