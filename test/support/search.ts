import request from 'supertest';
import type { FacetCount, SearchHit, SearchResult } from '@pk/contracts';
import { newId } from '@pk/core';
import { TestSystem } from './apps';
import { insertArtisan } from './catalog-fixtures';
import { queryDb } from './db';
import { eventually } from './eventually';
import { bearer, register, Session } from './http';

// Helpers for the search suites: listings made through the gateway (so the catalog announces
// them), the search API, and Meilisearch read and written directly to compare it with Postgres.

export type Params = Record<string, string | number | boolean | Array<string | number>>;

/** A query string with repeated keys for arrays (`regency=a&regency=b`). */
export function queryString(params: Params): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  }
  return parts.join('&');
}

// The API's own types: a test that reads a field the API does not have fails to compile.
export type { FacetCount } from '@pk/contracts';
export type Hit = SearchHit;
export type SearchPage = SearchResult;

export const searchRequest = (sys: TestSystem, params: Params = {}) => request(sys.http).get(`/api/v1/search/listings?${queryString(params)}`);

/** A 200 search page; fails the test on any other status. */
export async function search(sys: TestSystem, params: Params = {}): Promise<SearchPage> {
  const res = await searchRequest(sys, params);
  if (res.status !== 200) throw new Error(`search ${queryString(params)} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as SearchPage;
}

export const ids = (page: { hits: Array<{ id: string }> }): string[] => page.hits.map((h) => h.id);

/** A facet's counts as { value: count }, for comparing regardless of the order of ties. */
export const counts = (facet: FacetCount[]): Record<string, number> => Object.fromEntries(facet.map((f) => [f.value, f.count]));

// ---------------------------------------------------------------------------------------------
// Shops and listings through the gateway

export interface Shop {
  session: Session;
  artisanId: string;
  slug: string;
  name: string;
}

/**
 * A verified shop. The artisan row is a fixture (inserted by SQL, no event): search learns about
 * shops only through the listings the catalog announces, which these suites create by API.
 */
export async function seedShop(sys: TestSystem, opts: { name: string; slug?: string; regency?: string }): Promise<Shop> {
  const session = await register(sys);
  const slug = opts.slug ?? `toko-${newId().slice(-10)}`;
  const artisanId = await insertArtisan(sys, session.user.id, { shopSlug: slug, regency: opts.regency });
  await queryDb(sys, 'UPDATE catalog.artisans SET shop_name = $2 WHERE id = $1', [artisanId, opts.name]);
  return { session, artisanId, slug, name: opts.name };
}

export interface ListingSpec {
  titleId: string;
  titleEn?: string | null;
  descriptionId?: string;
  descriptionEn?: string | null;
  category: string;
  regency: string;
  materials?: string[];
  techniques?: string[];
  /** One variant per entry; options default to { pilihan: p<i> }. */
  variants: Array<{ price: number; stock: number; options?: Record<string, string> }>;
}

export interface CreatedListing {
  id: string;
  variants: Array<{ id: string; sku: string; price: string; stock: number }>;
}

let skuCounter = 0;

export function listingBody(spec: ListingSpec): Record<string, unknown> {
  const sku = `S${Date.now().toString(36).toUpperCase()}${(skuCounter++).toString(36).toUpperCase()}`;
  return {
    title: { id: spec.titleId, en: spec.titleEn ?? null },
    description: { id: spec.descriptionId ?? `${spec.titleId}. Buatan tangan perajin Bali.`, en: spec.descriptionEn ?? null },
    category: spec.category,
    materials: spec.materials ?? [],
    techniques: spec.techniques ?? [],
    regency: spec.regency,
    dimensionsCm: { length: 30, width: 20, height: 5 },
    weightGrams: 400,
    variants: spec.variants.map((v, i) => ({ sku: `${sku}-${i}`, options: v.options ?? { pilihan: `p${i}` }, price: v.price, stock: v.stock })),
  };
}

/** A photo row for a draft (submitting needs one); the catalog reads it into the snapshot on publish. */
export async function addPhoto(sys: TestSystem, listingId: string): Promise<void> {
  await queryDb(
    sys,
    `INSERT INTO catalog.listing_photos (id, listing_id, position, alt, keys, width, height)
     VALUES ($1, $2, 0, 'Foto produk', $3, 1600, 1200)`,
    [newId(), listingId, { thumbnail: `${listingId}/t.webp`, card: `${listingId}/c.webp`, full: `${listingId}/f.webp` }],
  );
}

/** Created, photographed, submitted and approved through the gateway: the catalog emits listing.published. */
export async function publishListing(sys: TestSystem, shop: Shop, curator: Session, spec: ListingSpec): Promise<CreatedListing> {
  const api = () => request(sys.http);
  const created = await api().post('/api/v1/listings').set(bearer(shop.session)).send(listingBody(spec));
  if (created.status !== 201) throw new Error(`create listing answered ${created.status}: ${JSON.stringify(created.body)}`);
  await addPhoto(sys, created.body.id);
  await api().post(`/api/v1/listings/${created.body.id}/submit`).set(bearer(shop.session)).expect(200);
  await api().post(`/api/v1/curation/listings/${created.body.id}/decision`).set(bearer(curator)).send({ decision: 'approve' }).expect(200);
  return { id: created.body.id, variants: created.body.variants };
}

// ---------------------------------------------------------------------------------------------
// Postgres: what the index should hold

export interface ExpectedDoc {
  id: string;
  version: number;
  titleId: string;
  titleEn: string | null;
  priceMin: number;
  priceMax: number;
  stockTotal: number;
  inStock: boolean;
  /** Units sold. */
  popularity: number;
}

/** Every public listing (published, of a verified shop) with the values the index must carry. */
export async function publicListings(sys: TestSystem): Promise<ExpectedDoc[]> {
  const rows = await queryDb<{ id: string; version: number; title_id: string; title_en: string | null; price_min: string; price_max: string; stock_total: number; units_sold: number }>(
    sys,
    `SELECT l.id, l.version, l.title_id, l.title_en, l.units_sold, min(v.price)::text AS price_min, max(v.price)::text AS price_max,
            sum(v.stock)::int AS stock_total
     FROM catalog.listings l
     JOIN catalog.artisans a ON a.id = l.artisan_id
     JOIN catalog.variants v ON v.listing_id = l.id
     WHERE l.status = 'published' AND a.status = 'verified'
     GROUP BY l.id ORDER BY l.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    titleId: r.title_id,
    titleEn: r.title_en,
    priceMin: Number(r.price_min),
    priceMax: Number(r.price_max),
    stockTotal: r.stock_total,
    inStock: r.stock_total > 0,
    popularity: r.units_sold,
  }));
}

// ---------------------------------------------------------------------------------------------
// Meilisearch, directly (to read what the index holds and to make drift on purpose)

export const indexUid = (sys: TestSystem): string => `${sys.config.meiliIndexPrefix}listings`;

export async function meili<T = Record<string, unknown>>(sys: TestSystem, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sys.config.meiliUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sys.config.meiliKey}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** Waits for a Meilisearch task to finish and fails unless it succeeded. */
export async function waitTask(sys: TestSystem, taskUid: number): Promise<void> {
  await eventually(
    async () => {
      const { body } = await meili<{ status: string; error?: unknown }>(sys, 'GET', `/tasks/${taskUid}`);
      if (body.status === 'failed') throw new Error(`task ${taskUid} failed: ${JSON.stringify(body.error)}`);
      if (body.status !== 'succeeded') throw new Error(`task ${taskUid} is ${body.status}`);
    },
    { timeoutMs: 15_000, intervalMs: 25 },
  );
}

export type IndexDoc = Record<string, unknown> & { id: string };

/** Every document of the suite's listings index. */
export async function indexDocs(sys: TestSystem): Promise<IndexDoc[]> {
  const docs: IndexDoc[] = [];
  for (let offset = 0; ; offset += 1000) {
    const { status, body } = await meili<{ results: IndexDoc[]; total: number }>(sys, 'GET', `/indexes/${indexUid(sys)}/documents?limit=1000&offset=${offset}`);
    if (status !== 200) throw new Error(`reading documents of ${indexUid(sys)} answered ${status}: ${JSON.stringify(body)}`);
    docs.push(...body.results);
    if (body.results.length < 1000) return docs;
  }
}

/** What the index holds, in the shape of ExpectedDoc, sorted by id. */
export async function indexedListings(sys: TestSystem): Promise<ExpectedDoc[]> {
  return (await indexDocs(sys))
    .map((d) => ({
      id: d.id,
      version: d.version as number,
      titleId: d.titleId as string,
      titleEn: (d.titleEn ?? null) as string | null,
      priceMin: d.priceMin as number,
      priceMax: d.priceMax as number,
      stockTotal: d.stockTotal as number,
      inStock: d.inStock as boolean,
      popularity: d.popularity as number,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Polls until the index holds exactly the public listings of Postgres, value for value. */
export async function expectIndexEqualsDb(sys: TestSystem, timeoutMs = 15_000): Promise<ExpectedDoc[]> {
  return eventually(
    async () => {
      const [expected, actual] = await Promise.all([publicListings(sys), indexedListings(sys)]);
      expect(actual).toEqual(expected);
      return expected;
    },
    { timeoutMs, intervalMs: 200 },
  );
}

// ---------------------------------------------------------------------------------------------
// Curator runs

export interface Run {
  id: string;
  kind: 'reindex' | 'reconcile';
  trigger: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number };
  result: Record<string, unknown> | null;
  error: unknown;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Polls a run until it has finished; returns it (succeeded or failed: the test says which it wants). */
export async function finishedRun(sys: TestSystem, curator: Session, id: string, timeoutMs = 30_000): Promise<Run> {
  return eventually(
    async () => {
      const res = await request(sys.http).get(`/api/v1/curation/search/runs/${id}`).set(bearer(curator)).expect(200);
      expect(['succeeded', 'failed']).toContain(res.body.status);
      return res.body as Run;
    },
    { timeoutMs, intervalMs: 100 },
  );
}
