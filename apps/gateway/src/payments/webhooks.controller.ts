import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PaymentsPatterns } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { Public, RequestId } from '../auth/auth.decorators';
import { RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

const rawOf = (body: unknown): string => {
  if (typeof body !== 'string') throw new DomainError(ErrorCode.unsupportedMediaType, 'Webhooks are sent as application/json.');
  return body;
};

/**
 * Provider webhooks. The JSON parser leaves these bodies as the exact text received (see
 * http/json-parser.ts), which is what the signatures are made over; payments checks them.
 */
@ApiExcludeController()
@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly payments: RpcForwarder) {}

  @Post('stripe')
  @HttpCode(200)
  @Forwards(PaymentsPatterns.stripeWebhook)
  stripe(@Body() body: unknown, @Headers('stripe-signature') signature: string | undefined, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.stripeWebhook, { rawBody: rawOf(body), signature: signature ?? null }, null, rid);
  }

  @Post('bank')
  @HttpCode(200)
  @Forwards(PaymentsPatterns.bankCallback)
  bank(@Body() body: unknown, @Headers('x-bank-signature') signature: string | undefined, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.bankCallback, { rawBody: rawOf(body), signature: signature ?? null }, null, rid);
  }
}
