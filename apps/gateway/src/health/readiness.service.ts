import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthReply, SERVICE_NAMES, healthPattern } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { GatewayRedis } from '../gateway-redis';
import { ServiceClients } from '@pk/messaging';

export interface CheckResult {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

export interface Readiness {
  status: 'ready' | 'not_ready';
  checks: Record<string, CheckResult>;
}

const CHECK_TIMEOUT_MS = 2000;

async function timed(work: () => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Checks every part the marketplace needs, all at once, each with its own deadline. */
@Injectable()
export class ReadinessService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly redis: GatewayRedis,
    private readonly services: ServiceClients,
  ) {}

  async check(requestId?: string): Promise<Readiness> {
    const checks: Record<string, () => Promise<unknown>> = {
      postgres: () => this.db.query('SELECT 1'),
      redis: () => this.redis.client.ping(),
      meilisearch: () => this.meiliHealth(),
      ...Object.fromEntries(
        SERVICE_NAMES.map((name) => [
          name,
          () => this.services.send<HealthReply>(name, healthPattern(name), {}, null, { requestId, timeoutMs: CHECK_TIMEOUT_MS }),
        ]),
      ),
    };
    const names = Object.keys(checks);
    const results = await Promise.all(names.map((name) => timed(checks[name])));
    const byName = Object.fromEntries(names.map((name, i) => [name, results[i]]));
    return { status: results.every((r) => r.status === 'up') ? 'ready' : 'not_ready', checks: byName };
  }

  private async meiliHealth(): Promise<void> {
    const res = await fetch(new URL('/health', this.config.meiliUrl), {
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
      headers: { 'accept-encoding': 'identity' },
    });
    if (!res.ok) throw new Error(`Meilisearch answered ${res.status}`);
  }
}
