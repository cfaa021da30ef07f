import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, CollectionView } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { violatedUnique } from '@pk/database';
import { AuditLogService } from '../audit/audit-log.service';
import { PhotoIntake } from '../photos/photo-intake';
import { UpdateInput, byIdInput, createInput, orderInput, setItemsInput, updateInput } from './collection-input';
import { CollectionRow, collectionViews } from './collection-views';

const SELECT = `SELECT * FROM catalog.collections`;

/** Curators' side of featured collections: make, edit, fill in order, order, give a cover, remove. */
@Injectable()
export class CollectionsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLogService,
    private readonly intake: PhotoIntake,
  ) {}

  async list(): Promise<{ items: CollectionView[] }> {
    const rows: CollectionRow[] = await this.db.query(`${SELECT} ORDER BY position, id`);
    return { items: await this.views(this.db.manager, rows) };
  }

  async get(data: unknown): Promise<CollectionView> {
    const { id } = parseInput(byIdInput, data);
    return this.view(this.db.manager, id);
  }

  /** A new collection goes last; unpublished unless asked. */
  async create(caller: Caller, data: unknown): Promise<CollectionView> {
    const input = parseInput(createInput, data);
    const id = newId();
    return this.db
      .transaction(async (tx) => {
        // Serialises positions: two curators creating at once still get distinct places.
        await tx.query(`LOCK TABLE catalog.collections IN SHARE ROW EXCLUSIVE MODE`);
        await tx.query(
          `INSERT INTO catalog.collections (id, slug, title_id, title_en, description_id, description_en, published, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT COALESCE(max(position) + 1, 0) FROM catalog.collections))`,
          [id, input.slug, input.title.id, input.title.en, input.description.id, input.description.en, input.published],
        );
        await this.audit.record(tx, caller, { action: 'collection.create', entityType: 'collection', entityId: id, after: { slug: input.slug, published: input.published } });
        return this.view(tx, id);
      })
      .catch((error) => Promise.reject(slugClash(error, input.slug)));
  }

  async update(caller: Caller, data: unknown): Promise<CollectionView> {
    const input = parseInput(updateInput, data);
    return this.db
      .transaction(async (tx) => {
        const before = await this.row(tx, input.id, true);
        const set = changes(input);
        if (set.columns.length > 0) {
          await tx.query(
            `UPDATE catalog.collections SET ${set.columns.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
            [input.id, ...set.values],
          );
        }
        await this.audit.record(tx, caller, {
          action: 'collection.update',
          entityType: 'collection',
          entityId: input.id,
          before: { slug: before.slug, published: before.published },
          after: { ...input },
        });
        return this.view(tx, input.id);
      })
      .catch((error) => Promise.reject(slugClash(error, input.slug)));
  }

  async remove(caller: Caller, data: unknown): Promise<void> {
    const { id } = parseInput(byIdInput, data);
    const removed = await this.db.transaction(async (tx) => {
      const row = await this.row(tx, id, true);
      await tx.query(`DELETE FROM catalog.collections WHERE id = $1`, [id]);
      await this.audit.record(tx, caller, { action: 'collection.remove', entityType: 'collection', entityId: id, before: { slug: row.slug } });
      return row;
    });
    if (removed.cover) await this.intake.discard(Object.values(removed.cover));
  }

  /** Replaces the items with these listings, in this order; every id must be a listing. */
  async setItems(caller: Caller, data: unknown): Promise<CollectionView> {
    const input = parseInput(setItemsInput, data);
    return this.db.transaction(async (tx) => {
      await this.row(tx, input.id, true);
      const found: Array<{ id: string }> = await tx.query(`SELECT id FROM catalog.listings WHERE id = ANY($1::uuid[])`, [input.listingIds]);
      const known = new Set(found.map((r) => r.id));
      const unknown = input.listingIds.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new DomainError(ErrorCode.validationFailed, 'Please correct: listingIds.', [
          { field: 'listingIds', messages: [`no such listings: ${unknown.join(', ')}`], unknown },
        ]);
      }
      await tx.query(`DELETE FROM catalog.collection_items WHERE collection_id = $1`, [input.id]);
      await tx.query(
        `INSERT INTO catalog.collection_items (collection_id, listing_id, position)
         SELECT $1, o.id, o.ord - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, ord)`,
        [input.id, input.listingIds],
      );
      await tx.query(`UPDATE catalog.collections SET updated_at = now() WHERE id = $1`, [input.id]);
      await this.audit.record(tx, caller, { action: 'collection.set_items', entityType: 'collection', entityId: input.id, after: { listingIds: input.listingIds } });
      return this.view(tx, input.id);
    });
  }

  /** Puts the collections in the given order: exactly every collection's id, each once. */
  async order(caller: Caller, data: unknown): Promise<{ items: CollectionView[] }> {
    const input = parseInput(orderInput, data);
    return this.db.transaction(async (tx) => {
      const current: Array<{ id: string }> = await tx.query(`SELECT id FROM catalog.collections ORDER BY position, id FOR UPDATE`);
      const given = new Set(input.ids);
      if (given.size !== current.length || current.some((c) => !given.has(c.id))) {
        throw new DomainError(ErrorCode.validationFailed, 'ids must list every collection exactly once.', [
          { field: 'ids', messages: [`expected these ${current.length} ids in the new order: ${current.map((c) => c.id).join(', ')}`] },
        ]);
      }
      await tx.query(
        `UPDATE catalog.collections c SET position = o.ord - 1, updated_at = now()
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE c.id = o.id`,
        [input.ids],
      );
      await this.audit.record(tx, caller, { action: 'collection.order', entityType: 'collection', entityId: 'all', after: { ids: input.ids } });
      const rows: CollectionRow[] = await tx.query(`${SELECT} ORDER BY position, id`);
      return { items: await this.views(tx, rows) };
    });
  }

  /** Replaces the cover with the upload at `incomingKey`, rendered as listing photos are. */
  async setCover(caller: Caller, incomingKey: string, data: unknown): Promise<CollectionView> {
    const { id } = parseInput(byIdInput, { id: (data as { id?: unknown } | null)?.id });
    await this.row(this.db.manager, id);
    const stored = await this.intake.render(incomingKey, `collections/${id}/${newId()}`);
    const { previous, view } = await this.intake.keepIf(stored, () =>
      this.db.transaction(async (tx) => {
        const row = await this.row(tx, id, true);
        await tx.query(`UPDATE catalog.collections SET cover = $2, updated_at = now() WHERE id = $1`, [id, stored.keys]);
        await this.audit.record(tx, caller, { action: 'collection.set_cover', entityType: 'collection', entityId: id });
        return { previous: row.cover, view: await this.view(tx, id) };
      }),
    );
    if (previous) await this.intake.discard(Object.values(previous));
    return view;
  }

  private async row(tx: EntityManager, id: string, lock = false): Promise<CollectionRow> {
    const [row]: CollectionRow[] = await tx.query(`${SELECT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!row) throw new DomainError(ErrorCode.notFound, 'No such collection.', { collectionId: id });
    return row;
  }

  private async view(tx: EntityManager, id: string): Promise<CollectionView> {
    const [view] = await this.views(tx, [await this.row(tx, id)]);
    return view;
  }

  private views(tx: EntityManager, rows: CollectionRow[]): Promise<CollectionView[]> {
    return collectionViews(tx, rows, (keys) => this.intake.urls(keys));
  }
}

function changes(input: UpdateInput): { columns: string[]; values: unknown[] } {
  const pairs: Array<[string, unknown]> = [];
  if (input.slug !== undefined) pairs.push(['slug', input.slug]);
  if (input.title) pairs.push(['title_id', input.title.id], ['title_en', input.title.en]);
  if (input.description) pairs.push(['description_id', input.description.id], ['description_en', input.description.en]);
  if (input.published !== undefined) pairs.push(['published', input.published]);
  return { columns: pairs.map(([c]) => c), values: pairs.map(([, v]) => v) };
}

function slugClash(error: unknown, slug: string | undefined): unknown {
  if (violatedUnique(error)?.constraint === 'collections_slug_key') {
    return new DomainError(ErrorCode.slugTaken, `Another collection already uses the address "${slug}"; choose another.`, { field: 'slug', slug });
  }
  return error;
}
