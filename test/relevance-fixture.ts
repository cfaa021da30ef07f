import { newId } from '@pk/core';
import { TestSystem } from './support/apps';
import { insertArtisan } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { Session, register } from './support/http';
import request from 'supertest';
import { FixtureListing, RELEVANCE_CATALOGUE, RELEVANCE_SHOPS } from './relevance-catalogue';
import { Outcome, RELEVANCE_QUERIES, RelevanceQuery, judge, score } from './relevance-queries';

// Puts the relevance catalogue into a system's catalog (published listings of verified shops,
// written by SQL: the catalog never announces them) and has the search app index it with a
// full reindex through the curator API, the path every document takes on a rebuild.

export interface SeededCatalogue {
  idOf: Map<string, string>;
  keyOf: Map<string, string>;
  listings: FixtureListing[];
}

export async function seedRelevanceCatalogue(sys: TestSystem, curator: Session, catalogue: FixtureListing[] = RELEVANCE_CATALOGUE): Promise<SeededCatalogue> {
  const artisans = new Map<string, string>();
  for (const shop of RELEVANCE_SHOPS) {
    const owner = await register(sys);
    const artisanId = await insertArtisan(sys, owner.user.id, { shopSlug: `rel-${newId().slice(-10)}`, regency: shop.regency });
    await queryDb(sys, 'UPDATE catalog.artisans SET shop_name = $2 WHERE id = $1', [artisanId, shop.name]);
    artisans.set(shop.key, artisanId);
  }
  const idOf = new Map(catalogue.map((l) => [l.key, newId()]));
  // Published in catalogue order, a minute apart (the newest sort reads it).
  const rows = catalogue.map((l, i) => ({
    id: idOf.get(l.key),
    artisan_id: artisans.get(l.shop),
    title_id: l.titleId,
    title_en: l.titleEn,
    description_id: l.descriptionId,
    description_en: l.descriptionEn,
    category: l.category,
    regency: l.regency,
    materials: l.materials,
    techniques: l.techniques,
    minutes: catalogue.length - i,
    price: l.price,
    stock: l.stock,
    sku: `REL-${String(i).padStart(4, '0')}`,
  }));
  await queryDb(
    sys,
    `INSERT INTO catalog.listings (id, artisan_id, status, title_id, title_en, description_id, description_en, category_id, regency,
       materials, techniques, length_cm, width_cm, height_cm, weight_grams, published_at)
     SELECT r.id, r.artisan_id, 'published', r.title_id, r.title_en, r.description_id, r.description_en, c.id, r.regency,
            ARRAY(SELECT jsonb_array_elements_text(r.materials)), ARRAY(SELECT jsonb_array_elements_text(r.techniques)),
            30, 20, 10, 500, now() - make_interval(mins => r.minutes)
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, artisan_id uuid, title_id text, title_en text, description_id text, description_en text,
            category text, regency text, materials jsonb, techniques jsonb, minutes int)
     JOIN catalog.categories c ON c.slug = r.category`,
    [JSON.stringify(rows)],
  );
  await queryDb(
    sys,
    `INSERT INTO catalog.variants (id, listing_id, artisan_id, sku, options, price, stock, position)
     SELECT gen_random_uuid(), r.id, r.artisan_id, r.sku, '{}', r.price, r.stock, 0
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, artisan_id uuid, sku text, price bigint, stock int)`,
    [JSON.stringify(rows)],
  );
  const started = await request(sys.http).post('/api/v1/curation/search/reindex').set({ Authorization: `Bearer ${curator.accessToken}` });
  if (started.status !== 202) throw new Error(`reindex answered ${started.status}: ${JSON.stringify(started.body)}`);
  // Polled without jest's expect: the relevance bench seeds with this too.
  for (const deadline = Date.now() + 120_000; ; await new Promise((r) => setTimeout(r, 100))) {
    const run = await request(sys.http).get(`/api/v1/curation/search/runs/${started.body.id}`).set({ Authorization: `Bearer ${curator.accessToken}` });
    if (run.body.status === 'succeeded') break;
    if (run.body.status === 'failed' || Date.now() > deadline) throw new Error(`reindex did not succeed: ${JSON.stringify(run.body)}`);
  }
  return { idOf, keyOf: new Map([...idOf].map(([k, id]) => [id, k])), listings: catalogue };
}

/** Runs every query (a few at a time) and scores its top 10; `search` answers listing ids in order. */
export async function runRelevance(
  search: (q: string) => Promise<string[]>,
  keyOf: Map<string, string>,
  queries: RelevanceQuery[] = RELEVANCE_QUERIES,
): Promise<Outcome[]> {
  const out: Outcome[] = new Array(queries.length);
  let next = 0;
  const worker = async () => {
    while (next < queries.length) {
      const i = next++;
      const ids = await search(queries[i].q);
      out[i] = score(judge(queries[i]), ids.map((id) => keyOf.get(id) ?? id));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return out;
}
