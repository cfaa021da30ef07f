import { Inject, Injectable, Logger } from '@nestjs/common';
import { PhotoRenditions } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput } from '@pk/core';
import { MEDIA_STORE, MediaStore } from '@pk/media';
import { StoredPhoto } from '../artisans/artisan.entity';
import { ListingSnapshots } from '../listings/listing-snapshots';
import { ImagePipeline } from './image-pipeline';
import { uploadInput } from './photo-input';

/**
 * From an upload in `incoming/` to stored renditions: the one path every photo takes (listings
 * and artisans), with the clean-up that keeps the store free of orphans.
 */
@Injectable()
export class PhotoIntake {
  private readonly logger = new Logger(PhotoIntake.name);

  constructor(
    @Inject(MEDIA_STORE) private readonly store: MediaStore,
    private readonly pipeline: ImagePipeline,
    private readonly snapshots: ListingSnapshots,
  ) {}

  /** Runs `work` on the upload `data` names, then deletes the upload whatever happened. */
  async consume<T>(data: unknown, work: (incomingKey: string) => Promise<T>): Promise<T> {
    const { incomingKey } = parseInput(uploadInput, data);
    try {
      return await work(incomingKey);
    } finally {
      await this.discard([incomingKey]);
    }
  }

  /** Checks the upload by its content and stores its renditions under `folder`. */
  async render(incomingKey: string, folder: string): Promise<StoredPhoto> {
    const input = await this.store.get(incomingKey);
    if (!input) {
      throw new DomainError(ErrorCode.validationFailed, 'The upload is no longer there; send the photo again.', [
        { field: 'file', messages: ['the upload is no longer there'] },
      ]);
    }
    const renditions = await this.pipeline.render(input);
    const keys: Partial<StoredPhoto['keys']> = {};
    try {
      for (const r of renditions) {
        keys[r.name] = `${folder}/${r.name}.webp`;
        await this.store.put(keys[r.name]!, r.data, 'image/webp');
      }
    } catch (error) {
      await this.discard(Object.values(keys));
      throw error;
    }
    const full = renditions.find((r) => r.name === 'full')!;
    return { keys: keys as StoredPhoto['keys'], width: full.width, height: full.height };
  }

  /** Keeps `stored` only if `save` (the transaction that records it) succeeds. */
  async keepIf<T>(stored: StoredPhoto, save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (error) {
      await this.discard(Object.values(stored.keys));
      throw error;
    }
  }

  /** Deletes files; a failure is logged, not thrown, as the change it follows has happened. */
  async discard(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.store.delete(keys).catch((error: Error) => this.logger.warn(`could not delete ${keys.join(', ')}: ${error.message}`));
  }

  urls(keys: PhotoRenditions): PhotoRenditions {
    return this.snapshots.photoUrls(keys);
  }
}
