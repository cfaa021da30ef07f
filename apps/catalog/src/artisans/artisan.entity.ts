import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ArtisanStatus, PhotoRenditions, Regency } from '@pk/contracts';

/** A stored photo: its renditions by name, as keys in the media store. */
export interface StoredPhoto {
  keys: PhotoRenditions;
  width: number;
  height: number;
}

/** An artisan and their shop (one each): the profile, the payout account, the council's decision. */
@Entity({ schema: 'catalog', name: 'artisans' })
export class Artisan {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text', { name: 'shop_name' })
  shopName: string;

  @Column('text', { name: 'shop_slug' })
  shopSlug: string;

  @Column('text')
  story: string;

  @Column('text')
  regency: Regency;

  @Column('text', { name: 'craft_types', array: true })
  craftTypes: string[];

  @Column('text', { nullable: true })
  nib: string | null;

  @Column('text', { name: 'bank_name' })
  bankName: string;

  @Column('text', { name: 'bank_account_name' })
  bankAccountName: string;

  @Column('text', { name: 'bank_account_number' })
  bankAccountNumber: string;

  @Column('jsonb', { nullable: true })
  photo: StoredPhoto | null;

  @Column('text')
  status: ArtisanStatus;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason: string | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
