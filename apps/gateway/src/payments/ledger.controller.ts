import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Caller, PaymentsPatterns, Roles as RoleNames } from '@pk/contracts';
import { CurrentCaller, RequestId, Roles } from '../auth/auth.decorators';
import { CSV_MEDIA_TYPE } from '../http/csv-body';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Documents, Forwards } from '../rpc/forwards';

/** The council's side of the payout ledger: commission rates, payout batches, the books. */
@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation')
export class CurationLedgerController {
  constructor(private readonly payments: RpcForwarder) {}

  @Get('commission')
  @ApiOperation({ summary: 'Commission: the default rate and the rate of each category that has its own (basis points, 1000 = 10%).' })
  @Forwards(PaymentsPatterns.commissionGet)
  commission(@CurrentCaller() caller: Caller, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.commissionGet, {}, caller, rid);
  }

  @Put('commission/:categorySlug')
  @ApiOperation({ summary: 'Set a craft category\'s commission, {"rateBps": 750}; {"rateBps": null} goes back to the default. Applies to sales from now on.' })
  @Forwards(PaymentsPatterns.commissionPut)
  putCommission(@CurrentCaller() caller: Caller, @Param('categorySlug') categorySlug: string, @Body() body: Json, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.commissionPut, { ...(body ?? {}), categorySlug }, caller, rid);
  }

  @Post('payouts')
  @ApiOperation({ summary: 'Make a payout batch: every artisan whose available balance reached PAYOUT_MINIMUM, paid all of it (409 when nobody is due).' })
  @Forwards(PaymentsPatterns.payoutCreate)
  createPayout(@CurrentCaller() caller: Caller, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.payoutCreate, {}, caller, rid);
  }

  @Get('payouts')
  @ApiOperation({ summary: 'Payout batches, newest first (?status=created|paid, limit, offset).' })
  @Forwards(PaymentsPatterns.payoutList)
  payouts(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.payoutList, query, caller, rid);
  }

  @Get('payouts/:id')
  @ApiOperation({ summary: 'A payout batch with each artisan, amount, bank account and transfer reference.' })
  @Forwards(PaymentsPatterns.payoutGet)
  payout(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.payoutGet, { id }, caller, rid);
  }

  @Get('payouts/:id/csv')
  @ApiProduces(CSV_MEDIA_TYPE)
  @ApiOperation({ summary: 'The batch as a bank transfer file: bank, account name and number, amount, reference, shop.' })
  @Forwards(PaymentsPatterns.payoutCsv)
  @Documents({ replyType: CSV_MEDIA_TYPE })
  async payoutCsv(
    @CurrentCaller() caller: Caller,
    @Param('id', new UuidParam('id')) id: string,
    @RequestId() rid: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const file = await this.payments.send<{ fileName: string; csv: string }>(PaymentsPatterns.payoutCsv, { id }, caller, rid);
    void reply.header('content-type', `${CSV_MEDIA_TYPE}; charset=utf-8`).header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.csv;
  }

  @Post('payouts/:id/paid')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the batch paid once the bank sent it, {"bankReference": "…"} (the same again is a no-op).' })
  @Forwards(PaymentsPatterns.payoutMarkPaid)
  markPaid(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.payoutMarkPaid, { ...(body ?? {}), id }, caller, rid);
  }

  @Get('ledger/totals')
  @ApiOperation({ summary: 'The books: every entry summed (always 0), per account, artisans\' pending and available.' })
  @Forwards(PaymentsPatterns.ledgerTotals)
  totals(@CurrentCaller() caller: Caller, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.ledgerTotals, {}, caller, rid);
  }
}

/** An artisan's statement (the payments app checks whose; curators read anyone's with ?artisanId=). */
@ApiTags('payouts')
@ApiBearerAuth()
@Controller('payouts')
export class StatementController {
  constructor(private readonly payments: RpcForwarder) {}

  @Get('statement')
  @ApiOperation({ summary: 'Your shop\'s ledger entries, newest first (limit, offset), and balances: pending (until shipments complete) and available.' })
  @Forwards(PaymentsPatterns.statement)
  statement(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.payments.send(PaymentsPatterns.statement, query, caller, rid);
  }
}
