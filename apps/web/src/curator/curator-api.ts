// The curator console's view of the gateway: the shapes it reads (types from libs/contracts), a
// loading hook, errors in words and authenticated CSV downloads.
import { API_BASE, ApiError, getSession, Query, queryString } from '../api';
import { t } from '../i18n';

export interface Bilingual { id: string; en: string | null }
export interface Paged<T> { items: T[]; total: number }

export type {
  ArtisanStatus,
  CuratorActionView as AuditEntry,
  ChannelAccountView as ChannelAccount,
  ChannelRunDetail,
  ArtisanStatusCounts as StatusCounts,
  ArtisanView,
  ArtisansReport,
  CampaignState,
  CampaignSummary,
  CampaignTime,
  CampaignView,
  ChannelAccountHealth as ChannelHealth,
  ChannelHealthReport,
  ChannelRunCounts as RunCounts,
  ChannelRunView as ChannelRun,
  CollectionView,
  ListingQueueItem as QueuedListing,
  ListingView as ListingDetail,
  MarkTypeView as MarkType,
  MarkView,
  PaymentView as Payment,
  PayoutSummary,
  PhotoRenditions as Renditions,
  SalesFigures,
  SalesReport,
} from '@pk/contracts';
import type { CollectionView } from '@pk/contracts';
export type CollectionItem = CollectionView['items'][number];

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
