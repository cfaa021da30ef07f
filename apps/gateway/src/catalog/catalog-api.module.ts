import { Module } from '@nestjs/common';
import { CatalogRpc } from './catalog-rpc';

/** The catalog's REST face: artisans and shops, listings, photos, bulk upload, moderation. */
@Module({
  controllers: [],
  providers: [CatalogRpc],
})
export class CatalogApiModule {}
