import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PaymentsPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { CommissionService } from './commission.service';
import { LedgerService } from './ledger.service';
import { PayoutsService } from './payouts.service';

/** The payout ledger over RPC: statements for artisans; commission, payout batches and the books for curators. */
@Controller()
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly commission: CommissionService,
    private readonly payouts: PayoutsService,
  ) {}

  /** Any signed-in caller; the service decides whose statement, if any, they may read. */
  @MessagePattern(PaymentsPatterns.statement)
  statement(@Payload() env: RpcEnvelope) {
    return this.ledger.statement(requireCaller(env), env.data);
  }

  @MessagePattern(PaymentsPatterns.commissionGet)
  commissionGet(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.commission.list();
  }

  @MessagePattern(PaymentsPatterns.commissionPut)
  commissionPut(@Payload() env: RpcEnvelope) {
    return this.commission.put(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(PaymentsPatterns.payoutCreate)
  payoutCreate(@Payload() env: RpcEnvelope) {
    return this.payouts.create(requireCaller(env, Roles.curator));
  }

  @MessagePattern(PaymentsPatterns.payoutList)
  payoutList(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.payouts.list(env.data);
  }

  @MessagePattern(PaymentsPatterns.payoutGet)
  payoutGet(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.payouts.get(env.data);
  }

  @MessagePattern(PaymentsPatterns.payoutCsv)
  payoutCsv(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.payouts.csv(env.data);
  }

  @MessagePattern(PaymentsPatterns.payoutMarkPaid)
  payoutMarkPaid(@Payload() env: RpcEnvelope) {
    return this.payouts.markPaid(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(PaymentsPatterns.ledgerTotals)
  totals(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.ledger.totals();
  }
}
