import { randomUUID } from 'crypto';
import { createWriteStream } from 'fs';
import { mkdir, readFile, readdir, rename, rm, rmdir, writeFile } from 'fs/promises';
import path from 'path';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { MediaStore, assertMediaKey } from './media-store';

const PARTIAL = '.part';

/** The default store: files under one directory, which the gateway serves read-only. */
export class LocalMediaStore implements MediaStore {
  readonly root: string;

  constructor(dir: string) {
    this.root = path.resolve(dir);
  }

  async put(key: string, body: Buffer | Readable): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Written beside the target and renamed into place, so a reader never sees half a file.
    const partial = `${file}.${randomUUID()}${PARTIAL}`;
    try {
      if (Buffer.isBuffer(body)) await writeFile(partial, body);
      else await pipeline(body, createWriteStream(partial));
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      const file = this.pathOf(key);
      await rm(file, { force: true });
      // A photo's own folder (listings/<id>/<photoId>) goes with its last file; top-level
      // folders such as incoming/ stay, as other uploads are being written into them.
      if (key.split('/').length > 2) await rmdir(path.dirname(file)).catch(() => undefined);
    }
  }

  async list(prefix: string): Promise<string[]> {
    // Only the folder the prefix names is walked, not the whole store.
    const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const dir = folder ? this.pathOf(folder.slice(0, -1)) : this.root;
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return entries
      .filter((e) => e.isFile() && !e.name.endsWith(PARTIAL))
      .map((e) => path.relative(this.root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .filter((key) => key.startsWith(prefix))
      .sort();
  }

  async close(): Promise<void> {}

  private pathOf(key: string): string {
    const file = path.join(this.root, assertMediaKey(key));
    if (!file.startsWith(this.root + path.sep)) throw new Error(`media key escapes the media directory: ${key}`);
    return file;
  }
}
