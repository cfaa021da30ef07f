import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrdersPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { NotificationsService } from '../notifications/notifications.service';
import { ComplaintsService } from './complaints.service';
import { OrdersService } from './orders.service';
import { ReviewsService } from './reviews.service';
import { ShipmentsService } from './shipments.service';

/**
 * Buyers: their orders, cancelling, receipt, complaints, reviews, notifications. Artisans: the
 * inbox of their shipments. Curators: every order (reading and cancelling it on their own
 * patterns, never the buyer's), complaints. The services scope every query to
 * the caller; only the listing's reviews are read without one.
 */
@Controller()
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly shipments: ShipmentsService,
    private readonly complaints: ComplaintsService,
    private readonly reviews: ReviewsService,
    private readonly notifications: NotificationsService,
  ) {}

  @MessagePattern(OrdersPatterns.orderList)
  list(@Payload() env: RpcEnvelope) {
    return this.orders.list(requireCaller(env), env.data);
  }

  @MessagePattern(OrdersPatterns.orderGet)
  get(@Payload() env: RpcEnvelope) {
    return this.orders.get(requireCaller(env), env.data);
  }

  @MessagePattern(OrdersPatterns.orderCancel)
  cancel(@Payload() env: RpcEnvelope) {
    return this.orders.cancel(requireCaller(env), env.data);
  }

  @MessagePattern(OrdersPatterns.curationOrderGet)
  curationGet(@Payload() env: RpcEnvelope) {
    return this.orders.curationGet(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(OrdersPatterns.curationOrderCancel)
  curationCancel(@Payload() env: RpcEnvelope) {
    return this.orders.curationCancel(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(OrdersPatterns.curationOrders)
  curationOrders(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.orders.curationList(env.data);
  }

  @MessagePattern(OrdersPatterns.shipmentInbox)
  inbox(@Payload() env: RpcEnvelope) {
    return this.shipments.inbox(requireCaller(env), env.data);
  }

  @MessagePattern(OrdersPatterns.shipmentAccept)
  accept(@Payload() env: RpcEnvelope) {
    return this.shipments.accept(requireCaller(env), env.data);
  }

  @MessagePattern(OrdersPatterns.shipmentShip)
  ship(@Payload() env: RpcEnvelope) {
    return this.shipments.ship(requireCaller(env), env.data);
  }

  @MessagePattern(OrdersPatterns.shipmentDeliver)
  deliver(@Payload() env: RpcEnvelope) {
    return this.shipments.deliver(requireCaller(env), env.data);
  }

  @MessagePattern(OrdersPatterns.shipmentConfirmReceipt)
  confirmReceipt(@Payload() env: RpcEnvelope) {
    return this.shipments.confirmReceipt(requireCaller(env), env.data);
  }

  @MessagePattern(OrdersPatterns.complaintOpen)
  openComplaint(@Payload() env: RpcEnvelope) {
    return this.complaints.open(requireCaller(env), env.data);
  }

  @MessagePattern(OrdersPatterns.complaintResolve)
  resolveComplaint(@Payload() env: RpcEnvelope) {
    return this.complaints.resolve(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(OrdersPatterns.reviewCreate)
  createReview(@Payload() env: RpcEnvelope) {
    return this.reviews.create(requireCaller(env), env.data);
  }

  @MessagePattern(OrdersPatterns.reviewReply)
  replyReview(@Payload() env: RpcEnvelope) {
    return this.reviews.reply(requireCaller(env), env.data);
  }

  @MessagePattern(OrdersPatterns.reviewsOfListing)
  listingReviews(@Payload() env: RpcEnvelope) {
    return this.reviews.ofListing(env.data);
  }

  @MessagePattern(OrdersPatterns.notificationList)
  notificationList(@Payload() env: RpcEnvelope) {
    return this.notifications.list(requireCaller(env), env.data);
  }

  @MessagePattern(OrdersPatterns.notificationRead)
  notificationRead(@Payload() env: RpcEnvelope) {
    return this.notifications.markRead(requireCaller(env), env.data);
  }
}
