import { Module } from '@nestjs/common';
import { CategoriesController } from '../categories/categories.controller';
import { IndexFeedController } from './index-feed.controller';
import { IndexFeedService } from './index-feed.service';
import { ListingLifecycleService } from './listing-lifecycle.service';
import { ListingViews } from './listing-views';
import { ListingsController } from './listings.controller';
import { ListingsService } from './listings.service';
import { ModerationController } from './moderation.controller';
import { VariantLookupService } from './variant-lookup.service';
import { VariantsService } from './variants.service';

@Module({
  controllers: [ListingsController, ModerationController, CategoriesController, IndexFeedController],
  providers: [IndexFeedService, VariantLookupService, ListingsService, ListingLifecycleService, VariantsService, ListingViews],
  exports: [ListingsService, ListingViews, VariantsService],
})
export class ListingsModule {}
