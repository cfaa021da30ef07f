import { createHash } from 'node:crypto';
import {
  ProviderError,
  ProviderErrorKind,
  type CreatePaymentParams,
  type CreatedPayment,
  type PaymentProvider,
  type ProviderPaymentState,
  type ProviderRefund,
  type RefundParams,
} from './payment-provider';

export const TRANSFER_BANK = 'BPD Bali';
/** Our virtual-account prefix at the bank; numbers are the prefix and 12 digits. */
export const VIRTUAL_ACCOUNT_PREFIX = '8808';

/** A virtual account number from a sequence value: 8808 and the value padded to 12 digits. */
export function virtualAccountFromSequence(value: bigint | number | string): string {
  const n = BigInt(value);
  if (n <= 0n || n >= 10n ** 12n) throw new RangeError(`virtual account sequence out of range: ${n}`);
  return VIRTUAL_ACCOUNT_PREFIX + n.toString().padStart(12, '0');
}

export interface BankTransferDeps {
  /** A number never handed out before (the payments service draws it from a Postgres sequence). */
  nextVirtualAccount(): Promise<string>;
  /**
   * The payment's state as our records hold it: with no bank API, receipt is known only from
   * the signed callback or a curator's confirmation, both recorded by the payments service.
   * Null when there is no such virtual account.
   */
  lookup(virtualAccount: string): Promise<ProviderPaymentState | null>;
}

/**
 * Bank transfer to a per-payment virtual account. No network calls: the number comes from our
 * sequence, receipt comes in by callback or curator, and refunds are paid out by the council.
 * Idempotency is the caller's: the payments service stores the number with the payment and does
 * not call create() twice for one key (each call draws a new number).
 */
export class BankTransferProvider implements PaymentProvider {
  readonly method = 'bank_transfer' as const;

  constructor(private readonly deps: BankTransferDeps) {}

  async create(params: CreatePaymentParams): Promise<CreatedPayment> {
    if (params.amount <= 0n) throw this.error(ProviderErrorKind.invalidRequest, `A bank transfer needs a positive amount in whole rupiah, got ${params.amount}`, 'amount');
    if (Number.isNaN(params.expiresAt.getTime())) throw this.error(ProviderErrorKind.invalidRequest, 'A bank transfer needs an expiry time', 'expiresAt');
    const virtualAccount = await this.deps.nextVirtualAccount();
    if (!/^\d{16}$/.test(virtualAccount) || !virtualAccount.startsWith(VIRTUAL_ACCOUNT_PREFIX)) {
      throw this.error(ProviderErrorKind.unknown, `The virtual account source returned ${JSON.stringify(virtualAccount)}; expected ${VIRTUAL_ACCOUNT_PREFIX} and 12 digits`);
    }
    return {
      providerRef: virtualAccount,
      status: 'pending',
      instructions: {
        kind: 'bank_transfer',
        bank: TRANSFER_BANK,
        virtualAccount,
        amount: params.amount.toString(),
        expiresAt: params.expiresAt.toISOString(),
      },
    };
  }

  async retrieve(providerRef: string): Promise<ProviderPaymentState> {
    const state = await this.deps.lookup(providerRef);
    if (!state) throw this.error(ProviderErrorKind.notFound, `No bank transfer has virtual account ${providerRef}`);
    return state;
  }

  /**
   * Transfers are refunded by the council's treasury by hand, so the refund starts pending.
   * The reference follows from the key: asking twice with one key gives one reference.
   */
  async refund(params: RefundParams): Promise<ProviderRefund> {
    if (params.amount <= 0n) throw this.error(ProviderErrorKind.invalidRequest, `A refund needs a positive amount, got ${params.amount}`, 'amount');
    const digest = createHash('sha256').update(`${params.providerRef}\n${params.idempotencyKey}`).digest('hex');
    return { refundRef: `btr_${digest.slice(0, 24)}`, status: 'pending' };
  }

  /** Nothing to tell the bank: the number simply stops being honoured once our payment is closed. */
  async cancel(_providerRef: string): Promise<void> {}

  private error(kind: ProviderErrorKind, message: string, param?: string): ProviderError {
    return new ProviderError({ method: 'bank_transfer', kind, message, param });
  }
}
