import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { PhotoRenditions } from '@pk/contracts';

/** A listing's photo; `keys` names its renditions in the media store. */
@Entity({ schema: 'catalog', name: 'listing_photos' })
export class ListingPhoto {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'listing_id' })
  listingId: string;

  @Column('int')
  position: number;

  @Column('text')
  alt: string;

  @Column('jsonb')
  keys: PhotoRenditions;

  @Column('int')
  width: number;

  @Column('int')
  height: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
