import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, PaymentsPatterns, Roles as RoleNames } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { CurrentCaller, RequestId, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/** A buyer's own payment (curators read any at /curation/payments/:id). */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: RpcForwarder) {}

  @Get(':id')
  @ApiOperation({ summary: 'A payment: status, amount, and while it is open how to pay (card client secret or transfer details).' })
  @Forwards(PaymentsPatterns.get)
  get(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.get, { id }, caller, rid);
  }
}

/** The council's side: payments, transfers received, refunds. */
@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation')
export class CurationPaymentsController {
  constructor(private readonly payments: RpcForwarder) {}

  @Get('payments')
  @ApiOperation({ summary: 'Payments, newest first (?status=, limit, offset).' })
  @Forwards(PaymentsPatterns.list)
  list(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.list, query, caller, rid);
  }

  @Get('payments/:id')
  @ApiOperation({ summary: 'Any payment: status, amount, method and, while it is open, how it is to be paid.' })
  @Forwards(PaymentsPatterns.curationGet)
  get(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.curationGet, { id }, caller, rid);
  }

  @Post('payments/:id/confirm-transfer')
  @HttpCode(200)
  @ApiOperation({ summary: "Confirm a bank transfer arrived in the council's account." })
  @Forwards(PaymentsPatterns.confirmTransfer)
  confirm(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.confirmTransfer, { id }, caller, rid);
  }

  @Post('refunds')
  @HttpCode(201)
  @ApiOperation({ summary: 'Refund all or part (one shipment) of a paid order; send an Idempotency-Key header.' })
  @Forwards(PaymentsPatterns.refund, { gatewaySets: ['idempotencyKey'] })
  refund(@CurrentCaller() caller: Caller, @Body() body: Json, @Headers('idempotency-key') key: string | undefined, @RequestId() rid: string) {
    if (!key) throw new DomainError(ErrorCode.validationFailed, 'Please correct: Idempotency-Key.', [{ field: 'Idempotency-Key', messages: ['send a unique key per refund (a UUID), so a retry cannot refund twice'] }]);
    return this.payments.send(PaymentsPatterns.refund, { ...body, idempotencyKey: key }, caller, rid);
  }
}
