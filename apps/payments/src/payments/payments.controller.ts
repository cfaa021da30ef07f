import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PaymentsPatterns, Roles, RpcEnvelope, Services } from '@pk/contracts';
import { allow, requireCaller } from '@pk/core';
import { RefundsService } from '../refunds/refunds.service';
import { WebhookIntakeService } from '../webhooks/webhook-intake.service';
import { PaymentsService } from './payments.service';

/**
 * Orders creates, cancels and refunds payments, as itself (a service caller); buyers read their own;
 * curators read any (their own pattern), confirm transfers and refund; the gateway hands webhooks
 * over raw, anonymous, each proved by the provider's own signature instead.
 */
@Controller()
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly intake: WebhookIntakeService,
  ) {}

  @MessagePattern(PaymentsPatterns.create)
  create(@Payload() env: RpcEnvelope) {
    allow(env, { services: [Services.orders] });
    return this.payments.create(env.data);
  }

  @MessagePattern(PaymentsPatterns.cancel)
  cancel(@Payload() env: RpcEnvelope) {
    allow(env, { services: [Services.orders] });
    return this.payments.cancel(env.data);
  }

  @MessagePattern(PaymentsPatterns.refund)
  refund(@Payload() env: RpcEnvelope) {
    return this.refunds.refund(allow(env, { roles: [Roles.curator], services: [Services.orders] }), env.data);
  }

  @MessagePattern(PaymentsPatterns.get)
  get(@Payload() env: RpcEnvelope) {
    return this.payments.get(allow(env, { roles: 'any', services: [Services.orders] }), env.data);
  }

  @MessagePattern(PaymentsPatterns.curationGet)
  curationGet(@Payload() env: RpcEnvelope) {
    return this.payments.curationGet(requireCaller(env), env.data);
  }

  @MessagePattern(PaymentsPatterns.list)
  list(@Payload() env: RpcEnvelope) {
    return this.payments.list(requireCaller(env), env.data);
  }

  @MessagePattern(PaymentsPatterns.confirmTransfer)
  confirmTransfer(@Payload() env: RpcEnvelope) {
    return this.payments.confirmTransfer(requireCaller(env), env.data);
  }

  @MessagePattern(PaymentsPatterns.stripeWebhook)
  stripeWebhook(@Payload() env: RpcEnvelope) {
    return this.intake.stripe(env.data);
  }

  @MessagePattern(PaymentsPatterns.bankCallback)
  bankCallback(@Payload() env: RpcEnvelope) {
    return this.intake.bank(env.data);
  }
}
