import { Global, Module } from '@nestjs/common';
import { ArtisanAccess } from './artisans/artisan-access';
import { AuditLogService } from './audit/audit-log.service';
import { CategoriesService } from './categories/categories.service';
import { ListingEvents } from './listings/listing-events';
import { ListingSnapshots } from './listings/listing-snapshots';
import { SettingsService } from './settings/settings.service';
import { StockLedger } from './stock/stock-ledger';

/**
 * What every catalog feature shares: the audit log, the council settings, the stock
 * ledger, listing snapshots and the events that carry them.
 */
@Global()
@Module({
  providers: [ArtisanAccess, AuditLogService, CategoriesService, ListingEvents, ListingSnapshots, SettingsService, StockLedger],
  exports: [ArtisanAccess, AuditLogService, CategoriesService, ListingEvents, ListingSnapshots, SettingsService, StockLedger],
})
export class CatalogCoreModule {}
