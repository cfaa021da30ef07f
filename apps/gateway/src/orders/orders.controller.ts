import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, OrdersPatterns, Roles as RoleNames } from '@pk/contracts';
import { CurrentCaller, Public, RequestId, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

// The orders app scopes every one of these to the caller: another buyer's order, another
// artisan's shipment, is "not found" there, whatever id is tried, and whatever roles the caller
// holds (a curator acts on others' orders under /curation, as themselves).

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: RpcForwarder) {}

  @Get()
  @ApiOperation({ summary: 'Your orders, newest first, with their shipments, items and where the payment stands (?status=, limit, offset).' })
  @Forwards(OrdersPatterns.orderList)
  list(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.orderList, query, caller, rid);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your orders: shipments, tracking, the payment (how to pay while open), its history, complaints and reviews.' })
  @Forwards(OrdersPatterns.orderGet)
  get(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.orderGet, { id }, caller, rid);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel before anything ships ({ reason? }): unpaid, the payment stops; paid, the whole amount is refunded. 409 once a shipment left.' })
  @Forwards(OrdersPatterns.orderCancel)
  cancel(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.orderCancel, { ...(body ?? {}), id }, caller, rid, 40_000);
  }
}

@ApiTags('orders')
@ApiBearerAuth()
@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly orders: RpcForwarder) {}

  @Post(':id/confirm-receipt')
  @HttpCode(200)
  @ApiOperation({ summary: 'You received this shipment: it completes (and the order, once every shipment is done). Answers the order.' })
  @Forwards(OrdersPatterns.shipmentConfirmReceipt)
  confirmReceipt(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.shipmentConfirmReceipt, { id }, caller, rid);
  }

  @Post(':id/complaints')
  @ApiOperation({ summary: 'Complain about a shipment that was shipped or delivered ({ reason }); it will not complete by itself until the council resolves it.' })
  @Forwards(OrdersPatterns.complaintOpen)
  complain(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.complaintOpen, { ...(body ?? {}), shipmentId: id }, caller, rid);
  }
}

@ApiTags('reviews')
@ApiBearerAuth()
@Controller()
export class ReviewsController {
  constructor(private readonly orders: RpcForwarder) {}

  @Post('reviews')
  @ApiOperation({ summary: 'Rate an item of a completed shipment of yours, once ({ orderLineId, rating 1–5, body? }).' })
  @Forwards(OrdersPatterns.reviewCreate)
  create(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.reviewCreate, body ?? {}, caller, rid);
  }

  @Post('reviews/:id/reply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Artisans: reply once to a review of an item you sold ({ reply }).' })
  @Forwards(OrdersPatterns.reviewReply)
  reply(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.reviewReply, { ...(body ?? {}), id }, caller, rid);
  }

  @Get('listings/:id/reviews')
  @Public()
  @ApiOperation({ summary: "A listing's reviews, newest first, with the average rating and how ratings spread (limit, offset)." })
  @Forwards(OrdersPatterns.reviewsOfListing)
  ofListing(@Param('id', new UuidParam('id')) id: string, @Query() query: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.reviewsOfListing, { ...query, listingId: id }, null, rid);
  }
}

@ApiTags('seller centre')
@ApiBearerAuth()
@Controller('artisan/shipments')
export class ArtisanShipmentsController {
  constructor(private readonly orders: RpcForwarder) {}

  @Get()
  @ApiOperation({ summary: 'Your shipments to pack and send, newest first, with items, the address and history (?status=paid,accepted, limit, offset).' })
  @Forwards(OrdersPatterns.shipmentInbox)
  inbox(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.shipmentInbox, query, caller, rid);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a paid shipment (you will pack it).' })
  @Forwards(OrdersPatterns.shipmentAccept)
  accept(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.shipmentAccept, { id }, caller, rid);
  }

  @Post(':id/ship')
  @HttpCode(200)
  @ApiOperation({ summary: 'Handed to the courier ({ trackingNumber: 6–40 of A-Z 0-9 -, courier? (the one the buyer chose)}); the buyer is told.' })
  @Forwards(OrdersPatterns.shipmentShip)
  ship(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.shipmentShip, { ...(body ?? {}), id }, caller, rid);
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'The courier delivered it; the buyer is asked to confirm receipt.' })
  @Forwards(OrdersPatterns.shipmentDeliver)
  deliver(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.shipmentDeliver, { id }, caller, rid);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly orders: RpcForwarder) {}

  @Get()
  @ApiOperation({ summary: 'What happened to your orders and shipments, newest first (?unread=true, limit, offset).' })
  @Forwards(OrdersPatterns.notificationList)
  list(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.notificationList, query, caller, rid);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark notifications read ({ ids }).' })
  @Forwards(OrdersPatterns.notificationRead)
  read(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.notificationRead, body ?? {}, caller, rid);
  }
}

@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation')
export class CurationOrdersController {
  constructor(private readonly orders: RpcForwarder) {}

  @Get('orders')
  @ApiOperation({ summary: 'Every order, newest first (?status=, buyerId=, artisanId=, number=, from=, to= (YYYY-MM-DD, WITA), complaint=open, limit, offset).' })
  @Forwards(OrdersPatterns.curationOrders)
  list(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.curationOrders, query, caller, rid);
  }

  @Get('orders/:id')
  @ApiOperation({ summary: 'Any order, with its payment, history (naming the user behind each change), complaints and reviews.' })
  @Forwards(OrdersPatterns.curationOrderGet)
  get(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.curationOrderGet, { id }, caller, rid);
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: "Cancel any order before anything ships ({ reason }, required: the buyer reads it), recorded as yours: unpaid, the payment stops; paid, the whole amount is refunded. 409 once a shipment left." })
  @Forwards(OrdersPatterns.curationOrderCancel)
  cancel(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.curationOrderCancel, { ...(body ?? {}), id }, caller, rid, 40_000);
  }

  @Post('complaints/:id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: "Resolve a complaint: { resolution: 'refund', amount? (default: all left on the shipment), note? } or { resolution: 'reject', note }." })
  @Forwards(OrdersPatterns.complaintResolve)
  resolve(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.orders.send(OrdersPatterns.complaintResolve, { ...(body ?? {}), id }, caller, rid, 40_000);
  }
}
