import { Injectable, Logger } from '@nestjs/common';
import { RefundRequestedEvent, Services, serviceCaller } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { RefundsService } from './refunds.service';

// Refusals that no retry changes: the order asked for more than is left, or for a payment that
// never succeeded. Anything else (the provider down or refusing) is retried with the event.
const FINAL: string[] = [ErrorCode.refundTooLarge, ErrorCode.invalidTransition, ErrorCode.notFound, ErrorCode.idempotencyKeyReused, ErrorCode.validationFailed];

/**
 * Refunds orders asked for by event (refund.requested), after orders committed the change that
 * owes the money. The same refund logic as a curator's, under orders' key, so a redelivered
 * request returns the refund already made; payment.refunded goes back to orders as before.
 */
@Injectable()
export class RefundRequests {
  private readonly logger = new Logger(RefundRequests.name);

  constructor(private readonly refunds: RefundsService) {}

  async handle(e: RefundRequestedEvent): Promise<void> {
    try {
      await this.refunds.refund(serviceCaller(Services.orders), {
        orderId: e.orderId, shipmentId: e.shipmentId, amount: e.amount, reason: e.reason, idempotencyKey: e.idempotencyKey,
      });
    } catch (error) {
      if (!(error instanceof DomainError && FINAL.includes(error.code))) throw error;
      this.logger.error(`refund ${e.idempotencyKey} of order ${e.orderId} refused for good: ${error.message}`);
    }
  }
}
