import { Module } from '@nestjs/common';
import { MediaModule } from '@pk/media';
import { ArtisansController } from './artisans.controller';
import { BulkController } from './bulk.controller';
import { CurationArtisansController } from './curation-artisans.controller';
import { CurationListingsController } from './curation-listings.controller';
import { ListingsController } from './listings.controller';
import { PhotosController } from './photos.controller';
import { StockController } from './stock.controller';
import { TaxonomyController } from './taxonomy.controller';

/** The catalog's REST face: artisans and shops, listings, photos, bulk upload, moderation. */
@Module({
  imports: [MediaModule],
  controllers: [ArtisansController, BulkController, CurationArtisansController, ListingsController, CurationListingsController, TaxonomyController, StockController, PhotosController],
})
export class CatalogApiModule {}
