import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { LocalMediaStore } from './local-media-store';
import { MEDIA_STORE, MediaStore } from './media-store';
import type { S3MediaStore } from './s3-media-store';

/**
 * The configured store: an S3-compatible bucket when S3_BUCKET is set, else MEDIA_DIR on disk.
 * The AWS SDK (about 40 MB resident) is loaded only when a bucket is configured.
 */
export function createMediaStore(media: AppConfig['media']): MediaStore {
  if (!media.s3) return new LocalMediaStore(media.dir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { S3MediaStore: Store } = require('./s3-media-store') as { S3MediaStore: typeof S3MediaStore };
  return new Store(media.s3);
}

/** Provides MEDIA_STORE to the gateway (uploads) and the catalog (renditions). */
@Module({
  providers: [{ provide: MEDIA_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createMediaStore(config.media) }],
  exports: [MEDIA_STORE],
})
export class MediaModule implements OnApplicationShutdown {
  constructor(@Inject(MEDIA_STORE) private readonly store: MediaStore) {}

  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}
