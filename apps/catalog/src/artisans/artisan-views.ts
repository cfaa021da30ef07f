import { ArtisanView, Caller, PhotoRenditions, REGENCIES, Roles, ShopProfile } from '@pk/contracts';
import { hasAnyRole } from '@pk/core';
import { Artisan } from './artisan.entity';

/** Turns a stored photo's rendition keys into public URLs (ListingSnapshots.photoUrls). */
export type PhotoUrls = (keys: PhotoRenditions) => PhotoRenditions;

// The views are the reply schemas' types (libs/contracts/src/replies/catalog.ts).
export type { ArtisanView, ShopProfile } from '@pk/contracts';

export const maskAccountNumber = (n: string): string => `•••• ${n.slice(-4)}`;

/** The owner and curators (admins included) see the payout account in full. */
export const seesBankDetails = (viewer: Caller, artisan: Artisan): boolean =>
  viewer.userId === artisan.userId || hasAnyRole(viewer, [Roles.curator]);


const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function artisanView(a: Artisan, viewer: Caller, urls: PhotoUrls): ArtisanView {
  return {
    id: a.id,
    userId: a.userId,
    shopName: a.shopName,
    shopSlug: a.shopSlug,
    story: a.story,
    regency: a.regency,
    regencyName: REGENCIES[a.regency],
    craftTypes: a.craftTypes,
    nib: a.nib,
    bankAccount: {
      bankName: a.bankName,
      accountName: a.bankAccountName,
      accountNumber: seesBankDetails(viewer, a) ? a.bankAccountNumber : maskAccountNumber(a.bankAccountNumber),
    },
    photo: a.photo ? urls(a.photo.keys) : null,
    status: a.status,
    statusReason: a.statusReason,
    verifiedAt: iso(a.verifiedAt),
    decidedAt: iso(a.decidedAt),
    createdAt: iso(a.createdAt)!,
    updatedAt: iso(a.updatedAt)!,
  };
}

export function shopProfile(a: Artisan, crafts: ShopProfile['craftTypes'], urls: PhotoUrls): ShopProfile {
  return {
    id: a.id,
    name: a.shopName,
    slug: a.shopSlug,
    story: a.story,
    regency: a.regency,
    regencyName: REGENCIES[a.regency],
    craftTypes: crafts,
    photo: a.photo ? urls(a.photo.keys) : null,
    verifiedSince: iso(a.verifiedAt),
  };
}
