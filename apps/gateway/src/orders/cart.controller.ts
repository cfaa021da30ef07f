import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, OrdersPatterns } from '@pk/contracts';
import { CurrentCaller, OptionalCaller, Public, RequestId } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

export const CART_TOKEN_HEADER = 'x-cart-token';

/**
 * The cart: a signed-in buyer's own, else the anonymous cart named by the X-Cart-Token header.
 * The orders app finds the cart from the caller or the token, never from an id in the request.
 */
@ApiTags('cart')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Cart-Token', required: false, description: 'An anonymous cart (ignored when signed in).' })
@Controller('cart')
export class CartController {
  constructor(private readonly orders: RpcForwarder) {}

  @Post('anonymous')
  @Public()
  @ApiOperation({ summary: 'A token for an anonymous cart; send it as X-Cart-Token, and merge it into your cart after signing in.' })
  @Forwards(OrdersPatterns.cartCreateAnonymous)
  createAnonymous(@RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.cartCreateAnonymous, {}, null, rid);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: "Your cart by shop, each line re-checked: price changed, out of stock, short of stock, no longer on sale." })
  @Forwards(OrdersPatterns.cartGet, { gatewaySets: ['token'] })
  get(@OptionalCaller() caller: Caller | null, @Headers(CART_TOKEN_HEADER) token: string | undefined, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.cartGet, { token }, caller, rid);
  }

  @Post('lines')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a variant ({ variantId, quantity 1–20 }); adding it again adds to its quantity. Answers the cart.' })
  @Forwards(OrdersPatterns.cartAddLine, { gatewaySets: ['token'] })
  addLine(@OptionalCaller() caller: Caller | null, @Headers(CART_TOKEN_HEADER) token: string | undefined, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.cartAddLine, { ...body, token }, caller, rid);
  }

  @Patch('lines/:variantId')
  @Public()
  @ApiOperation({ summary: "Set a line's quantity ({ quantity 1–20 }). Answers the cart." })
  @Forwards(OrdersPatterns.cartSetLine, { gatewaySets: ['token'] })
  setLine(
    @OptionalCaller() caller: Caller | null,
    @Headers(CART_TOKEN_HEADER) token: string | undefined,
    @Param('variantId', new UuidParam('variantId')) variantId: string,
    @Body() body: Json,
    @RequestId() rid: string,
  ) {
    return this.orders.send(OrdersPatterns.cartSetLine, { ...body, variantId, token }, caller, rid);
  }

  @Delete('lines/:variantId')
  @Public()
  @ApiOperation({ summary: 'Remove a line. Answers the cart.' })
  @Forwards(OrdersPatterns.cartRemoveLine, { gatewaySets: ['token'] })
  removeLine(
    @OptionalCaller() caller: Caller | null,
    @Headers(CART_TOKEN_HEADER) token: string | undefined,
    @Param('variantId', new UuidParam('variantId')) variantId: string,
    @RequestId() rid: string,
  ) {
    return this.orders.send(OrdersPatterns.cartRemoveLine, { variantId, token }, caller, rid);
  }

  @Post('merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'After signing in: move the anonymous cart ({ token }) into yours; quantities add up, capped at 20.' })
  @Forwards(OrdersPatterns.cartMerge)
  merge(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.cartMerge, body ?? {}, caller, rid);
  }
}
