import { Module } from '@nestjs/common';

/** Campaigns' REST face: public live campaigns, curators' campaign management. */
@Module({})
export class CampaignsApiModule {}
