import { AppConfig } from '@pk/core';
import { WorkerHost, unknownJob } from './queue-worker';

type PingJob = { name: 'ping'; data: { n: number } };

class PingProcessor extends WorkerHost<PingJob> {
  stopped = 0;
  constructor(config: AppConfig) {
    super(config, 'orders-mail', { concurrency: 1 });
  }
  process(job: PingJob): Promise<number> {
    switch (job.name) {
      case 'ping':
        return Promise.resolve(job.data.n);
      default:
        return unknownJob(job.name, undefined);
    }
  }
  protected override stopping(): void {
    this.stopped++;
  }
}

describe('WorkerHost', () => {
  // Redis at a port nobody listens on: starting a worker would show as connection errors.
  const config = { workers: false, redisUrl: 'redis://127.0.0.1:1', redisPrefix: 'spec' } as AppConfig;

  it('starts nothing with workers off, and stops cleanly having started nothing', async () => {
    const host = new PingProcessor(config);
    await host.onApplicationBootstrap();
    expect(host.active).toBe(false);
    await host.beforeApplicationShutdown();
    expect(host.stopped).toBe(0);
  });

  it('hands each job to process, and a name no case takes fails', async () => {
    const host = new PingProcessor(config);
    await expect(host.process({ name: 'ping', data: { n: 7 } })).resolves.toBe(7);
    expect(() => host.process({ name: 'pong', data: { n: 1 } } as unknown as PingJob)).toThrow('no handler for job pong on this queue');
  });
});
