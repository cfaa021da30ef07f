import { z, ZodError, ZodTypeAny } from 'zod';
import { CampaignPatterns } from '../campaigns';
import { CatalogPatterns } from '../catalog';
import { ChannelsPatterns } from '../channels';
import { CurationPatterns } from '../curation';
import { HomePatterns } from '../home';
import { failedJobsPattern, retryJobPattern } from '../jobs';
import { OrdersPatterns } from '../orders';
import { PaymentsPatterns } from '../payments';
import { ReportsPatterns } from '../reports';
import { SearchPatterns } from '../search';
import { SERVICE_NAMES } from '../services';
import * as artisans from './artisans';
import * as campaigns from './campaigns';
import * as channels from './channels';
import * as collections from './collections';
import * as jobs from './jobs';
import { byId } from './common';
import * as listings from './listings';
import * as marks from './marks';
import * as orders from './orders';
import * as payments from './payments';
import * as photos from './photos';
import * as search from './search';
import * as stock from './stock';

/** A pattern that takes nothing: the gateway sends `{}`. */
const noInput = z.object({}).strict();

/**
 * The request schema of each RPC pattern, keyed by the pattern's name: the app parses with it, the
 * gateway validates with it and documents the route's request body from it. A pattern absent
 * here takes no input (or only what the gateway sets itself).
 */
export const RequestSchemas: Record<string, ZodTypeAny> = {
  // catalog: artisans and shops
  [CatalogPatterns.artisanApply]: artisans.applicationInput,
  [CatalogPatterns.artisanUpdateMine]: artisans.profilePatch,
  [CatalogPatterns.artisanGet]: artisans.byIdInput,
  [CatalogPatterns.artisanQueue]: artisans.queueInput,
  [CatalogPatterns.artisanDecide]: artisans.decisionInput,
  [CatalogPatterns.shopPage]: artisans.shopPageInput,
  [CatalogPatterns.artisanPhotoSet]: photos.uploadInput,
  // catalog: listings, variants, photos, stock
  [CatalogPatterns.listingCreate]: listings.listingInput,
  [CatalogPatterns.listingUpdate]: listings.listingUpdateInput,
  [CatalogPatterns.listingGet]: byId,
  [CatalogPatterns.listingPublic]: byId,
  [CatalogPatterns.listingMine]: listings.listingMineQuery,
  [CatalogPatterns.listingSubmit]: byId,
  [CatalogPatterns.listingArchive]: byId,
  [CatalogPatterns.listingRestore]: byId,
  [CatalogPatterns.listingQueue]: listings.listingQueueQuery,
  [CatalogPatterns.listingDecide]: listings.listingDecisionInput,
  [CatalogPatterns.variantAdd]: listings.variantAddInput,
  [CatalogPatterns.variantUpdate]: listings.variantUpdateInput,
  [CatalogPatterns.variantRemove]: listings.variantRemoveInput,
  [CatalogPatterns.variantSetStock]: listings.variantStockInput,
  [CatalogPatterns.variantsLookup]: listings.variantsLookupInput,
  [CatalogPatterns.listingSnapshots]: listings.listingStatesInput,
  [CatalogPatterns.listingIndexDigest]: listings.listingDigestInput,
  [CatalogPatterns.photoAdd]: photos.addPhotoInput.merge(photos.uploadInput),
  [CatalogPatterns.photoUpdate]: photos.updatePhotoInput,
  [CatalogPatterns.photoReorder]: photos.reorderPhotosInput,
  [CatalogPatterns.photoRemove]: photos.removePhotoInput,
  [CatalogPatterns.stockHistory]: stock.stockHistoryQuery,
  [CatalogPatterns.reservationCreate]: stock.reservationInput,
  [CatalogPatterns.reservationGet]: stock.reservationRef,
  [CatalogPatterns.reservationCommit]: stock.reservationRef,
  [CatalogPatterns.reservationRelease]: stock.reservationRef,
  [CatalogPatterns.reservationReturn]: stock.returnInput,
  [CatalogPatterns.importGet]: byId,
  [CatalogPatterns.importPreview]: listings.importUploadInput,
  [CatalogPatterns.importStart]: listings.importUploadInput,
  [CatalogPatterns.settingsUpdate]: listings.settingsUpdateInput,
  [CatalogPatterns.auditList]: listings.auditListQuery,
  // catalog: campaigns
  [CampaignPatterns.create]: campaigns.createCampaignInput,
  [CampaignPatterns.update]: campaigns.updateCampaignInput,
  [CampaignPatterns.get]: campaigns.byId,
  [CampaignPatterns.cancel]: campaigns.byId,
  [CampaignPatterns.list]: campaigns.listCampaignsInput,
  [CampaignPatterns.publicList]: campaigns.publicListInput,
  [CampaignPatterns.publicGet]: campaigns.publicGetInput,
  [CampaignPatterns.addMembers]: campaigns.addMembersInput,
  [CampaignPatterns.removeMember]: campaigns.removeMemberInput,
  [CampaignPatterns.setPrices]: campaigns.setPricesInput,
  [CampaignPatterns.setBanner]: campaigns.bannerInput,
  // catalog: collections and marks
  [CurationPatterns.collectionCreate]: collections.createInput,
  [CurationPatterns.collectionUpdate]: collections.updateInput,
  [CurationPatterns.collectionGet]: collections.byIdInput,
  [CurationPatterns.collectionRemove]: collections.byIdInput,
  [CurationPatterns.collectionSetItems]: collections.setItemsInput,
  [CurationPatterns.collectionOrder]: collections.orderInput,
  [CurationPatterns.collectionSetCover]: collections.byIdInput.extend(photos.uploadInput.shape),
  [CurationPatterns.publicCollection]: collections.bySlugInput,
  [CurationPatterns.markGrant]: marks.grantInput,
  [CurationPatterns.markRevoke]: marks.revokeInput,
  [CurationPatterns.markList]: marks.listInput,
  [CurationPatterns.markTypes]: noInput,
  [CurationPatterns.collectionList]: noInput,
  [CurationPatterns.publicCollections]: noInput,
  [CatalogPatterns.artisanMine]: noInput,
  [CatalogPatterns.artisanStanding]: noInput,
  [CatalogPatterns.categoryTree]: noInput,
  [CatalogPatterns.exportShop]: noInput,
  [CatalogPatterns.settingsGet]: noInput,
  [HomePatterns.get]: noInput,
  [ReportsPatterns.artisans]: noInput,
  [ReportsPatterns.channels]: noInput,
  [ReportsPatterns.sales]: orders.salesInput,
  // orders
  [OrdersPatterns.cartGet]: orders.cartGetInput,
  [OrdersPatterns.cartCreateAnonymous]: noInput,
  [OrdersPatterns.cartAddLine]: orders.cartAddInput,
  [OrdersPatterns.cartSetLine]: orders.cartSetInput,
  [OrdersPatterns.cartRemoveLine]: orders.cartRemoveInput,
  [OrdersPatterns.cartMerge]: orders.cartMergeInput,
  [OrdersPatterns.addressList]: noInput,
  [OrdersPatterns.addressCreate]: orders.createAddressInput,
  [OrdersPatterns.addressUpdate]: orders.updateAddressInput,
  [OrdersPatterns.addressDelete]: orders.addressRef,
  [OrdersPatterns.shippingQuote]: orders.shippingQuoteInput,
  [OrdersPatterns.shippingProvinces]: noInput,
  [OrdersPatterns.checkout]: orders.checkoutInput,
  [OrdersPatterns.orderList]: orders.orderListInput,
  [OrdersPatterns.orderGet]: orders.orderRef,
  [OrdersPatterns.orderCancel]: orders.orderCancelInput,
  [OrdersPatterns.curationOrders]: orders.curationOrdersInput,
  [OrdersPatterns.curationOrderGet]: orders.orderRef,
  [OrdersPatterns.curationOrderCancel]: orders.curationOrderCancelInput,
  [OrdersPatterns.shipmentConfirmReceipt]: orders.shipmentRef,
  [OrdersPatterns.shipmentInbox]: orders.shipmentInboxInput,
  [OrdersPatterns.shipmentAccept]: orders.shipmentRef,
  [OrdersPatterns.shipmentShip]: orders.shipmentShipInput,
  [OrdersPatterns.shipmentDeliver]: orders.shipmentRef,
  [OrdersPatterns.complaintOpen]: orders.complaintOpenInput,
  [OrdersPatterns.complaintResolve]: orders.complaintResolveInput,
  [OrdersPatterns.reviewCreate]: orders.reviewCreateInput,
  [OrdersPatterns.reviewReply]: orders.reviewReplyInput,
  [OrdersPatterns.reviewsOfListing]: orders.reviewsOfListingInput,
  [OrdersPatterns.notificationList]: orders.notificationListInput,
  [OrdersPatterns.notificationRead]: orders.notificationReadInput,
  // payments
  [PaymentsPatterns.create]: payments.paymentCreateInput,
  [PaymentsPatterns.cancel]: payments.paymentCancelInput,
  [PaymentsPatterns.refund]: payments.refundInput,
  [PaymentsPatterns.get]: payments.paymentRef,
  [PaymentsPatterns.curationGet]: payments.paymentRef,
  [PaymentsPatterns.list]: payments.paymentListInput,
  [PaymentsPatterns.confirmTransfer]: payments.confirmTransferInput,
  [PaymentsPatterns.stripeWebhook]: payments.webhookIntakeInput,
  [PaymentsPatterns.bankCallback]: payments.webhookIntakeInput,
  [PaymentsPatterns.statement]: payments.statementInput,
  [PaymentsPatterns.commissionGet]: noInput,
  [PaymentsPatterns.commissionPut]: payments.commissionPutInput,
  [PaymentsPatterns.payoutCreate]: noInput,
  [PaymentsPatterns.payoutList]: payments.payoutListInput,
  [PaymentsPatterns.payoutGet]: payments.payoutRef,
  [PaymentsPatterns.payoutCsv]: payments.payoutRef,
  [PaymentsPatterns.payoutMarkPaid]: payments.payoutMarkPaidInput,
  [PaymentsPatterns.ledgerTotals]: noInput,
  // channels
  [ChannelsPatterns.accountCreate]: channels.accountCreateInput,
  [ChannelsPatterns.accountList]: noInput,
  [ChannelsPatterns.accountUpdate]: channels.accountUpdateInput,
  [ChannelsPatterns.accountSync]: channels.accountSyncInput,
  [ChannelsPatterns.mappingPut]: channels.mappingPutInput,
  [ChannelsPatterns.mappingList]: channels.mappingListInput,
  [ChannelsPatterns.runList]: channels.runListInput,
  [ChannelsPatterns.runGet]: channels.runRef,
  [ChannelsPatterns.shopListings]: noInput,
  [ChannelsPatterns.shopSync]: channels.shopSyncInput,
  [ChannelsPatterns.shopRun]: channels.runRef,
  [ChannelsPatterns.connectStart]: channels.connectStartInput,
  [ChannelsPatterns.connectCallback]: channels.connectCallbackInput,
  [ChannelsPatterns.shopAccounts]: noInput,
  [ChannelsPatterns.shopDisconnect]: channels.accountRef,
  [ChannelsPatterns.channelCategories]: channels.channelCategoriesInput,
  [ChannelsPatterns.channelAttributes]: channels.channelAttributesInput,
  [ChannelsPatterns.listingAttributesGet]: channels.listingAttributesRef,
  [ChannelsPatterns.listingAttributesPut]: channels.listingAttributesPutInput,
  // search
  [SearchPatterns.listings]: search.searchListingsQuery,
  [SearchPatterns.suggest]: search.suggestInput,
  [SearchPatterns.reindex]: search.maintenanceStartInput,
  [SearchPatterns.reconcile]: search.maintenanceStartInput,
  [SearchPatterns.runs]: search.searchRunsQuery,
  [SearchPatterns.run]: search.searchRunRef,
  [SearchPatterns.status]: noInput,
  // every app's failed jobs
  ...Object.fromEntries(SERVICE_NAMES.flatMap((s) => [[failedJobsPattern(s), jobs.failedJobsInput], [retryJobPattern(s), jobs.retryJobInput]])),
};

export interface RequestProblem {
  field: string;
  messages: string[];
}

/**
 * Patterns whose app names bad fields its own way (not one entry per dotted path): the gateway
 * names them the same way.
 */
export const RequestProblems: Record<string, (error: ZodError, data: unknown) => RequestProblem[] | null> = {
  [SearchPatterns.listings]: (error) => search.searchProblems(error),
  // The app reads the branch the request is (a cart quote or an estimate), not the union.
  [OrdersPatterns.shippingQuote]: (_error, data) => {
    const parsed = orders.shippingQuoteBranch(data).safeParse(data);
    return parsed.success ? null : byField(parsed.error);
  },
};

function byField(error: ZodError): RequestProblem[] {
  const fields = new Map<string, string[]>();
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '(body)';
    fields.set(field, [...(fields.get(field) ?? []), issue.message]);
  }
  return [...fields].map(([field, messages]) => ({ field, messages }));
}

/**
 * Patterns whose HTTP body travels in one field of the request (`{ id, patch }`): the gateway
 * documents that field as the body. `namedFromBody`: the app reads that field on its own, so a
 * bad field is named from the body (`title.id`), and the gateway names it so too.
 */
export const RequestBodyAt: Record<string, { field: string; namedFromBody: boolean }> = {
  [CatalogPatterns.listingUpdate]: { field: 'patch', namedFromBody: true },
  [CatalogPatterns.variantAdd]: { field: 'variant', namedFromBody: false },
  [CatalogPatterns.variantUpdate]: { field: 'patch', namedFromBody: false },
  [CampaignPatterns.update]: { field: 'patch', namedFromBody: false },
};
