import { Artisan } from './artisans/artisan.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { ListingImport } from './bulk/listing-import.entity';
import { Campaign } from './campaigns/campaign.entity';
import { Category } from './categories/category.entity';
import { ListingPhoto } from './listings/listing-photo.entity';
import { Listing } from './listings/listing.entity';
import { Variant } from './listings/variant.entity';
import { CatalogSetting } from './settings/catalog-setting.entity';
import { ReservationLine } from './stock/reservation-line.entity';
import { Reservation } from './stock/reservation.entity';
import { StockMovement } from './stock/stock-movement.entity';

/** Every entity of the `catalog` schema; a feature adds its own here. */
export const CATALOG_ENTITIES: Function[] = [
  Artisan,
  AuditEntry,
  Campaign,
  CatalogSetting,
  Category,
  Listing,
  ListingImport,
  ListingPhoto,
  Reservation,
  ReservationLine,
  StockMovement,
  Variant,
];
