import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReportsPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { ChannelHealthService } from './channel-health.service';

/** The council's channel export health report; curators only. */
@Controller()
export class ChannelsReportsController {
  constructor(private readonly health: ChannelHealthService) {}

  @MessagePattern(ReportsPatterns.channels)
  channelsReport(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.health.health();
  }
}
