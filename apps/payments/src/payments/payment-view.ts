import { PaymentInstructions, PaymentMethod, PaymentStatus, PaymentView } from '@pk/contracts';

export interface PaymentRow {
  id: string;
  order_id: string;
  order_number: string;
  buyer_id: string;
  method: PaymentMethod;
  provider: 'stripe' | 'bank_transfer';
  provider_ref: string | null;
  status: PaymentStatus;
  amount: string;
  captured: string;
  refunded: string;
  instructions: PaymentInstructions | null;
  expires_at: Date;
  paid_at: Date | null;
  created_at: Date;
}

export function paymentView(r: PaymentRow): PaymentView {
  return {
    id: r.id,
    orderId: r.order_id,
    buyerId: r.buyer_id,
    method: r.method,
    status: r.status,
    amount: String(r.amount),
    refunded: String(r.refunded),
    // Instructions matter only while the buyer can still pay.
    instructions: r.status === 'pending' ? r.instructions : null,
    expiresAt: new Date(r.expires_at).toISOString(),
    paidAt: r.paid_at ? new Date(r.paid_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
