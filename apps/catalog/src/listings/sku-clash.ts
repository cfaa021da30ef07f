import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@pk/core';
import { violatedUnique } from '@pk/database';

/**
 * SKUs are unique within a shop, case-insensitively. Checked up front so the 409 can name each
 * clashing SKU and its field; the unique index catches the race between two writers.
 */
export async function assertSkusFree(
  tx: EntityManager,
  artisanId: string,
  skus: Array<{ sku: string; field: string }>,
  except: { listingId?: string; variantIds?: string[] } = {},
): Promise<void> {
  if (skus.length === 0) return;
  const taken: Array<{ sku: string; listing_id: string }> = await tx.query(
    `SELECT sku, listing_id FROM catalog.variants
     WHERE artisan_id = $1 AND lower(sku) = ANY($2::text[])
       AND ($3::uuid IS NULL OR listing_id <> $3) AND NOT (id = ANY($4::uuid[]))`,
    [artisanId, skus.map((s) => s.sku.toLowerCase()), except.listingId ?? null, except.variantIds ?? []],
  );
  if (taken.length === 0) return;
  const clashes = skus
    .map((s) => ({ ...s, other: taken.find((t) => t.sku.toLowerCase() === s.sku.toLowerCase()) }))
    .filter((s) => s.other);
  throw new DomainError(
    ErrorCode.skuTaken,
    `Your shop already uses SKU ${clashes.map((c) => c.sku).join(', ')}; each SKU must be unique within the shop.`,
    clashes.map((c) => ({ field: c.field, sku: c.sku, listingId: c.other!.listing_id })),
  );
}

/** The unique index's refusal, when two writers raced past the check, as the same 409. */
export function asSkuClash(error: unknown): unknown {
  if (violatedUnique(error)?.constraint === 'variants_shop_sku_key') {
    return new DomainError(ErrorCode.skuTaken, 'That SKU was just taken in your shop; choose another.');
  }
  return error;
}
