import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, OrdersPatterns } from '@pk/contracts';
import { OptionalCaller, Public, RequestId } from '../auth/auth.decorators';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

@ApiTags('shipping')
@ApiBearerAuth()
@Controller('shipping')
export class ShippingController {
  constructor(private readonly orders: RpcForwarder) {}

  @Get('provinces')
  @Public()
  @ApiOperation({ summary: "Indonesia's 38 provinces, as an address must name them." })
  @Forwards(OrdersPatterns.shippingProvinces)
  provinces(@RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.shippingProvinces, {}, null, rid);
  }

  @Post('quote')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Shipping options, cheapest first. { addressId } (signed in): your cart to that address, one shipment per artisan. ' +
      '{ province, weightGrams }: an estimate for anyone. Free pickup at the Dekranasda outlet in Denpasar is always one option.',
  })
  @Forwards(OrdersPatterns.shippingQuote)
  quote(@OptionalCaller() caller: Caller | null, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.shippingQuote, body, caller, rid);
  }
}
