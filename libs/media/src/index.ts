export * from './media-store';
export * from './local-media-store';
// './s3-media-store' is loaded by createMediaStore only when a bucket is configured.
export type { S3MediaStore } from './s3-media-store';
export * from './media.module';
