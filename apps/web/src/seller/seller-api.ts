// The seller centre's view of the gateway: the shapes it reads, a loading hook, uploads with
// progress (fetch cannot report upload progress, XMLHttpRequest can) and API errors in words.
import { API_BASE, ApiError, getSession } from '../api';
import type { Channel, ChannelProblem } from '../channels/channel-api';
import { t } from '../i18n';

export type ListingStatus = 'draft' | 'submitted' | 'published' | 'archived';
export type ShipmentStatus = 'paid' | 'accepted' | 'shipped' | 'delivered' | 'completed' | 'cancelled';
export type Regency = string;

export interface Bilingual { id: string; en: string | null }
export interface PhotoUrls { thumbnail: string; card: string; full: string }

export interface ArtisanProfile {
  id: string;
  shopName: string;
  shopSlug: string;
  story: string;
  regency: Regency;
  regencyName: string;
  craftTypes: string[];
  nib: string | null;
  bankAccount: { bankName: string; accountName: string; accountNumber: string };
  photo: PhotoUrls | null;
  status: 'pending' | 'verified' | 'rejected' | 'suspended';
  statusReason: string | null;
}

export interface ListingCard {
  id: string;
  status: ListingStatus;
  title: string;
  category: string;
  minPrice: string;
  maxPrice: string;
  stock: number;
  variants: number;
  thumbnail: string | null;
  rejectionReason: string | null;
  updatedAt: string;
}

export interface Variant { id: string; sku: string; options: Record<string, string>; price: string; regularPrice: string; stock: number }
export interface ListingPhoto { id: string; alt: string; urls: PhotoUrls }

export interface Listing {
  id: string;
  status: ListingStatus;
  rejectionReason: string | null;
  title: Bilingual;
  description: Bilingual;
  category: { slug: string };
  materials: string[];
  techniques: string[];
  regency: Regency;
  dimensionsCm: { length: number; width: number; height: number };
  /** The parcel as shipped; null when the piece's size stands for it. */
  packageCm?: { length: number; width: number; height: number } | null;
  weightGrams: number;
  handmade: boolean;
  leadTimeDays: number | null;
  variants: Variant[];
  photos: ListingPhoto[];
}

export type { CategoryNode } from '../categories';

export interface ImportProblem { line?: number; column?: string; message: string }
export interface ImportPreview { rows: number; listings: { create: number; update: number }; errors: ImportProblem[] }
export interface ImportView {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  rows: number;
  processedRows: number;
  listings: { create: number; update: number };
  createdListingIds: string[];
  updatedListingIds: string[];
  errors: ImportProblem[];
}

export interface ShipmentLine { id: string; sku: string; title: string; options: Record<string, string>; quantity: number; unitPrice: string; total: string }
export interface Shipment {
  id: string;
  orderNumber: string;
  status: ShipmentStatus;
  courier: string;
  service: string;
  shippingFee: string;
  goodsTotal: string;
  trackingNumber: string | null;
  complaintOpen: boolean;
  paidAt: string | null;
  shipBy: string | null;
  cancelReason: string | null;
  address: { recipient: string; phone: string; street: string; district: string; city: string; province: string; postalCode: string } | null;
  lines: ShipmentLine[];
}

export type EntryKind = 'sale' | 'commission' | 'refund' | 'adjustment' | 'payout';
export interface StatementEntry { id: string; kind: EntryKind; amount: string; state: 'pending' | 'available'; memo: string | null; createdAt: string }
export interface Statement { balances: { pending: string; available: string }; items: StatementEntry[]; total: number; limit: number; offset: number }

export type ChannelStatus = 'pending' | 'synced' | 'in_review' | 'rejected' | 'failed' | 'sold_out';
export interface ChannelListing {
  listingId: string;
  title: string;
  channels: Array<{
    channel: Channel;
    status: ChannelStatus;
    /** English; shown only when there are no coded problems to word in the person's language. */
    reason: string | null;
    problems?: ChannelProblem[];
    productId: string | null;
    lastSyncedAt: string | null;
  }>;
}

export interface Page<T> { items: T[]; total: number }

// ---------------------------------------------------------------------------------------------

// The shared loading hook, under the name this section's pages use.
export { useApi as useLoad, type Loaded } from '../use-api';

// ---------------------------------------------------------------------------------------------
// Uploads

export interface UploadOptions {
  method?: 'POST' | 'PUT';
  onProgress?: (fraction: number) => void;
  contentType?: string;
}

/** Sends a FormData or a raw body with upload progress; resolves the JSON answer, rejects with ApiError. */
export function upload<T>(path: string, body: FormData | Blob, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(opts.method ?? 'POST', `${API_BASE}${path}`);
    xhr.setRequestHeader('accept', 'application/json');
    const token = getSession()?.accessToken;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    if (opts.contentType) xhr.setRequestHeader('content-type', opts.contentType);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', t('seller.error.network')));
    xhr.onload = () => {
      let json: unknown = undefined;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        // Not JSON: the status says enough.
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json as T);
      const e = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error ?? {};
      reject(new ApiError(xhr.status, e.code ?? `HTTP_${xhr.status}`, e.message ?? xhr.statusText, e.details ?? null));
    };
    xhr.send(body);
  });
}

// ---------------------------------------------------------------------------------------------
// Errors in words

export interface FieldProblem { field: string; messages: string[] }

/** The gateway's validation details as { 'variants.0.price': 'must be more than 0' }. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const out: Record<string, string> = {};
  for (const p of error.details as FieldProblem[]) {
    if (p && typeof p.field === 'string' && Array.isArray(p.messages)) out[p.field] = p.messages.join('; ');
  }
  return out;
}

/** One sentence a person can act on: what went wrong and, where we know it, what to do. */
export function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const known: Record<string, string> = {
    unauthenticated: 'seller.error.signIn',
    token_expired: 'seller.error.signIn',
    session_revoked: 'seller.error.sessionRevoked',
    rpc_unauthenticated: 'seller.error.rpcRefused',
    forbidden: 'seller.error.forbidden',
    artisan_not_verified: 'seller.error.notVerified',
    sku_taken: 'seller.error.skuTaken',
    slug_taken: 'seller.error.slugTaken',
    already_applied: 'seller.error.alreadyApplied',
    invalid_image: 'seller.error.invalidImage',
    photo_limit_reached: 'seller.error.photoLimit',
    payload_too_large: 'seller.error.tooLarge',
    service_unavailable: 'seller.error.unavailable',
    channel_unconfigured: 'seller.error.channelUnconfigured',
    NETWORK: 'seller.error.network',
  };
  const suspended = error.code === 'artisan_not_verified' && (error.details as { status?: unknown } | null)?.status === 'suspended';
  const key = suspended ? 'seller.error.suspended' : known[error.code];
  const fields = fieldErrors(error);
  const named = Object.entries(fields).map(([f, m]) => `${f}: ${m}`).join('; ');
  if (key) return `${t(key)} (${error.message})`;
  if (named) return t('seller.error.fields', { fields: named });
  if (error.status >= 500) return t('seller.error.server', { message: error.message });
  return error.message;
}
