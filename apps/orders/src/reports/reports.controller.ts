import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReportsPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { SalesReportService } from './sales-report.service';

/** The council's sales report; curators only. */
@Controller()
export class OrdersReportsController {
  constructor(private readonly sales: SalesReportService) {}

  @MessagePattern(ReportsPatterns.sales)
  salesReport(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.sales.sales(env.data);
  }
}
