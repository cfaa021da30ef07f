import sharp from 'sharp';
import { fitLazadaImage } from './lazada.images';

const noise = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).png().toBuffer();

describe('Lazada photos within 1 MB', () => {
  it('re-encodes and shrinks a photo over the limit, keeping 330 px a side', async () => {
    const data = await noise(1600, 1200);
    expect(data.length).toBeGreaterThan(1024 * 1024);
    const fitted = await fitLazadaImage({ data, format: 'png', width: 1600, height: 1200 }, 1024 * 1024, 330);
    expect(fitted).not.toBeNull();
    expect(fitted!.data.length).toBeLessThanOrEqual(1024 * 1024);
    expect(fitted!.format).toBe('jpeg');
    expect(Math.min(fitted!.width, fitted!.height)).toBeGreaterThanOrEqual(330);
    expect(await sharp(fitted!.data).metadata()).toMatchObject({ format: 'jpeg', width: fitted!.width, height: fitted!.height });
  });

  it('leaves a photo within the limit as it is, and gives up below 330 px', async () => {
    const small = { data: Buffer.alloc(10), format: 'jpeg' as const, width: 400, height: 400 };
    expect(await fitLazadaImage(small, 1024 * 1024, 330)).toBe(small);
    const data = await noise(400, 400);
    expect(await fitLazadaImage({ data, format: 'png', width: 400, height: 400 }, 20_000, 330)).toBeNull();
  });
});
