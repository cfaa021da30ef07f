import sharp from 'sharp';
import { ImagePipeline } from './image-pipeline';

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer();

describe('ImagePipeline', () => {
  it('gives libvips one thread and renders one upload at a time; a refused one does not hold up the next', async () => {
    const pipeline = new ImagePipeline();
    expect(sharp.concurrency()).toBe(1);
    const spans: Array<{ start: number; end: number }> = [];
    // Time each render from the inside.
    const proto = ImagePipeline.prototype as unknown as { renderNow(input: Buffer): Promise<unknown> };
    const original = proto.renderNow;
    const renderNow = jest.spyOn(proto, 'renderNow').mockImplementation(async function (this: unknown, input: Buffer) {
      const start = performance.now();
      try {
        return await original.call(this, input);
      } finally {
        spans.push({ start, end: performance.now() });
      }
    });
    try {
      const [a, b] = await Promise.all([photo(2000, 1500), photo(1800, 1200)]);
      const results = await Promise.allSettled([pipeline.render(a), pipeline.render(Buffer.from('not a photo')), pipeline.render(b)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(spans).toHaveLength(3);
      for (let i = 1; i < spans.length; i++) expect(spans[i].start).toBeGreaterThanOrEqual(spans[i - 1].end);
      const third = (results[2] as PromiseFulfilledResult<Array<{ name: string; width: number; height: number }>>).value;
      expect(third.map(({ name, width, height }) => [name, width, height])).toEqual([
        ['thumbnail', 200, 133],
        ['card', 600, 400],
        ['full', 1600, 1067],
      ]);
    } finally {
      renderNow.mockRestore();
    }
  });
});
