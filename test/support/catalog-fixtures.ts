import { newId } from '@pk/core';
import { TestSystem } from './apps';
import { withClient } from './db';

// Catalog rows written straight into a suite's database, for suites whose subject is not the
// artisan and listing API itself (reservations, photos, imports). The catalog suite builds the
// same things through the gateway.

export interface FixtureVariant {
  id: string;
  sku: string;
  price: bigint;
  stock: number;
}

export interface FixtureListing {
  id: string;
  artisanId: string;
  variants: FixtureVariant[];
}

/** An artisan (verified unless told otherwise) owned by `userId`; returns the artisan id. */
export async function insertArtisan(
  sys: TestSystem,
  userId: string,
  opts: { status?: string; shopSlug?: string; regency?: string } = {},
): Promise<string> {
  const id = newId();
  const slug = opts.shopSlug ?? `toko-${id.slice(-8)}`;
  await withClient(sys, (c) =>
    c.query(
      `INSERT INTO catalog.artisans (id, user_id, shop_name, shop_slug, story, regency, craft_types,
         bank_name, bank_account_name, bank_account_number, status, verified_at)
       VALUES ($1, $2, $3, $4, 'Penenun endek dari Sidemen.', $5, '{endek}', 'BPD Bali', 'Ni Made Test', '0123456789', $6,
               CASE WHEN $6 = 'verified' THEN now() END)`,
      [id, userId, `Toko ${slug}`, slug, opts.regency ?? 'karangasem', opts.status ?? 'verified'],
    ),
  );
  return id;
}

/** A listing (published unless told otherwise) with the given variants, in category `endek`. */
export async function insertListing(
  sys: TestSystem,
  artisanId: string,
  opts: { status?: string; variants?: Array<{ sku?: string; price?: bigint; stock?: number }> } = {},
): Promise<FixtureListing> {
  const id = newId();
  const variants: FixtureVariant[] = (opts.variants ?? [{}]).map((v, i) => ({
    id: newId(),
    sku: v.sku ?? `SKU-${id.slice(-6)}-${i}`,
    price: v.price ?? 350_000n,
    stock: v.stock ?? 10,
  }));
  await withClient(sys, async (c) => {
    await c.query(
      `INSERT INTO catalog.listings (id, artisan_id, status, title_id, description_id, category_id, regency,
         length_cm, width_cm, height_cm, weight_grams, published_at)
       SELECT $1, $2, $3, 'Kain endek Sidemen motif cepuk', 'Kain endek tenun tangan dari Sidemen.', id, 'karangasem',
              200, 110, 1, 450, CASE WHEN $3 = 'published' THEN now() END
       FROM catalog.categories WHERE slug = 'endek'`,
      [id, artisanId, opts.status ?? 'published'],
    );
    for (const [i, v] of variants.entries()) {
      await c.query(
        `INSERT INTO catalog.variants (id, listing_id, artisan_id, sku, options, price, stock, position)
         VALUES ($1, $2, $3, $4, '{}', $5, $6, $7)`,
        [v.id, id, artisanId, v.sku, v.price.toString(), v.stock, i],
      );
    }
  });
  return { id, artisanId, variants };
}
