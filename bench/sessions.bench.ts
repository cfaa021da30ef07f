import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessTokens } from '../apps/gateway/src/auth/access-tokens';
import { SessionStates } from '../apps/gateway/src/auth/session-states';
import { GatewayRedis } from '../apps/gateway/src/gateway-redis';
import { bootSystem } from '../test/support/apps';
import { register } from '../test/support/http';
import { fmt, median, percentile } from './stats';

const CHECKS = 5000;
const REQUESTS = 3000;

type Mode = 'memory' | 'redis' | 'postgres' | 'none';

/**
 * What the per-request session check (issue 17: revocation and role loss take effect at once)
 * adds to an authenticated request: the check alone on each of its three paths (in-process memory
 * while pub/sub is up; Redis; Postgres when Redis holds nothing), and GET /api/v1/auth/me end to
 * end over keep-alive, with the check as deployed (memory), forced to Redis, and switched off.
 */
export async function benchSessions(_env: { redisUrl: string }): Promise<void> {
  const sys = await bootSystem('bench-sessions', { services: [] });
  try {
    const states = sys.gateway.get(SessionStates);
    const redis = sys.gateway.get(GatewayRedis).client;
    const session = await register(sys);
    const grant = sys.gateway.get(AccessTokens).verify(session.accessToken);
    const internals = states as unknown as { local: Map<string, unknown>; listening: boolean };
    const forget = async (mode: Mode) => {
      if (mode !== 'memory') internals.local.clear();
      if (mode === 'postgres') {
        const keys = await redis.keys(`${sys.config.redisPrefix}:session:*`);
        if (keys.length) await redis.del(...keys);
      }
    };
    await states.assertCurrent(grant);
    if (!internals.listening) throw new Error('the gateway is not subscribed to session invalidations');

    console.log(`  the check alone, ${CHECKS} times each (ms):`);
    for (const mode of ['memory', 'redis', 'postgres'] as const) {
      const times: number[] = [];
      for (let i = 0; i < CHECKS; i++) {
        await forget(mode);
        const t = performance.now();
        await states.assertCurrent(grant);
        times.push(performance.now() - t);
      }
      console.log(`    ${mode.padEnd(9)} median ${fmt(median(times), 3)}  p99 ${fmt(percentile(times, 99), 3)}`);
    }

    // End to end: the same route, modes interleaved in rounds so drift hits them alike.
    const port = (sys.gateway.getHttpServer().address() as AddressInfo).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const t = performance.now();
        const req = http.request({ host: '127.0.0.1', port, path: '/api/v1/auth/me', headers: { authorization: `Bearer ${session.accessToken}` }, agent }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t) : reject(new Error(`GET /auth/me answered ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end();
      });
    const real = states.assertCurrent.bind(states);
    const modes: Array<Exclude<Mode, 'postgres'>> = ['memory', 'redis', 'none'];
    const times = new Map<Mode, number[]>(modes.map((m) => [m, []]));
    for (let i = 0; i < 200; i++) await get(); // warm up
    const ROUND = 100;
    for (let round = 0; round < REQUESTS / ROUND; round++) {
      for (const mode of modes) {
        states.assertCurrent =
          mode === 'none' ? async () => undefined : mode === 'redis' ? async (g) => (internals.local.clear(), real(g)) : real;
        for (let i = 0; i < ROUND; i++) times.get(mode)!.push(await get());
      }
    }
    states.assertCurrent = real;
    agent.destroy();
    const none = median(times.get('none')!);
    console.log(`  GET /api/v1/auth/me, ${REQUESTS} requests each, one at a time (ms):`);
    for (const mode of modes) {
      const m = median(times.get(mode)!);
      const added = mode === 'none' ? '' : `  added ${fmt(m - none, 3)}`;
      console.log(`    check ${mode.padEnd(7)} median ${fmt(m, 3)}  p99 ${fmt(percentile(times.get(mode)!, 99), 3)}${added}`);
    }
  } finally {
    await sys.close();
  }
}
