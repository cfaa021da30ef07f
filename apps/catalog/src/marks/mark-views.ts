import { EntityManager } from 'typeorm';
import { MarkKind, MarkState, MarkTypeView, MarkView } from '@pk/contracts';

// A grant with its type's names, its shop (a listing's grant: the listing's shop) and its state now.
export const MARK_SELECT = `
  SELECT pm.id, pm.code, pm.artisan_id, pm.listing_id, pm.evidence, pm.granted_by, pm.granted_at, pm.expires_at,
         pm.revoked_at, pm.revoked_by, pm.revoke_reason, t.name_id, t.name_en,
         a.id AS shop_id, a.shop_name, a.shop_slug, l.title_id AS listing_title,
         CASE WHEN pm.revoked_at IS NOT NULL THEN 'revoked'
              WHEN pm.expires_at IS NOT NULL AND pm.expires_at <= now() THEN 'expired'
              ELSE 'live' END AS state
  FROM catalog.provenance_marks pm
  JOIN catalog.mark_types t ON t.code = pm.code
  LEFT JOIN catalog.listings l ON l.id = pm.listing_id
  JOIN catalog.artisans a ON a.id = COALESCE(pm.artisan_id, l.artisan_id)`;

export interface MarkRow {
  id: string;
  code: string;
  artisan_id: string | null;
  listing_id: string | null;
  evidence: string;
  granted_by: string;
  granted_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  name_id: string;
  name_en: string;
  shop_id: string;
  shop_name: string;
  shop_slug: string;
  listing_title: string | null;
  state: MarkState;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function markView(r: MarkRow): MarkView {
  return {
    id: r.id,
    code: r.code,
    name: { id: r.name_id, en: r.name_en },
    scope: r.listing_id ? 'listing' : 'artisan',
    artisan: { id: r.shop_id, shopName: r.shop_name, shopSlug: r.shop_slug },
    listing: r.listing_id ? { id: r.listing_id, title: r.listing_title ?? '' } : null,
    evidence: r.evidence,
    state: r.state,
    grantedBy: r.granted_by,
    grantedAt: new Date(r.granted_at).toISOString(),
    expiresAt: iso(r.expires_at),
    revokedAt: iso(r.revoked_at),
    revokedBy: r.revoked_by,
    revokeReason: r.revoke_reason,
  };
}

export async function markTypes(tx: EntityManager): Promise<MarkTypeView[]> {
  const rows: Array<{ code: string; name_id: string; name_en: string; issuer: string; kind: MarkKind }> = await tx.query(
    `SELECT code, name_id, name_en, issuer, kind FROM catalog.mark_types ORDER BY kind, code`,
  );
  return rows.map((r) => ({ code: r.code, name: { id: r.name_id, en: r.name_en }, issuer: r.issuer, kind: r.kind }));
}

/** The public listings a mark shows on: the listing, or every public listing of the shop. */
export async function publicListingsOf(tx: EntityManager, target: { artisanId: string | null; listingId: string | null }): Promise<string[]> {
  const rows: Array<{ id: string }> = await tx.query(
    `SELECT l.id FROM catalog.listings l JOIN catalog.artisans a ON a.id = l.artisan_id
     WHERE l.status = 'published' AND a.status = 'verified' AND (l.id = $1 OR l.artisan_id = $2)
     ORDER BY l.id`,
    [target.listingId, target.artisanId],
  );
  return rows.map((r) => r.id);
}
