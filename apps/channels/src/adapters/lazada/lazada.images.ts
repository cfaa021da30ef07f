import sharp from 'sharp';
import type { PreparedImage } from '../images';

/**
 * A photo made to fit Lazada's byte limit (uploadimage.json: "The maximum size of an image file is
 * 1MB"): re-encoded as JPEG at falling quality, then made smaller, never below the 330 px a side
 * Lazada needs (image-upload.md). Null when even that does not fit.
 */
export async function fitLazadaImage(image: PreparedImage, maxBytes: number, minPx: number): Promise<PreparedImage | null> {
  if (image.data.length <= maxBytes) return image;
  let { width, height } = image;
  for (let scale = 1; Math.min(width, height) >= minPx; scale *= 0.8) {
    width = Math.round(image.width * scale);
    height = Math.round(image.height * scale);
    if (Math.min(width, height) < minPx) break;
    for (const quality of [85, 75, 65]) {
      const data = await sharp(image.data).resize(width, height).jpeg({ quality }).toBuffer();
      if (data.length <= maxBytes) return { data, format: 'jpeg', width, height };
    }
  }
  return null;
}
