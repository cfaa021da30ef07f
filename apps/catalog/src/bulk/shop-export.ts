import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, ShopExport } from '@pk/contracts';
import { writeCsv } from '@pk/core';
import { ArtisanAccess } from '../artisans/artisan-access';
import { ListingSnapshots } from '../listings/listing-snapshots';
import { CSV_COLUMNS, rowsOfListing } from './csv-format';

const WITA_OFFSET_MS = 8 * 3600 * 1000;

/** The shop's listings (all but archived) in the bulk CSV format, ready to edit and upload again. */
@Injectable()
export class ShopExporter {
  constructor(
    private readonly db: DataSource,
    private readonly access: ArtisanAccess,
    private readonly snapshots: ListingSnapshots,
  ) {}

  async export(caller: Caller): Promise<ShopExport> {
    const artisan = await this.access.ownVerified(caller);
    const ids: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM catalog.listings WHERE artisan_id = $1 AND status <> 'archived' ORDER BY created_at, id`,
      [artisan.id],
    );
    const listings = await this.snapshots.load(ids.map((r) => r.id));
    const rows = ids.flatMap(({ id }) => rowsOfListing(listings.get(id)!.snapshot));
    // Text that starts like a formula gets an apostrophe, which the upload takes off again.
    const csv = writeCsv([[...CSV_COLUMNS], ...rows], { spreadsheet: true });
    const day = new Date(Date.now() + WITA_OFFSET_MS).toISOString().slice(0, 10);
    return { fileName: `pasar-kriya-${artisan.shopSlug}-${day}.csv`, csv };
  }
}
