import sharp from 'sharp';
import type { ChannelCode, ChannelLimits } from './channel-adapter';
import { ChannelError, ChannelErrorKind } from './channel-errors';

export interface PreparedImage {
  data: Buffer;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
}

const CHANNEL_NAME: Record<ChannelCode, string> = { tiktok_shop: 'TikTok Shop', lazada: 'Lazada' };

function refused(channel: ChannelCode, url: string, reason: string, details: Record<string, unknown> = {}): ChannelError {
  return new ChannelError({ channel, kind: ChannelErrorKind.invalidImage, code: 'local_image', reason, details: { url, ...details } });
}

/**
 * Fetches a photo and makes it what the channel takes: JPEG or PNG (our renditions are WebP,
 * which neither channel accepts), within its pixel and byte limits. Refused images are named
 * with their size, before anything is sent to the channel.
 */
export async function prepareImage(channel: ChannelCode, url: string, limits: ChannelLimits['images'], timeoutMs: number): Promise<PreparedImage> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new ChannelError({
      channel,
      kind: ChannelErrorKind.unavailable,
      code: 'image_fetch',
      reason: `The photo ${url} could not be fetched: ${(error as Error).message}.`,
    });
  }
  if (!response.ok) throw refused(channel, url, `The photo ${url} could not be fetched (HTTP ${response.status}).`);
  let data: Buffer = Buffer.from(await response.arrayBuffer());
  const meta = await sharp(data).metadata().catch(() => null);
  if (!meta?.width || !meta.height) throw refused(channel, url, `The file at ${url} is not an image ${CHANNEL_NAME[channel]} can read.`);
  const { width, height } = meta;
  const name = CHANNEL_NAME[channel];
  if (Math.min(width, height) < limits.minPx || Math.max(width, height) > limits.maxPx) {
    throw refused(channel, url, `${name} takes photos of ${limits.minPx}–${limits.maxPx} px per side; this one is ${width}×${height} px. Upload a larger photo.`, {
      width,
      height,
    });
  }
  let format: PreparedImage['format'];
  if (meta.format === 'jpeg' || meta.format === 'png') {
    format = meta.format;
  } else {
    data = await sharp(data).jpeg({ quality: 88 }).toBuffer();
    format = 'jpeg';
  }
  if (data.length > limits.maxBytes) {
    throw refused(channel, url, `${name} takes photos up to ${Math.round(limits.maxBytes / 1048576)} MB; this one is ${(data.length / 1048576).toFixed(1)} MB.`, {
      bytes: data.length,
    });
  }
  return { data, format, width, height };
}

/** Whether the channel can fetch the URL itself (it takes only JPEG and PNG). */
export const looksLikeJpegOrPng = (url: string): boolean => /\.(jpe?g|png)$/i.test(new URL(url).pathname);
