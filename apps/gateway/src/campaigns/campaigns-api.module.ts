import { Module } from '@nestjs/common';
import { MediaModule } from '@pk/media';
import { CatalogRpc } from '../catalog/catalog-rpc';
import { CampaignsController } from './campaigns.controller';
import { CurationCampaignsController } from './curation-campaigns.controller';

/** Campaigns' REST face: public live campaigns, curators' campaign management. */
@Module({
  imports: [MediaModule],
  controllers: [CampaignsController, CurationCampaignsController],
  providers: [CatalogRpc],
})
export class CampaignsApiModule {}
