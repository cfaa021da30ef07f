import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { mkdir } from 'fs/promises';
import path from 'path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@pk/core';
import { INCOMING_PREFIX } from '@pk/media';
import { MAX_PHOTO_BYTES } from './photo-upload';

/**
 * Multipart uploads for every route (photo routes read them with receivePhoto), and, when photos
 * are on local disk, the photos themselves under MEDIA_PUBLIC_URL. With S3 buyers fetch them
 * from the bucket's public URL instead.
 */
export async function registerMediaHttp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5, fieldSize: 4096, parts: 6 },
  });
  if (config.media.s3) return;
  const root = path.resolve(config.media.dir);
  await mkdir(root, { recursive: true });
  const prefix = new URL(config.media.publicUrl, 'http://local').pathname.replace(/\/+$/, '');
  await app.register(fastifyStatic, {
    root,
    prefix: `${prefix}/`,
    decorateReply: false,
    index: false,
    list: false,
    redirect: false,
    dotfiles: 'deny',
    // Keys are never reused, so a rendition can be cached for good.
    immutable: true,
    maxAge: '365d',
    // Raw uploads (with their EXIF) wait in incoming/ for the catalog: never public.
    allowedPath: (pathName) => !pathName.startsWith(`/${INCOMING_PREFIX}`) && !pathName.endsWith('.part'),
    setHeaders: (reply) => reply.header('x-content-type-options', 'nosniff'),
  });
}
