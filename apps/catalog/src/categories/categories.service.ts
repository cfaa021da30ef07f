import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CategoryNode } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { Category } from './category.entity';

// The views are the reply schemas' types (libs/contracts/src/replies/catalog.ts).
export type { CategoryNode } from '@pk/contracts';

/** The craft taxonomy. It changes only by migration, so it is read once and kept. */
@Injectable()
export class CategoriesService {
  private cache: Promise<Category[]> | null = null;

  constructor(private readonly db: DataSource) {}

  private all(): Promise<Category[]> {
    this.cache ??= this.db
      .getRepository(Category)
      .find({ order: { position: 'ASC' } })
      .catch((error) => {
        this.cache = null;
        throw error;
      });
    return this.cache;
  }

  async tree(): Promise<CategoryNode[]> {
    const all = await this.all();
    const node = (c: Category): CategoryNode => ({
      id: c.id,
      slug: c.slug,
      name: { id: c.nameId, en: c.nameEn },
      children: all.filter((child) => child.parentId === c.id).map(node),
    });
    return all.filter((c) => c.parentId === null).map(node);
  }

  /**
   * The leaf category a listing is filed under, by slug; anything else is a 400 on `field`
   * that lists the choices.
   */
  async leaf(slug: string, field = 'category'): Promise<Category> {
    const all = await this.all();
    const leaves = all.filter((c) => !all.some((child) => child.parentId === c.id));
    const found = leaves.find((c) => c.slug === slug);
    if (!found) {
      const parent = all.find((c) => c.slug === slug);
      const message = parent
        ? `"${slug}" is a group; choose one of its crafts: ${leaves.filter((l) => l.parentId === parent.id).map((l) => l.slug).join(', ')}`
        : `unknown category "${slug}"; choose one of: ${leaves.map((l) => l.slug).join(', ')}`;
      throw new DomainError(ErrorCode.validationFailed, `Please correct: ${field}.`, [{ field, messages: [message] }]);
    }
    return found;
  }

  async bySlug(slug: string): Promise<Category | null> {
    return (await this.all()).find((c) => c.slug === slug) ?? null;
  }

  async byId(id: string): Promise<Category | null> {
    return (await this.all()).find((c) => c.id === id) ?? null;
  }
}
