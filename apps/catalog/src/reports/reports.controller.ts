import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReportsPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { ArtisansReportService } from './artisans-report.service';

/** The council's artisans report; curators only. */
@Controller()
export class CatalogReportsController {
  constructor(private readonly artisans: ArtisansReportService) {}

  @MessagePattern(ReportsPatterns.artisans)
  artisansReport(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.artisans.artisans();
  }
}
