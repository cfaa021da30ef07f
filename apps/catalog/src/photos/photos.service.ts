import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, ListingStatus, PhotoRenditions, PhotoView } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { ArtisanAccess } from '../artisans/artisan-access';
import { ListingEvents } from '../listings/listing-events';
import { ListingPhoto } from '../listings/listing-photo.entity';
import { Listing } from '../listings/listing.entity';
import { PhotoIntake } from './photo-intake';
import { MAX_PHOTOS, addPhotoInput, removePhotoInput, reorderPhotosInput, updatePhotoInput } from './photo-input';

/** A listing's photos: add, describe, reorder, remove; only by the owner of a verified shop. */
@Injectable()
export class PhotosService {
  constructor(
    private readonly db: DataSource,
    private readonly access: ArtisanAccess,
    private readonly events: ListingEvents,
    private readonly intake: PhotoIntake,
  ) {}

  /** Adds the upload at `incomingKey` as the listing's last photo. */
  async add(caller: Caller, incomingKey: string, data: unknown): Promise<PhotoView> {
    const input = parseInput(addPhotoInput, data);
    // Refuse early (owner, status, room) before spending a core on the image; checked again below.
    await this.editable(caller, input.listingId, this.db.manager, { adding: true });
    const id = newId();
    const stored = await this.intake.render(incomingKey, `listings/${input.listingId}/${id}`);
    return this.intake.keepIf(stored, () =>
      this.db.transaction(async (tx) => {
        const { listing, next } = await this.editable(caller, input.listingId, tx, { adding: true });
        const photo = tx.getRepository(ListingPhoto).create({ id, listingId: listing.id, position: next, alt: input.alt, ...stored });
        await tx.getRepository(ListingPhoto).insert(photo);
        await this.changed(tx, listing);
        return this.view(photo);
      }),
    );
  }

  async update(caller: Caller, data: unknown): Promise<PhotoView> {
    const input = parseInput(updatePhotoInput, data);
    return this.db.transaction(async (tx) => {
      const { listing } = await this.editable(caller, input.listingId, tx);
      const photo = await this.photoOf(tx, listing, input.photoId);
      photo.alt = input.alt;
      await tx.getRepository(ListingPhoto).update(photo.id, { alt: photo.alt });
      await this.changed(tx, listing);
      return this.view(photo);
    });
  }

  /** Puts the photos in the given order: exactly the listing's photo ids, each once. */
  async reorder(caller: Caller, data: unknown): Promise<{ photos: PhotoView[] }> {
    const input = parseInput(reorderPhotosInput, data);
    return this.db.transaction(async (tx) => {
      const { listing } = await this.editable(caller, input.listingId, tx);
      const current = await tx.getRepository(ListingPhoto).find({ where: { listingId: listing.id }, order: { position: 'ASC' } });
      const given = new Set(input.photoIds);
      if (given.size !== input.photoIds.length || given.size !== current.length || current.some((p) => !given.has(p.id))) {
        throw new DomainError(ErrorCode.validationFailed, "photoIds must list each of the listing's photos exactly once.", [
          { field: 'photoIds', messages: [`expected these ${current.length} ids in the new order: ${current.map((p) => p.id).join(', ')}`] },
        ]);
      }
      await tx.query(
        `UPDATE catalog.listing_photos p SET position = o.ord - 1
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE p.id = o.id`,
        [input.photoIds],
      );
      await this.changed(tx, listing);
      const byId = new Map(current.map((p) => [p.id, p]));
      return { photos: input.photoIds.map((id, position) => this.view({ ...byId.get(id)!, position })) };
    });
  }

  /** Removes a photo; its files go once the change is committed. */
  async remove(caller: Caller, data: unknown): Promise<void> {
    const input = parseInput(removePhotoInput, data);
    const removed = await this.db.transaction(async (tx) => {
      const { listing } = await this.editable(caller, input.listingId, tx);
      const photo = await this.photoOf(tx, listing, input.photoId);
      await tx.getRepository(ListingPhoto).delete(photo.id);
      // Close the gap, so positions stay 0..n-1.
      await tx.query(`UPDATE catalog.listing_photos SET position = position - 1 WHERE listing_id = $1 AND position > $2`, [listing.id, photo.position]);
      await this.changed(tx, listing);
      return photo;
    });
    await this.intake.discard(Object.values(removed.keys));
  }

  /**
   * The caller's listing, locked when in a transaction, which must not be archived; when
   * adding, it must have room, and `next` is the new photo's position.
   */
  private async editable(caller: Caller, listingId: string, tx: EntityManager, opts: { adding?: boolean } = {}) {
    const { listing } = await this.access.ownListing(caller, listingId, tx);
    if (listing.status === ListingStatus.archived) {
      throw new DomainError(ErrorCode.invalidTransition, 'This listing is archived; restore it before changing its photos.', { listingId, status: listing.status });
    }
    const [{ count, next }]: Array<{ count: number; next: number }> = await tx.query(
      `SELECT count(*)::int AS count, COALESCE(max(position) + 1, 0)::int AS next FROM catalog.listing_photos WHERE listing_id = $1`,
      [listingId],
    );
    if (opts.adding && count >= MAX_PHOTOS) {
      throw new DomainError(ErrorCode.photoLimitReached, `A listing has at most ${MAX_PHOTOS} photos (TikTok Shop takes ${MAX_PHOTOS}); remove one first.`, {
        listingId,
        max: MAX_PHOTOS,
      });
    }
    return { listing, next };
  }

  private async photoOf(tx: EntityManager, listing: Listing, photoId: string): Promise<ListingPhoto> {
    const photo = await tx.getRepository(ListingPhoto).findOneBy({ id: photoId, listingId: listing.id });
    if (!photo) throw new DomainError(ErrorCode.notFound, 'This listing has no such photo.', { listingId: listing.id, photoId });
    return photo;
  }

  /** Photos are part of the listing: its timestamp moves, and copies of a public one are told. */
  private async changed(tx: EntityManager, listing: Listing): Promise<void> {
    await tx.query(`UPDATE catalog.listings SET updated_at = now() WHERE id = $1`, [listing.id]);
    if (listing.status === ListingStatus.published) await this.events.announce(tx, [listing.id], { kind: 'updated' });
  }

  private view(p: Pick<ListingPhoto, 'id' | 'position' | 'alt' | 'width' | 'height' | 'keys'>): PhotoView {
    return { id: p.id, position: p.position, alt: p.alt, width: p.width, height: p.height, urls: this.intake.urls(p.keys) };
  }
}
