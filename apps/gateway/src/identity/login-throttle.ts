import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@pk/core';
import { GatewayRedis } from '../gateway-redis';

/**
 * Counts failed logins per account and per IP in fixed windows. Past either limit, logins are
 * refused with 429 until the window ends, even with the right password. If Redis is down the
 * check lets logins through (logged): an outage must not lock everyone out.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');

  constructor(
    private readonly redis: GatewayRedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, ip: string): { account: string; ip: string } {
    return { account: this.redis.key('login-fail', 'acct', email.toLowerCase()), ip: this.redis.key('login-fail', 'ip', ip) };
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const { maxFailuresPerAccount, maxFailuresPerIp } = this.config.auth;
    const keys = this.keys(email, ip);
    try {
      const [[, account], [, byIp], [, ttlAccount], [, ttlIp]] = (await this.redis.client
        .multi()
        .get(keys.account)
        .get(keys.ip)
        .ttl(keys.account)
        .ttl(keys.ip)
        .exec()) as [unknown, string | number | null][];
      const overAccount = Number(account ?? 0) >= maxFailuresPerAccount;
      const overIp = Number(byIp ?? 0) >= maxFailuresPerIp;
      if (overAccount || overIp) {
        const retryAfterSeconds = Math.max(1, Number(overAccount ? ttlAccount : ttlIp));
        throw new DomainError(
          ErrorCode.loginThrottled,
          `Too many failed sign-ins ${overAccount ? 'for this account' : 'from this address'}; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
          { retryAfterSeconds },
        );
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      this.logger.warn(`login throttle unavailable: ${(error as Error).message}`);
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    const window = this.config.auth.loginWindowSeconds;
    await this.redis.client
      .multi()
      .incr(keys.account)
      .expire(keys.account, window, 'NX')
      .incr(keys.ip)
      .expire(keys.ip, window, 'NX')
      .exec()
      .catch((error: Error) => this.logger.warn(`login throttle not recorded: ${error.message}`));
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.redis.client.del(this.keys(email, ip).account).catch(() => undefined);
  }
}
