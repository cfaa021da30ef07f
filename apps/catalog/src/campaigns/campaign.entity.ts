import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { CampaignKind, CampaignState, PhotoRenditions } from '@pk/contracts';

/** A campaign or online exhibition; its members and prices are rows of their own (see the migration). */
@Entity({ schema: 'catalog', name: 'campaigns' })
export class Campaign {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  slug: string;

  @Column('text')
  kind: CampaignKind;

  @Column('text', { name: 'title_id' })
  titleId: string;

  @Column('text', { name: 'title_en', nullable: true })
  titleEn: string | null;

  @Column('text', { name: 'description_id' })
  descriptionId: string;

  @Column('text', { name: 'description_en', nullable: true })
  descriptionEn: string | null;

  /** The banner's renditions, as media-store keys (like listing photos' `keys`). */
  @Column('jsonb', { nullable: true })
  banner: PhotoRenditions | null;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('text')
  state: CampaignState;

  @Column('int', { name: 'discount_percent', nullable: true })
  discountPercent: number | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
