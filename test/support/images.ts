import sharp from 'sharp';

// Test photos made at run time with sharp (no binary fixtures in the repository).

/** A noisy picture (noise compresses like a real photo, unlike a flat colour). */
function picture(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
}

/** Where the artisan stood: Sidemen, Karangasem. What must never reach a buyer. */
export const GPS = { GPSLatitudeRef: 'S', GPSLatitude: '8/1 28/1 5/1', GPSLongitudeRef: 'E', GPSLongitude: '115/1 26/1 34/1' };

const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Ni Made</dc:creator></rdf:Description>' +
  '</rdf:RDF></x:xmpmeta>';

/**
 * A phone-camera JPEG: stored landscape with EXIF orientation 6 (shown portrait), GPS in the
 * EXIF GPS IFD (IFD3), an XMP packet and a Display P3 ICC profile.
 */
export function phoneJpeg(width = 2400, height = 1600): Promise<Buffer> {
  return picture(width, height)
    .jpeg({ quality: 80 })
    .withIccProfile('p3')
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: 'Pixel', Model: '8a' }, IFD3: GPS })
    .withXmp(XMP)
    .toBuffer();
}

export const png = (width: number, height: number): Promise<Buffer> => picture(width, height).png().toBuffer();
export const webp = (width: number, height: number): Promise<Buffer> => picture(width, height).webp().toBuffer();
export const gif = (width: number, height: number): Promise<Buffer> => picture(width, height).gif().toBuffer();
