import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@pk/core';
import { GatewayRedis } from '../gateway-redis';

/**
 * Registrations per client address in a fixed window (REGISTER_MAX_PER_IP per
 * REGISTER_WINDOW_SECONDS), counted in Redis so every gateway replica sees the same count. Each
 * attempt counts, refused or not: each costs a password hash. Past the limit: 429 with
 * Retry-After until the window ends. If Redis is down registrations go through (logged), as logins do.
 */
@Injectable()
export class RegistrationThrottle {
  private readonly logger = new Logger('RegistrationThrottle');

  constructor(
    private readonly redis: GatewayRedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async take(ip: string): Promise<void> {
    const { registerMaxPerIp, registerWindowSeconds } = this.config.auth;
    const key = this.redis.key('register', 'ip', ip);
    let count: number;
    let ttl: number;
    try {
      const replies = (await this.redis.client.multi().incr(key).expire(key, registerWindowSeconds, 'NX').ttl(key).exec()) as [unknown, number][];
      count = Number(replies[0][1]);
      ttl = Number(replies[2][1]);
    } catch (error) {
      this.logger.warn(`registration throttle unavailable: ${(error as Error).message}`);
      return;
    }
    if (count > registerMaxPerIp) {
      const retryAfterSeconds = Math.max(1, ttl);
      throw new DomainError(
        ErrorCode.registrationThrottled,
        `Too many accounts were created from this address; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
        { retryAfterSeconds },
      );
    }
  }
}
