import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { HomePage } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { producerConnection } from '@pk/messaging';

/** The composed home page in Redis, one key per generation. A cache: when Redis is down, every read is a miss. */
@Injectable()
export class HomeCache implements OnApplicationShutdown {
  private readonly logger = new Logger(HomeCache.name);
  private readonly redis: IORedis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = producerConnection(config.redisUrl);
    this.redis.on('error', () => undefined); // each failed command is a miss, logged below
  }

  async get(generation: string): Promise<HomePage | null> {
    try {
      const json = await this.redis.get(this.key(generation));
      return json ? (JSON.parse(json) as HomePage) : null;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'home cache read failed; composing');
      return null;
    }
  }

  /**
   * True the first time a generation is composed. The generation is bumped inside the writing
   * transaction, before its commit, so the first page of a generation may predate the change:
   * the caller keeps that one only briefly.
   */
  async firstOfGeneration(generation: string, ttlSeconds: number): Promise<boolean> {
    try {
      return (await this.redis.set(this.key(generation, 'seen'), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    } catch {
      return true;
    }
  }

  async set(generation: string, page: HomePage, ttlSeconds: number): Promise<void> {
    try {
      await this.redis.set(this.key(generation), JSON.stringify(page), 'EX', ttlSeconds);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'home cache write failed');
    }
  }

  private key(...parts: string[]): string {
    return [this.config.redisPrefix, 'catalog', 'home', ...parts].join(':');
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
