import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogPatterns, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { StockHistoryService } from './stock-history.service';

@Controller()
export class StockHistoryController {
  constructor(private readonly stock: StockHistoryService) {}

  @MessagePattern(CatalogPatterns.stockHistory)
  history(@Payload() env: RpcEnvelope) {
    return this.stock.history(requireCaller(env), env.data);
  }
}
