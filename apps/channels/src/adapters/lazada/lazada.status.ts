import { ChannelProductState, type ChannelProductStatus } from '../channel-adapter';

/** The fields of /product/item/get and /products/get the adapter reads (raw/lazada/apis/product-api/getproductitem.json). */
export interface LazadaItemData {
  item_id: string | number;
  primary_category?: string | number;
  attributes?: { name?: string } & Record<string, unknown>;
  skus: Array<{ SellerSku: string; SkuId: string | number; Status?: string }>;
  // getproductitem.json: one of Active, InActive, Pending QC, Suspended, Deleted
  status?: string;
  // getproductitem.json: "product reject status", a list of Lock, Reject, Live_Reject, Admin
  subStatus?: string;
  rejectReason?: Array<{ suggestion?: string; violationDetail?: string }>;
}

const REJECTED = new Set(['reject', 'live_reject', 'live reject']);

/** Lazada's status words as ours; a rejection carries Lazada's reasons (violationDetail, then suggestion). */
export function lazadaProductStatus(item: LazadaItemData): ChannelProductStatus {
  const status = (item.status ?? '').trim();
  const sub = (item.subStatus ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const reasons = (item.rejectReason ?? []).map((r) => [r.violationDetail, r.suggestion].filter(Boolean).join(': ')).filter(Boolean);
  if (sub.some((s) => REJECTED.has(s)) || status.toLowerCase() === 'suspended') {
    return { state: ChannelProductState.rejected, reasons: reasons.length ? reasons : ['no reason given'], channelStatus: [status, ...sub].filter(Boolean).join(', ') };
  }
  const state = {
    'pending qc': ChannelProductState.inReview,
    active: ChannelProductState.live,
    inactive: ChannelProductState.inactive,
    deleted: ChannelProductState.deleted,
  }[status.toLowerCase()];
  return { state: state ?? ChannelProductState.inReview, reasons: [], channelStatus: status || 'unknown' };
}
