import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A node of the craft taxonomy; listings are filed under leaves. */
@Entity({ schema: 'catalog', name: 'categories' })
export class Category {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  slug: string;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('text', { name: 'name_id' })
  nameId: string;

  @Column('text', { name: 'name_en' })
  nameEn: string;

  @Column('int')
  position: number;
}
