import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { rupiahColumn } from '@pk/database';

@Entity({ schema: 'catalog', name: 'variants' })
export class Variant {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'listing_id' })
  listingId: string;

  @Column('uuid', { name: 'artisan_id' })
  artisanId: string;

  @Column('text')
  sku: string;

  @Column('jsonb')
  options: Record<string, string>;

  @Column('bigint', { transformer: rupiahColumn })
  price: bigint;

  @Column('int')
  stock: number;

  @Column('int')
  position: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
