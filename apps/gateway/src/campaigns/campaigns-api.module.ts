import { Module } from '@nestjs/common';
import { MediaModule } from '@pk/media';
import { CampaignsController } from './campaigns.controller';
import { CurationCampaignsController } from './curation-campaigns.controller';

/** Campaigns' REST face: public live campaigns, curators' campaign management. */
@Module({
  imports: [MediaModule],
  controllers: [CampaignsController, CurationCampaignsController],
})
export class CampaignsApiModule {}
