import { Readable } from 'stream';

export const MEDIA_STORE = Symbol('MEDIA_STORE');

/**
 * Where uploaded and rendered photos live, by key (`listings/<id>/<photoId>/card.webp`). The
 * gateway writes raw uploads under `incoming/`; the catalog reads them, writes renditions and
 * deletes what it no longer needs. Public URLs are `config.media.publicUrl` + `/` + key.
 */
export interface MediaStore {
  /** Stores `body` under `key`; a failed or broken stream leaves nothing behind. */
  put(key: string, body: Buffer | Readable, contentType?: string): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** Deletes the objects; missing ones are not an error. */
  delete(keys: string[]): Promise<void>;
  /** Every key under `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Where a fresh upload waits for the catalog to check it. */
export const INCOMING_PREFIX = 'incoming/';

// Keys are ours (ids and rendition names), so they can be strict: lower-case segments of
// letters, digits, `-` and `_`, an optional extension, and never an empty or `..` segment.
const KEY = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9]+)?(\/[a-z0-9][a-z0-9_-]*(\.[a-z0-9]+)?)*$/;

export function assertMediaKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`not a media key: ${JSON.stringify(key)}`);
  return key;
}
