// The seller centre's view of the gateway: the shapes it reads, a loading hook, uploads with
// progress (fetch cannot report upload progress, XMLHttpRequest can) and API errors in words.
import { API_BASE, ApiError, getSession } from '../api';
import { t } from '../i18n';

// The shapes, from libs/contracts (type-only), under the names the seller centre's pages use.
export type {
  ArtisanShipmentView as Shipment,
  ArtisanView as ArtisanProfile,
  ChannelListingStatus as ChannelStatus,
  ImportPreviewReport as ImportPreview,
  ImportProblem,
  ImportView,
  ListingCard,
  ListingStatus,
  ListingView as Listing,
  OrderLineView as ShipmentLine,
  PhotoRenditions as PhotoUrls,
  Regency,
  ShipmentStatus,
  ShopChannelListing as ChannelListing,
  Statement,
  StatementEntry,
} from '@pk/contracts';
import type { ListingView, StatementEntry } from '@pk/contracts';
export type Variant = ListingView['variants'][number];
export type ListingPhoto = ListingView['photos'][number];
export type EntryKind = StatementEntry['kind'];
export type { CategoryNode } from '../categories';

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
