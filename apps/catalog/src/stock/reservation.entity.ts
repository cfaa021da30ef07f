import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ReservationStatus } from '@pk/contracts';

export type ReleaseReason = 'cancelled' | 'expired';

/** Stock held for one checkout: a buyer's idempotency key, an expiry, held → committed or released. */
@Entity({ schema: 'catalog', name: 'reservations' })
export class Reservation {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'buyer_id' })
  buyerId: string;

  @Column('text', { name: 'idempotency_key' })
  idempotencyKey: string;

  @Column('text')
  status: ReservationStatus;

  @Column('text', { name: 'release_reason', nullable: true })
  releaseReason: ReleaseReason | null;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'committed_at', nullable: true })
  committedAt: Date | null;

  @Column('timestamptz', { name: 'released_at', nullable: true })
  releasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
