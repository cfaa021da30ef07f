export * from './media-store';
export * from './local-media-store';
export * from './s3-media-store';
export * from './media.module';
