import { Module } from '@nestjs/common';

/** Campaigns and online exhibitions: members, scheduled campaign prices, start and end. */
@Module({})
export class CampaignsModule {}
