import { ArtisanStatus, Caller, REGENCIES, Regency, Roles } from '@pk/contracts';
import { hasAnyRole } from '@pk/core';
import { Artisan, StoredPhoto } from './artisan.entity';

export type PhotoUrls = Record<'thumbnail' | 'card' | 'full', string>;
export type MediaUrl = (key: string) => string;

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
  photo: PhotoUrls | null;
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
  photo: PhotoUrls | null;
  verifiedSince: string | null;
}

export const maskAccountNumber = (n: string): string => `•••• ${n.slice(-4)}`;

/** The owner and curators (admins included) see the payout account in full. */
export const seesBankDetails = (viewer: Caller, artisan: Artisan): boolean =>
  viewer.userId === artisan.userId || hasAnyRole(viewer, [Roles.curator]);

export const photoUrls = (photo: StoredPhoto | null, url: MediaUrl): PhotoUrls | null =>
  photo ? { thumbnail: url(photo.keys.thumbnail), card: url(photo.keys.card), full: url(photo.keys.full) } : null;

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function artisanView(a: Artisan, viewer: Caller, url: MediaUrl): ArtisanView {
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
    photo: photoUrls(a.photo, url),
    status: a.status,
    statusReason: a.statusReason,
    verifiedAt: iso(a.verifiedAt),
    decidedAt: iso(a.decidedAt),
    createdAt: iso(a.createdAt)!,
    updatedAt: iso(a.updatedAt)!,
  };
}

export function shopProfile(a: Artisan, crafts: ShopProfile['craftTypes'], url: MediaUrl): ShopProfile {
  return {
    id: a.id,
    name: a.shopName,
    slug: a.shopSlug,
    story: a.story,
    regency: a.regency,
    regencyName: REGENCIES[a.regency],
    craftTypes: crafts,
    photo: photoUrls(a.photo, url),
    verifiedSince: iso(a.verifiedAt),
  };
}
