// The curator console's view of the gateway: the shapes it reads (mirroring libs/contracts, which
// the web build does not import), a loading hook, errors in words and authenticated CSV downloads.
import { API_BASE, ApiError, getSession, Query, queryString } from '../api';
import type { ChannelAccountView } from '../channels/channel-api';
import { t } from '../i18n';

export interface Bilingual { id: string; en: string | null }
export interface Renditions { thumbnail: string; card: string; full: string }
export interface Paged<T> { items: T[]; total: number }

export type ArtisanStatus = 'pending' | 'verified' | 'rejected' | 'suspended';
export interface ArtisanView {
  id: string;
  shopName: string;
  shopSlug: string;
  story: string;
  regencyName: string;
  craftTypes: string[];
  nib: string | null;
  bankAccount: { bankName: string; accountName: string; accountNumber: string };
  status: ArtisanStatus;
  statusReason: string | null;
  createdAt: string;
}

export interface QueuedListing { id: string; title: string; shopName: string; shopSlug: string; category: string; submittedAt: string }

export interface ListingDetail {
  id: string;
  status: string;
  rejectionReason: string | null;
  title: Bilingual;
  description: Bilingual;
  artisan: { shopName: string; shopSlug: string };
  category: { slug: string; names: string[] };
  materials: string[];
  techniques: string[];
  regency: string;
  variants: Array<{ id: string; sku: string; options: Record<string, string>; price: string; regularPrice: string; stock: number }>;
  photos: Array<{ id: string; alt: string; urls: Renditions }>;
}

export interface CollectionItem { listingId: string; title: string; status: string; visible: boolean }
export interface CollectionView {
  id: string;
  slug: string;
  title: Bilingual;
  description: Bilingual;
  position: number;
  published: boolean;
  items: CollectionItem[];
  updatedAt: string;
}

export type CampaignState = 'scheduled' | 'live' | 'ended' | 'cancelled';
export interface CampaignTime { at: string; wita: string }
export interface CampaignSummary {
  id: string;
  slug: string;
  kind: 'campaign' | 'exhibition';
  title: Bilingual;
  state: CampaignState;
  startsAt: CampaignTime;
  endsAt: CampaignTime;
  discountPercent: number | null;
  memberCounts: { artisans: number; listings: number };
}
export interface CampaignView extends Omit<CampaignSummary, 'memberCounts'> {
  description: Bilingual;
  members: { artisanIds: string[]; listingIds: string[] };
  prices: Array<{ variantId: string; listingId: string; price: string; regularPrice: string }>;
}

export interface MarkType { code: string; name: { id: string; en: string }; issuer: string; kind: string }
export interface MarkView {
  id: string;
  code: string;
  name: { id: string; en: string };
  scope: 'artisan' | 'listing';
  artisan: { id: string; shopName: string };
  listing: { id: string; title: string } | null;
  evidence: string;
  state: 'live' | 'expired' | 'revoked';
  grantedAt: string;
  expiresAt: string | null;
  revokeReason: string | null;
}

export interface SalesFigures { orders: number; units: number; gmv: string; shipping: string; refunds: string; net: string }
export interface SalesReport { groupBy: string; from: string; to: string; rows: Array<SalesFigures & { key: string; label: string }>; truncated: boolean; totals: SalesFigures }
export interface StatusCounts { pending: number; verified: number; rejected: number; suspended: number; total: number }
export interface ArtisansReport { byStatus: StatusCounts; byRegency: Array<StatusCounts & { regency: string; label: string }>; pending: { count: number; oldestDays: number | null } }
export interface ChannelHealth {
  accountId: string;
  channelName: string;
  name: string;
  status: string;
  lastSuccessAt: string | null;
  listings: Record<string, number>;
  topReasons: Array<{ status: string; reason: string; count: number }>;
  last7Days: { runs: number; failedRuns: number; runsWithFailedListings: number };
}
export interface ChannelHealthReport { accounts: ChannelHealth[] }

export interface RunCounts { considered: number; created: number; updated: number; deactivated: number; unchanged: number; refused: number; failed: number; stockUpdated: number }
export interface ChannelRun {
  id: string;
  accountId: string;
  channel: string;
  kind: 'scheduled' | 'manual' | 'dry_run' | 'stock';
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  counts: RunCounts;
  requests: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}
export interface ChannelRunDetail extends ChannelRun {
  items: Array<{ listingId: string; action: string; outcome: string; reason: string | null; payload: unknown }>;
}
/** An account as the console lists it: the shared view, with the last run in full. */
export interface ChannelAccount extends Omit<ChannelAccountView, 'lastRun'> { lastRun: ChannelRun | null }

export interface PayoutSummary { id: string; status: 'created' | 'paid'; total: string; artisans: number; createdAt: string; paidAt: string | null; bankReference: string | null }
export interface Payment { id: string; orderId: string; method: 'card' | 'bank_transfer'; status: string; amount: string; expiresAt: string; createdAt: string }

export interface AuditEntry {
  id: string;
  curatorEmail: string | null;
  curatorId: string;
  action: string;
  targets: Record<string, string>;
  outcome: 'pending' | 'succeeded' | 'failed';
  status: number | null;
  errorCode: string | null;
  startedAt: string;
}

// ---------------------------------------------------------------------------------------------

// The shared loading hook, under the name this section's pages use.
export { useApi as useLoad, type Loaded } from '../use-api';

/** The gateway's validation details as { reason: 'say why…' }. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const out: Record<string, string> = {};
  for (const p of error.details as Array<{ field?: unknown; messages?: unknown }>) {
    if (p && typeof p.field === 'string' && Array.isArray(p.messages)) out[p.field] = p.messages.join('; ');
  }
  return out;
}

/** One sentence a curator can act on. */
export function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.status === 403) return t('curator.error.forbidden');
  if (error.code === 'session_revoked') return t('curator.error.sessionRevoked');
  if (error.code === 'rpc_unauthenticated') return t('curator.error.rpcRefused');
  if (error.code === 'channel_account_missing') return t('curator.error.channelAccountMissing');
  if (error.code === 'channel_unconfigured') return t('curator.error.channelUnconfigured');
  if (error.status >= 500) return t('curator.error.server', { message: error.message });
  const fields = Object.entries(fieldErrors(error)).map(([f, m]) => `${f}: ${m}`).join('; ');
  return fields ? t('curator.error.fields', { fields }) : error.message;
}

/**
 * A CSV download needs the bearer token, which a plain link cannot send: fetch it, then hand the
 * browser a blob URL under the server's file name.
 */
export async function downloadCsv(path: string, query: Query = {}, fallbackName = 'laporan.csv'): Promise<void> {
  const token = getSession()?.accessToken;
  const res = await fetch(`${API_BASE}${path}${queryString(query)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    let body: { error?: { code?: string; message?: string } } = {};
    try {
      body = await res.json();
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, body.error?.code ?? `HTTP_${res.status}`, body.error?.message ?? res.statusText);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
