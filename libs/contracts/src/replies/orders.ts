import { z } from 'zod';
import { OrdersPatterns } from '../orders';
import { bilingual, isoDate, money, options, page, regency, reply, uuid } from './common';
import { paymentMethodSchema, paymentViewSchema } from './payments';

// The orders app's replies: carts, addresses, shipping, checkout, orders as buyers, artisans and
// curators read them, reviews and notifications. Money is rupiah as digits.

export const orderStatusSchema = z.enum(['pending_payment', 'paid', 'completed', 'cancelled']);
export const shipmentStatusSchema = z.enum(['pending_payment', 'paid', 'accepted', 'shipped', 'delivered', 'completed', 'cancelled']);
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export type ShipmentStatus = z.infer<typeof shipmentStatusSchema>;

// --- carts

/** A line as the buyer sees it, re-checked against the catalog on every read. */
export const cartLineViewSchema = reply({
  variantId: uuid,
  listingId: uuid.nullable(),
  sku: z.string().nullable(),
  title: bilingual.nullable(),
  options,
  thumbnail: z.string().nullable(),
  quantity: z.number().int(),
  /** The catalog's price now; null when the variant is gone. */
  unitPrice: money.nullable(),
  lineTotal: money.nullable(),
  weightGrams: z.number().int().nullable(),
  addedAt: isoDate,
  priceChanged: reply({ from: money, to: money }).nullable(),
  outOfStock: z.boolean(),
  insufficientStock: reply({ available: z.number().int() }).nullable(),
  /** Unpublished, its shop suspended, or no longer in the catalog. */
  unavailable: z.boolean(),
});
/** The lines of one artisan's shop: one shipment at checkout. A gone variant has no shop (null). */
export const cartGroupViewSchema = reply({
  artisanId: uuid.nullable(),
  shopName: z.string().nullable(),
  shopRegency: regency.nullable(),
  lines: z.array(cartLineViewSchema),
  /** Of the lines that can be bought as they stand. */
  subtotal: money,
  weightGrams: z.number().int(),
});
export const cartViewSchema = reply({
  anonymous: z.boolean(),
  groups: z.array(cartGroupViewSchema),
  totals: reply({ lines: z.number().int(), items: z.number().int(), goods: money }),
  /** True when there is something to buy and no line is unavailable or short of stock. */
  checkoutReady: z.boolean(),
});
export const mergeReportSchema = reply({
  /** Lines moved in, new or added to one already there. */
  lines: z.number().int(),
  /** Variants whose summed quantity was cut to the per-line limit. */
  capped: z.array(uuid),
  /** Variants left out because the cart was full. */
  dropped: z.array(uuid),
  /** Variants left out because they are the buyer's own shop's. */
  ownListings: z.array(uuid),
});
export const cartMergedSchema = cartViewSchema.extend({ merged: mergeReportSchema });
export type CartLineView = z.infer<typeof cartLineViewSchema>;
export type CartGroupView = z.infer<typeof cartGroupViewSchema>;
export type CartView = z.infer<typeof cartViewSchema>;
export type MergeReport = z.infer<typeof mergeReportSchema>;

// --- addresses and shipping

export const addressViewSchema = reply({
  id: uuid,
  label: z.string().nullable(),
  recipient: z.string(),
  /** +62 and the digits. */
  phone: z.string(),
  street: z.string(),
  /** Kecamatan. */
  district: z.string(),
  /** Kabupaten or kota. */
  city: z.string(),
  /** The official name of one of the 38 provinces. */
  province: z.string(),
  postalCode: z.string(),
  isDefault: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type AddressView = z.infer<typeof addressViewSchema>;

export const zoneSchema = z.enum(['bali', 'java', 'nusa-tenggara', 'sumatra', 'kalimantan', 'sulawesi', 'east']);
/** A way to get one shipment to the buyer, as the buyer chooses it. */
export const shippingOptionSchema = reply({
  code: z.string(),
  courier: z.string(),
  service: z.string(),
  fee: money,
  days: reply({ min: z.number().int(), max: z.number().int() }),
  /** Only on the pickup option: where the buyer collects. */
  pickup: reply({ outlet: z.string(), city: z.string() }).optional(),
});
/** The options for one artisan's part of the buyer's cart. */
export const shipmentQuoteSchema = reply({
  artisanId: uuid,
  shopName: z.string(),
  shopRegency: regency,
  lines: z.number().int(),
  items: z.number().int(),
  weightGrams: z.number().int(),
  goods: money,
  options: z.array(shippingOptionSchema),
});
export const cartShippingQuoteSchema = reply({
  address: reply({ id: uuid, city: z.string(), province: z.string() }),
  zone: zoneSchema,
  shipments: z.array(shipmentQuoteSchema),
});
/** `{ addressId }` quotes the buyer's cart; `{ province, weightGrams }` is an estimate anyone may ask for. */
export const shippingEstimateSchema = reply({ zone: zoneSchema, weightGrams: z.number().int(), options: z.array(shippingOptionSchema) });
export type ShippingOption = z.infer<typeof shippingOptionSchema>;
export type ShipmentQuote = z.infer<typeof shipmentQuoteSchema>;
export type CartShippingQuote = z.infer<typeof cartShippingQuoteSchema>;

// --- orders

export const orderLineViewSchema = reply({
  id: uuid,
  variantId: uuid,
  listingId: uuid,
  sku: z.string(),
  title: z.string(),
  options,
  quantity: z.number().int(),
  unitPrice: money,
  total: money,
});
export const shipmentViewSchema = reply({
  id: uuid,
  artisanId: uuid,
  shopName: z.string(),
  status: shipmentStatusSchema,
  courier: z.string(),
  service: z.string(),
  shippingFee: money,
  goodsTotal: money,
  trackingNumber: z.string().nullable(),
  complaintOpen: z.boolean(),
  refunded: money,
  paidAt: isoDate.nullable(),
  shippedAt: isoDate.nullable(),
  deliveredAt: isoDate.nullable(),
  completedAt: isoDate.nullable(),
  cancelledAt: isoDate.nullable(),
  lines: z.array(orderLineViewSchema),
});
/** The address as checkout froze it (an address book entry of that day). */
export const orderAddressSchema = addressViewSchema.partial().passthrough();
export const orderViewSchema = reply({
  id: uuid,
  number: z.string(),
  buyerId: uuid,
  status: orderStatusSchema,
  paymentMethod: paymentMethodSchema,
  paymentId: uuid.nullable(),
  goodsTotal: money,
  shippingTotal: money,
  total: money,
  address: orderAddressSchema,
  paymentDueAt: isoDate,
  paidAt: isoDate.nullable(),
  cancelledAt: isoDate.nullable(),
  cancelReason: z.string().nullable(),
  createdAt: isoDate,
  shipments: z.array(shipmentViewSchema),
});
export type OrderLineView = z.infer<typeof orderLineViewSchema>;
export type ShipmentView = z.infer<typeof shipmentViewSchema>;
export type OrderView = z.infer<typeof orderViewSchema>;

export const historyViewSchema = reply({
  at: isoDate,
  shipmentId: uuid.nullable(),
  from: z.string().nullable(),
  to: z.string(),
  /** buyer, artisan, curator or system: who made the change (never which user, to buyers). */
  by: z.string(),
  /** Curators' reads only: the user who made it (null for the system). */
  byUserId: uuid.nullable().optional(),
  note: z.string().nullable(),
});
export const complaintViewSchema = reply({
  id: uuid,
  shipmentId: uuid,
  status: z.enum(['open', 'refunded', 'rejected']),
  reason: z.string(),
  resolution: z.string().nullable(),
  createdAt: isoDate,
  resolvedAt: isoDate.nullable(),
});
export type HistoryView = z.infer<typeof historyViewSchema>;
export type ComplaintView = z.infer<typeof complaintViewSchema>;

/** Where the buyer's money stands, read from the order (no call to payments). */
export const orderPaymentStateSchema = z.enum(['pending', 'paid', 'partly_refunded', 'refunded', 'cancelled']);
export const orderListItemSchema = orderViewSchema.extend({ paymentStatus: orderPaymentStateSchema, refunded: money });
export const curationOrderItemSchema = orderListItemSchema.extend({ complaints: z.array(complaintViewSchema) });
export const orderDetailSchema = orderListItemSchema.extend({
  /** The payment as payments has it (how to pay while it is open); null if it cannot be read now. */
  payment: paymentViewSchema.nullable(),
  history: z.array(historyViewSchema),
  complaints: z.array(complaintViewSchema),
  /** The items already reviewed. */
  reviews: z.array(reply({ id: uuid, orderLineId: uuid, rating: z.number().int(), reply: z.string().nullable() })),
});
export type OrderPaymentState = z.infer<typeof orderPaymentStateSchema>;
export type OrderListItem = z.infer<typeof orderListItemSchema>;
export type CurationOrderItem = z.infer<typeof curationOrderItemSchema>;
export type OrderDetail = z.infer<typeof orderDetailSchema>;

export const checkoutResultSchema = reply({ order: orderViewSchema, payment: paymentViewSchema });
export type CheckoutResult = z.infer<typeof checkoutResultSchema>;

/** Where an artisan sends a shipment. */
export const shippingAddressSchema = reply({
  recipient: z.string(),
  phone: z.string(),
  street: z.string(),
  district: z.string(),
  city: z.string(),
  province: z.string(),
  postalCode: z.string(),
});
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

/** A shipment as its artisan sees it in the inbox: what to pack, where it goes, what happened. */
export const artisanShipmentViewSchema = shipmentViewSchema.omit({ artisanId: true, shopName: true }).extend({
  orderId: uuid,
  orderNumber: z.string(),
  weightGrams: z.number().int(),
  acceptedAt: isoDate.nullable(),
  cancelReason: z.string().nullable(),
  /** While it waits to be shipped: when the council cancels and refunds it if it has not. */
  shipBy: isoDate.nullable(),
  /** The buyer's address; not kept on view once the shipment was cancelled. */
  address: shippingAddressSchema.nullable(),
  history: z.array(historyViewSchema),
});
export type ArtisanShipmentView = z.infer<typeof artisanShipmentViewSchema>;

// --- reviews and notifications

export const reviewViewSchema = reply({
  id: uuid,
  orderLineId: uuid,
  listingId: uuid,
  /** The variant bought, e.g. { warna: "merah" }. */
  options,
  rating: z.number().int().min(1).max(5),
  body: z.string().nullable(),
  reply: z.string().nullable(),
  repliedAt: isoDate.nullable(),
  createdAt: isoDate,
});
export const listingReviewsSchema = reply({
  listingId: uuid,
  /** One decimal; null before the first review. */
  average: z.number().nullable(),
  count: z.number().int(),
  /** How many reviews gave each rating, 1 to 5. */
  distribution: reply({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
  items: z.array(reviewViewSchema),
  total: z.number().int(),
});
export type ReviewView = z.infer<typeof reviewViewSchema>;
export type ListingReviews = z.infer<typeof listingReviewsSchema>;

export const notificationViewSchema = reply({
  id: uuid,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.unknown()),
  readAt: isoDate.nullable(),
  createdAt: isoDate,
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

export const OrdersReplies = {
  [OrdersPatterns.cartGet]: cartViewSchema,
  [OrdersPatterns.cartCreateAnonymous]: reply({ token: z.string() }),
  [OrdersPatterns.cartAddLine]: cartViewSchema,
  [OrdersPatterns.cartSetLine]: cartViewSchema,
  [OrdersPatterns.cartRemoveLine]: cartViewSchema,
  [OrdersPatterns.cartMerge]: cartMergedSchema,
  [OrdersPatterns.addressList]: reply({ items: z.array(addressViewSchema) }),
  [OrdersPatterns.addressCreate]: addressViewSchema,
  [OrdersPatterns.addressUpdate]: addressViewSchema,
  [OrdersPatterns.addressDelete]: reply({ deleted: z.literal(true) }),
  [OrdersPatterns.shippingQuote]: z.union([cartShippingQuoteSchema, shippingEstimateSchema]),
  [OrdersPatterns.shippingProvinces]: reply({ provinces: z.array(z.string()) }),
  [OrdersPatterns.checkout]: checkoutResultSchema,
  [OrdersPatterns.orderList]: page(orderListItemSchema),
  [OrdersPatterns.orderGet]: orderDetailSchema,
  [OrdersPatterns.orderCancel]: orderDetailSchema,
  [OrdersPatterns.curationOrders]: page(curationOrderItemSchema),
  [OrdersPatterns.curationOrderGet]: orderDetailSchema,
  [OrdersPatterns.curationOrderCancel]: orderDetailSchema,
  [OrdersPatterns.shipmentInbox]: page(artisanShipmentViewSchema),
  [OrdersPatterns.shipmentAccept]: artisanShipmentViewSchema,
  [OrdersPatterns.shipmentShip]: artisanShipmentViewSchema,
  [OrdersPatterns.shipmentDeliver]: artisanShipmentViewSchema,
  [OrdersPatterns.shipmentConfirmReceipt]: orderViewSchema,
  [OrdersPatterns.complaintOpen]: complaintViewSchema,
  [OrdersPatterns.complaintResolve]: complaintViewSchema,
  [OrdersPatterns.reviewCreate]: reviewViewSchema,
  [OrdersPatterns.reviewReply]: reviewViewSchema,
  [OrdersPatterns.reviewsOfListing]: listingReviewsSchema,
  [OrdersPatterns.notificationList]: page(notificationViewSchema).extend({ unread: z.number().int() }),
  [OrdersPatterns.notificationRead]: reply({ read: z.number().int() }),
} as const;
