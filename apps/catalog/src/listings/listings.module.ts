import { Module } from '@nestjs/common';
import { CategoriesController } from '../categories/categories.controller';
import { ListingLifecycleService } from './listing-lifecycle.service';
import { ListingViews } from './listing-views';
import { ListingsController } from './listings.controller';
import { ListingsService } from './listings.service';
import { ModerationController } from './moderation.controller';
import { VariantsService } from './variants.service';

@Module({
  controllers: [ListingsController, ModerationController, CategoriesController],
  providers: [ListingsService, ListingLifecycleService, VariantsService, ListingViews],
  exports: [ListingsService, ListingViews, VariantsService],
})
export class ListingsModule {}
