import { Module } from '@nestjs/common';
import { PhotosModule } from '../photos/photos.module';
import { CampaignListings } from './campaign-listings';
import { CampaignMembersService } from './campaign-members.service';
import { CampaignProcessor } from './campaign.processor';
import { CampaignSchedule } from './campaign-schedule';
import { CampaignSweeper } from './campaign-sweeper';
import { CampaignTransitions } from './campaign-transitions';
import { CampaignViews } from './campaign-views';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';

/** Campaigns and online exhibitions: members, scheduled campaign prices, start and end. */
@Module({
  imports: [PhotosModule],
  controllers: [CampaignsController],
  providers: [
    CampaignListings,
    CampaignMembersService,
    CampaignProcessor,
    CampaignSchedule,
    CampaignSweeper,
    CampaignTransitions,
    CampaignViews,
    CampaignsService,
  ],
})
export class CampaignsModule {}
