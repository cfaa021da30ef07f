import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, ValueTransformer } from 'typeorm';
import { ListingStatus, Regency } from '@pk/contracts';

/** numeric columns arrive from pg as strings; centimetres with one decimal are safe as numbers. */
const decimal: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

@Entity({ schema: 'catalog', name: 'listings' })
export class Listing {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'artisan_id' })
  artisanId: string;

  @Column('text')
  status: ListingStatus;

  @Column('text', { name: 'title_id' })
  titleId: string;

  @Column('text', { name: 'title_en', nullable: true })
  titleEn: string | null;

  @Column('text', { name: 'description_id' })
  descriptionId: string;

  @Column('text', { name: 'description_en', nullable: true })
  descriptionEn: string | null;

  @Column('uuid', { name: 'category_id' })
  categoryId: string;

  @Column('text', { array: true })
  materials: string[];

  @Column('text', { array: true })
  techniques: string[];

  @Column('text')
  regency: Regency;

  @Column('numeric', { name: 'length_cm', transformer: decimal })
  lengthCm: number;

  @Column('numeric', { name: 'width_cm', transformer: decimal })
  widthCm: number;

  @Column('numeric', { name: 'height_cm', transformer: decimal })
  heightCm: number;

  @Column('int', { name: 'weight_grams' })
  weightGrams: number;

  /** The parcel as shipped (all three or none): what channels send as the package size. */
  @Column('numeric', { name: 'package_length_cm', nullable: true, transformer: decimal })
  packageLengthCm: number | null;

  @Column('numeric', { name: 'package_width_cm', nullable: true, transformer: decimal })
  packageWidthCm: number | null;

  @Column('numeric', { name: 'package_height_cm', nullable: true, transformer: decimal })
  packageHeightCm: number | null;

  @Column('boolean')
  handmade: boolean;

  @Column('int', { name: 'lead_time_days', nullable: true })
  leadTimeDays: number | null;

  @Column('text', { name: 'rejection_reason', nullable: true })
  rejectionReason: string | null;

  /** Grows with every change, so copies (search, channels) keep the newest. */
  @Column('int')
  version: number;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
