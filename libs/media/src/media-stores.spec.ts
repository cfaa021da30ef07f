import { randomBytes } from 'crypto';
import { mkdtemp, readdir, rm } from 'fs/promises';
import { tmpdir } from 'os';
import path from 'path';
import { Readable } from 'stream';
import { loadConfig } from '@pk/core';
import { TestS3, startS3 } from '../../../test/support/s3-server';
import { LocalMediaStore } from './local-media-store';
import { MediaStore } from './media-store';
import { createMediaStore } from './media.module';
import { S3MediaStore } from './s3-media-store';

/** A stream of `chunks` that fails after sending them, like an upload cut off mid-way. */
function brokenStream(chunks: Buffer[]): Readable {
  let i = 0;
  return new Readable({
    read() {
      if (i < chunks.length) this.push(chunks[i++]);
      else this.destroy(new Error('connection reset'));
    },
  });
}

describe('media stores', () => {
  let s3: TestS3;
  let dir: string;
  const stores: Record<string, () => MediaStore> = {};
  let local: LocalMediaStore;
  let bucket: S3MediaStore;

  beforeAll(async () => {
    s3 = await startS3();
    dir = await mkdtemp(path.join(tmpdir(), 'pk-media-'));
    local = new LocalMediaStore(dir);
    bucket = new S3MediaStore(loadConfig(s3.env).media.s3!);
    stores.local = () => local;
    stores.s3 = () => bucket;
  });
  afterAll(async () => {
    await bucket?.close();
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe.each(['local', 's3'])('%s', (name) => {
    const store = () => stores[name]();
    const prefix = `t${name}`;

    it('stores a buffer and reads it back; a missing key reads as null', async () => {
      const bytes = randomBytes(1000);
      await store().put(`${prefix}/a/one.webp`, bytes, 'image/webp');
      expect(await store().get(`${prefix}/a/one.webp`)).toEqual(bytes);
      expect(await store().get(`${prefix}/a/none.webp`)).toBeNull();
    });

    it('streams a body of unknown length, larger than one S3 part', async () => {
      const chunks = Array.from({ length: 7 }, () => randomBytes(1024 * 1024));
      await store().put(`${prefix}/big/upload`, Readable.from(chunks));
      expect((await store().get(`${prefix}/big/upload`))?.equals(Buffer.concat(chunks))).toBe(true);
    });

    it('leaves nothing behind when the stream breaks', async () => {
      const broken = brokenStream([randomBytes(64 * 1024), randomBytes(64 * 1024)]);
      await expect(store().put(`${prefix}/broken/upload`, broken)).rejects.toThrow(/connection reset/);
      expect(await store().list(`${prefix}/broken/`)).toEqual([]);
      expect(await store().get(`${prefix}/broken/upload`)).toBeNull();
    });

    it('lists by prefix, deletes, and shrugs at keys already gone', async () => {
      for (const key of ['l/b.webp', 'l/a.webp', 'm/c.webp']) await store().put(`${prefix}/${key}`, Buffer.from(key));
      expect(await store().list(`${prefix}/l/`)).toEqual([`${prefix}/l/a.webp`, `${prefix}/l/b.webp`]);
      await store().delete([`${prefix}/l/a.webp`, `${prefix}/l/never-was.webp`]);
      expect(await store().list(`${prefix}/l/`)).toEqual([`${prefix}/l/b.webp`]);
      expect(await store().list(`${prefix}/nothing-here/`)).toEqual([]);
    });

    it.each(['../outside', 'a/../../b', '/etc/passwd', 'a//b', 'Upper/case', 'a/./b', ''])('refuses the key %p', async (key) => {
      await expect(store().put(key, Buffer.from('x'))).rejects.toThrow(/not a media key/);
      await expect(store().get(key)).rejects.toThrow(/not a media key/);
      await expect(store().delete([key])).rejects.toThrow(/not a media key/);
    });
  });

  it('local: writes under its directory only and drops a photo folder with its last file', async () => {
    await local.put('listings/l1/p1/card.webp', Buffer.from('card'));
    await local.put('listings/l1/p1/full.webp', Buffer.from('full'));
    await local.put('incoming/u1', Buffer.from('raw'));
    expect(await readdir(path.join(dir, 'listings/l1'))).toEqual(['p1']);
    await local.delete(['listings/l1/p1/card.webp', 'listings/l1/p1/full.webp', 'incoming/u1']);
    expect(await readdir(path.join(dir, 'listings/l1'))).toEqual([]);
    expect(await readdir(path.join(dir, 'incoming'))).toEqual([]); // shared folder kept
  });

  it('s3: objects carry their type and long cache headers at the public URL', async () => {
    await bucket.put('listings/l2/p2/card.webp', Buffer.from('webp bytes'), 'image/webp');
    const config = loadConfig(s3.env);
    const res = await fetch(`${config.media.publicUrl}/listings/l2/p2/card.webp`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('webp bytes');
  });

  it('config: S3 when S3_BUCKET is set, else the local directory', () => {
    const withS3 = loadConfig({ ...s3.env });
    expect(withS3.media).toMatchObject({ publicUrl: `${s3.endpoint}/${s3.bucket}`, s3: { bucket: s3.bucket, endpoint: s3.endpoint } });
    expect(createMediaStore(withS3.media)).toBeInstanceOf(S3MediaStore);
    const cdn = loadConfig({ ...s3.env, S3_PUBLIC_URL: 'https://cdn.example.com/media/' });
    expect(cdn.media.publicUrl).toBe('https://cdn.example.com/media');
    const plain = loadConfig({ MEDIA_DIR: dir });
    expect(plain.media).toEqual({ dir, publicUrl: '/media', s3: null });
    expect(createMediaStore(plain.media)).toBeInstanceOf(LocalMediaStore);
    expect(() => loadConfig({ S3_BUCKET: 'b' })).toThrow(/S3_PUBLIC_URL/);
    expect(() => loadConfig({ ...s3.env, S3_SECRET_ACCESS_KEY: '' })).toThrow(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together/);
  });
});
