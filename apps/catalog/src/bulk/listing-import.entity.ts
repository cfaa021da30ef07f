import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ImportProblem, ImportStatus } from '@pk/contracts';

/** One bulk CSV import of a shop: the file as uploaded, the job's progress and its outcome. */
@Entity({ schema: 'catalog', name: 'imports' })
export class ListingImport {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'artisan_id' })
  artisanId: string;

  @Column('uuid', { name: 'requested_by' })
  requestedBy: string;

  @Column('text')
  status: ImportStatus;

  @Column('text')
  csv: string;

  @Column('int', { name: 'total_rows' })
  totalRows: number;

  @Column('int', { name: 'processed_rows' })
  processedRows: number;

  @Column('int', { name: 'listings_to_create' })
  listingsToCreate: number;

  @Column('int', { name: 'listings_to_update' })
  listingsToUpdate: number;

  @Column('uuid', { name: 'created_listing_ids', array: true })
  createdListingIds: string[];

  @Column('uuid', { name: 'updated_listing_ids', array: true })
  updatedListingIds: string[];

  @Column('jsonb')
  errors: ImportProblem[];

  @Column('int')
  attempts: number;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
