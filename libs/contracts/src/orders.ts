// The orders app: carts, addresses, shipping, checkout, the order lifecycle, fulfilment.

export const OrdersPatterns = {
  cartGet: 'orders.cart.get',
  cartCreateAnonymous: 'orders.cart.anonymous',
  cartAddLine: 'orders.cart.add_line',
  cartSetLine: 'orders.cart.set_line',
  cartRemoveLine: 'orders.cart.remove_line',
  cartMerge: 'orders.cart.merge',
  addressList: 'orders.addresses.list',
  addressCreate: 'orders.addresses.create',
  addressUpdate: 'orders.addresses.update',
  addressDelete: 'orders.addresses.delete',
  shippingQuote: 'orders.shipping.quote',
  shippingProvinces: 'orders.shipping.provinces',
  checkout: 'orders.checkout',
  orderList: 'orders.orders.list',
  orderGet: 'orders.orders.get',
  orderCancel: 'orders.orders.cancel',
  shipmentConfirmReceipt: 'orders.shipments.confirm_receipt',
  complaintOpen: 'orders.complaints.open',
  complaintResolve: 'orders.complaints.resolve',
  reviewCreate: 'orders.reviews.create',
  reviewReply: 'orders.reviews.reply',
  reviewsOfListing: 'orders.reviews.of_listing',
  shipmentInbox: 'orders.shipments.inbox',
  shipmentAccept: 'orders.shipments.accept',
  shipmentShip: 'orders.shipments.ship',
  shipmentDeliver: 'orders.shipments.deliver',
  notificationList: 'orders.notifications.list',
  notificationRead: 'orders.notifications.read',
  curationOrders: 'orders.curation.list',
  // curators act on any order through these, under their own name (the buyer's patterns are the buyer's only)
  curationOrderGet: 'orders.curation.get',
  curationOrderCancel: 'orders.curation.cancel',
} as const;

export const OrdersEvents = {
  orderPlaced: 'order.placed',
  orderPaid: 'order.paid',
  orderCancelled: 'order.cancelled',
  shipmentAccepted: 'shipment.accepted',
  shipmentShipped: 'shipment.shipped',
  shipmentDelivered: 'shipment.delivered',
  shipmentCompleted: 'shipment.completed',
  shipmentCancelled: 'shipment.cancelled',
} as const;

// The statuses are the reply schemas' types (replies/orders.ts).
export type { OrderStatus, ShipmentStatus } from './replies/orders';
import type { ShipmentStatus } from './replies/orders';

/** What the payout ledger needs of a shipment: the artisan, the goods by category, the shipping fee. */
export interface ShipmentMoney {
  shipmentId: string;
  artisanId: string;
  goods: Array<{ categorySlug: string; amount: string }>;
  shipping: string;
}

export interface OrderPlacedEvent { orderId: string; orderNumber: string; buyerId: string; total: string }
/**
 * The buyer's money arrived. The catalog commits `reservationId`'s stock on it (answering
 * reservation.committed or reservation.lapsed); the payout ledger posts the sale. The order itself
 * shows paid once the stock is committed.
 */
export interface OrderPaidEvent {
  orderId: string; orderNumber: string; buyerId: string; paymentId: string; total: string; shipments: ShipmentMoney[];
  // absent on an order with nothing reserved (and in the ledger's own test events)
  reservationId?: string | null; lines?: Array<{ variantId: string; quantity: number }>;
}
/** The catalog releases a held reservation on it, and puts the sold units of `returnVariantIds` back on sale. */
export interface OrderCancelledEvent {
  orderId: string; orderNumber: string; buyerId: string; reason: string; wasPaid: boolean;
  reservationId: string | null; returnVariantIds: string[];
}
export interface ShipmentStatusEvent { orderId: string; shipmentId: string; artisanId: string; buyerId: string; status: ShipmentStatus; at: string }
export interface ShipmentCompletedEvent extends ShipmentStatusEvent { money: ShipmentMoney }
/** `returnVariantIds`: the sold units that go back on sale (a paid shipment cancelled before it left); empty otherwise. */
export interface ShipmentCancelledEvent extends ShipmentStatusEvent { reason: string; refund: string; reservationId: string | null; returnVariantIds: string[] }
