import { z } from 'zod';

/** TikTok Shop takes 9 main images per product, so a listing holds at most 9 photos. */
export const MAX_PHOTOS = 9;

// Only keys the gateway mints (incoming/<uuid>): the catalog reads and deletes nothing else.
export const incomingKey = z
  .string()
  .regex(/^incoming\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must name an upload the gateway received');

export const uploadInput = z.object({ incomingKey });

const alt = z
  .string({ required_error: 'alt text is required: describe the photo for buyers who cannot see it' })
  .trim()
  .min(1, 'alt text is required: describe the photo for buyers who cannot see it')
  .max(200, 'alt text is at most 200 characters');

const listingId = z.string().uuid();
const photoId = z.string().uuid();

export const addPhotoInput = z.object({ listingId, alt });
export const updatePhotoInput = z.object({ listingId, photoId, alt }).strict();
export const reorderPhotosInput = z.object({ listingId, photoIds: z.array(photoId).max(MAX_PHOTOS) }).strict();
export const removePhotoInput = z.object({ listingId, photoId }).strict();
