import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, ValueTransformer } from 'typeorm';

/** bigint rupiah: pg hands it over as a string, the code works in bigint, never in floats. */
export const rupiah: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};

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

  @Column('bigint', { transformer: rupiah })
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
