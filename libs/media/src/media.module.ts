import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { LocalMediaStore } from './local-media-store';
import { MEDIA_STORE, MediaStore } from './media-store';
import { S3MediaStore } from './s3-media-store';

/** The configured store: an S3-compatible bucket when S3_BUCKET is set, else MEDIA_DIR on disk. */
export function createMediaStore(media: AppConfig['media']): MediaStore {
  return media.s3 ? new S3MediaStore(media.s3) : new LocalMediaStore(media.dir);
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
