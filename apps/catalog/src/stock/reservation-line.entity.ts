import { Column, Entity, PrimaryColumn } from 'typeorm';
import { rupiahColumn } from '@pk/database';

/** One variant held by a reservation, with the shop, SKU and unit price the order freezes. */
@Entity({ schema: 'catalog', name: 'reservation_lines' })
export class ReservationLine {
  @PrimaryColumn('uuid', { name: 'reservation_id' })
  reservationId: string;

  @PrimaryColumn('uuid', { name: 'variant_id' })
  variantId: string;

  @Column('uuid', { name: 'listing_id' })
  listingId: string;

  @Column('uuid', { name: 'artisan_id' })
  artisanId: string;

  @Column('text')
  sku: string;

  @Column('int')
  quantity: number;

  @Column('bigint', { name: 'unit_price', transformer: rupiahColumn })
  unitPrice: bigint;
}
