import { Injectable } from '@nestjs/common';
import sharp, { SharpOptions } from 'sharp';
import { DomainError, ErrorCode } from '@pk/core';

export const RENDITIONS = { thumbnail: 200, card: 600, full: 1600 } as const;
export type RenditionName = keyof typeof RENDITIONS;

/** Channels (TikTok Shop) refuse images under 300 px; anything over this is no photo of craft. */
export const MIN_SHORT_SIDE_PX = 300;
export const MAX_PIXELS = 50_000_000;
const ACCEPTED = ['jpeg', 'png', 'webp'];

export interface Rendition {
  name: RenditionName;
  data: Buffer;
  width: number;
  height: number;
}

const invalid = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.invalidImage, message, { field: 'file', expected: 'a JPEG, PNG or WebP image', ...details });

/**
 * Checks an upload by its content and renders the three WebP renditions, upright and with no
 * metadata (EXIF with GPS, XMP, IPTC, ICC): sharp writes none unless asked to keep it.
 *
 * Two cores serve RPC and photos alike, so libvips gets one thread and photos are rendered one
 * at a time per catalog process; the others wait their turn instead of starving the event loop.
 */
@Injectable()
export class ImagePipeline {
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    sharp.concurrency(1);
  }

  render(input: Buffer): Promise<Rendition[]> {
    const turn = this.queue.then(() => this.renderNow(input));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async renderNow(input: Buffer): Promise<Rendition[]> {
    // failOn 'error': a truncated or corrupt file is refused, while the harmless warnings some
    // phone cameras' JPEGs raise are not.
    const options: SharpOptions = { failOn: 'error', limitInputPixels: MAX_PIXELS };
    // The header only, without the pixel limit, so an oversized photo is named as such.
    const meta = await sharp(input, { ...options, limitInputPixels: false }).metadata().catch(() => null);
    if (!meta || !ACCEPTED.includes(meta.format)) {
      const what = meta ? `a ${meta.format.toUpperCase()} image` : 'not an image';
      throw invalid(`The file is ${what}: send a JPEG, PNG or WebP photo.`, { format: meta?.format ?? null });
    }
    const shortSide = Math.min(meta.width, meta.height);
    if (shortSide < MIN_SHORT_SIDE_PX) {
      throw invalid(`The photo is too small: ${meta.width}×${meta.height} px; its shorter side must be at least ${MIN_SHORT_SIDE_PX} px.`, {
        width: meta.width,
        height: meta.height,
      });
    }
    if (meta.width * meta.height > MAX_PIXELS) {
      throw invalid(`The photo is too large: ${meta.width}×${meta.height} px; at most ${MAX_PIXELS / 1_000_000} megapixels.`, {
        width: meta.width,
        height: meta.height,
      });
    }
    const renditions: Rendition[] = [];
    try {
      // One after another, not in parallel: one core for photos, the other for everything else.
      for (const [name, size] of Object.entries(RENDITIONS) as Array<[RenditionName, number]>) {
        const { data, info } = await sharp(input, options)
          .rotate() // apply the EXIF orientation before the metadata goes
          .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 82 })
          .toBuffer({ resolveWithObject: true });
        renditions.push({ name, data, width: info.width, height: info.height });
      }
      return renditions;
    } catch {
      throw invalid(`The ${meta.format.toUpperCase()} file is damaged or incomplete; export it again and retry.`, { format: meta.format });
    }
  }
}
