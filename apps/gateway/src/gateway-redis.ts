import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { producerConnection } from '@pk/messaging';

/** The gateway's Redis (login throttling, readiness); fails fast while Redis is down. */
@Injectable()
export class GatewayRedis implements OnApplicationShutdown {
  readonly client: IORedis;

  constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {
    this.client = producerConnection(config.redisUrl);
    this.client.on('error', () => undefined); // surfaced by /ready and by each failed command
  }

  key(...parts: string[]): string {
    return [this.config.redisPrefix, ...parts].join(':');
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}
