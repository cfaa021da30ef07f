import { OrderStatus, PaymentMethod, ShipmentStatus } from '@pk/contracts';

export interface OrderRow {
  id: string;
  number: string;
  buyer_id: string;
  status: OrderStatus;
  payment_method: PaymentMethod;
  payment_id: string | null;
  reservation_id: string | null;
  goods_total: string;
  shipping_total: string;
  total: string;
  address: Record<string, unknown>;
  idempotency_key: string;
  request_hash: string;
  payment_due_at: Date;
  // the money arrived; the order turns paid once the catalog commits its stock
  payment_received_at: Date | null;
  paid_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_at: Date;
}

export interface ShipmentRow {
  id: string;
  order_id: string;
  artisan_id: string;
  artisan_user_id: string;
  shop_name: string;
  status: ShipmentStatus;
  courier: string;
  service: string;
  shipping_fee: string;
  goods_total: string;
  weight_grams: number;
  tracking_number: string | null;
  paid_at: Date | null;
  accepted_at: Date | null;
  shipped_at: Date | null;
  delivered_at: Date | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  refunded: string;
  complaint_open: boolean;
  // the clock cancels it once its refund is through; the artisan may no longer ship it
  cancel_requested_at: Date | null;
  cancel_requested_reason: string | null;
  stock_returned_at: Date | null;
}

export interface LineRow {
  id: string;
  order_id: string;
  shipment_id: string;
  variant_id: string;
  listing_id: string;
  sku: string;
  title: string;
  options: Record<string, string>;
  category_slug: string;
  quantity: number;
  unit_price: string;
  line_total: string;
}
