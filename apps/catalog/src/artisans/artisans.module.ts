import { Module } from '@nestjs/common';
import { ArtisanCurationService } from './artisan-curation.service';
import { ArtisansController } from './artisans.controller';
import { ArtisansService } from './artisans.service';
import { ShopPagesService } from './shop-pages.service';

/** Applying for a shop, the owner's profile, the council's decisions, the public shop page. */
@Module({
  controllers: [ArtisansController],
  providers: [ArtisansService, ArtisanCurationService, ShopPagesService],
})
export class ArtisansModule {}
