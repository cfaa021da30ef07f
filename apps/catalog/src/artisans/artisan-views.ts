import { ArtisanStatus, Caller, PhotoRenditions, REGENCIES, Regency, Roles } from '@pk/contracts';
import { hasAnyRole } from '@pk/core';
import { Artisan } from './artisan.entity';

/** Turns a stored photo's rendition keys into public URLs (ListingSnapshots.photoUrls). */
export type PhotoUrls = (keys: PhotoRenditions) => PhotoRenditions;

/** An artisan's profile as the owner, a curator or another signed-in reader sees it. */
export interface ArtisanView {
  id: string;
  userId: string;
  shopName: string;
  shopSlug: string;
  story: string;
  regency: Regency;
  regencyName: string;
  craftTypes: string[];
  nib: string | null;
  /** The number is masked ("•••• 6789") for anyone but the owner and curators. */
  bankAccount: { bankName: string; accountName: string; accountNumber: string };
  photo: PhotoRenditions | null;
  status: ArtisanStatus;
  statusReason: string | null;
  verifiedAt: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What anyone sees of a verified shop: never bank details. */
export interface ShopProfile {
  id: string;
  name: string;
  slug: string;
  story: string;
  regency: Regency;
  regencyName: string;
  craftTypes: Array<{ slug: string; name: string; nameEn: string }>;
  photo: PhotoRenditions | null;
  verifiedSince: string | null;
}

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
