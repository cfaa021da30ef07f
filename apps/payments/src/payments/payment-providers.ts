import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PaymentMethod } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@pk/core';
import { BankTransferProvider, virtualAccountFromSequence } from '../providers/bank-transfer.provider';
import { PaymentProvider, ProviderPaymentState } from '../providers/payment-provider';
import { StripeProvider } from '../providers/stripe.provider';

/** The provider of each method: Stripe for cards (when configured), our bank transfer otherwise. */
@Injectable()
export class PaymentProviders {
  private readonly card: StripeProvider | null;
  private readonly transfer: BankTransferProvider;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: DataSource,
  ) {
    const stripe = config.payments.stripe;
    this.card = stripe ? new StripeProvider({ secretKey: stripe.secretKey, apiUrl: stripe.apiUrl, publishableKey: stripe.publishableKey }) : null;
    this.transfer = new BankTransferProvider({
      nextVirtualAccount: async () => {
        const [{ n }]: Array<{ n: string }> = await this.db.query(`SELECT nextval('payments.virtual_account_seq')::text AS n`);
        return virtualAccountFromSequence(n);
      },
      lookup: (va) => this.transferState(va),
    });
  }

  /** Which methods a buyer may choose now. */
  methods(): PaymentMethod[] {
    return this.card ? ['card', 'bank_transfer'] : ['bank_transfer'];
  }

  for(method: PaymentMethod): PaymentProvider {
    if (method === 'bank_transfer') return this.transfer;
    if (!this.card) {
      throw new DomainError(ErrorCode.validationFailed, 'Please correct: paymentMethod.', [
        { field: 'paymentMethod', messages: ['card payments are not available here; choose bank_transfer'] },
      ]);
    }
    return this.card;
  }

  private async transferState(virtualAccount: string): Promise<ProviderPaymentState | null> {
    const rows: Array<{ status: string; captured: string }> = await this.db.query(
      `SELECT status, captured::text FROM payments.payments WHERE provider = 'bank_transfer' AND provider_ref = $1`,
      [virtualAccount],
    );
    if (!rows.length) return null;
    const status = rows[0].status === 'expired' ? 'cancelled' : (rows[0].status as ProviderPaymentState['status']);
    return { status, amountReceived: BigInt(rows[0].captured) };
  }
}
