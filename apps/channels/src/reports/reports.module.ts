import { Module } from '@nestjs/common';
import { ChannelHealthService } from './channel-health.service';
import { ChannelsReportsController } from './reports.controller';

/** Export health per channel account, for the council. */
@Module({
  controllers: [ChannelsReportsController],
  providers: [ChannelHealthService],
})
export class ChannelsReportsModule {}
