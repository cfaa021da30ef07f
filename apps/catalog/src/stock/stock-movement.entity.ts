import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ schema: 'catalog', name: 'stock_movements' })
export class StockMovement {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'variant_id' })
  variantId: string;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('int', { name: 'from_stock' })
  fromStock: number;

  @Column('int', { name: 'to_stock' })
  toStock: number;

  @Column('text')
  reason: string;

  @Column('text', { nullable: true })
  reference: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
