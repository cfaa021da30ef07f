import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, OrdersPatterns } from '@pk/contracts';
import { CurrentCaller, RequestId } from '../auth/auth.decorators';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/** One checkout across artisans; a retry with the same Idempotency-Key returns the same order. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('checkout')
export class CheckoutController {
  constructor(private readonly orders: RpcForwarder) {}

  @Post()
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A new UUID per checkout; a retry sends the same one.' })
  @ApiOperation({ summary: 'Check out the cart: {addressId, shipping: {artisanId: code}, paymentMethod}. Returns the order and how to pay.' })
  @Forwards(OrdersPatterns.checkout, { gatewaySets: ['idempotencyKey'] })
  checkout(@CurrentCaller() caller: Caller, @Body() body: Json, @Headers('idempotency-key') key: string | undefined, @RequestId() rid: string) {
    // A checkout calls the catalog and the payment provider in turn: it gets longer than the usual deadline.
    return this.orders.send(OrdersPatterns.checkout, { ...(body ?? {}), idempotencyKey: key ?? '' }, caller, rid, 30_000);
  }
}
