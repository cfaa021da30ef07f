import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives working local defaults', () => {
    const c = loadConfig({});
    expect(c.services.catalog).toEqual({ host: '127.0.0.1', port: 4001 });
    expect(c.gateway.port).toBe(3000);
    expect(c.workers).toBe(true);
    expect(c.auth.accessTtlSeconds).toBe(900);
  });

  it('reads overrides and switches', () => {
    const c = loadConfig({ WORKERS: 'off', ORDERS_PORT: '5002', ORDERS_HOST: 'orders', GATEWAY_PORT: '8080' });
    expect(c.workers).toBe(false);
    expect(c.services.orders).toEqual({ host: 'orders', port: 5002 });
    expect(c.gateway.port).toBe(8080);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ REDIS_URL: 'not a url', GATEWAY_PORT: 'abc', WORKERS: 'maybe' })).toThrow(ConfigError);
    try {
      loadConfig({ REDIS_URL: 'not a url', GATEWAY_PORT: 'abc', WORKERS: 'maybe' });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['REDIS_URL', 'GATEWAY_PORT', 'WORKERS']) expect(message).toContain(name);
    }
  });

  it('refuses the development secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/CHANNELS_SECRET_KEY/);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), CHANNELS_SECRET_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), CHANNELS_SECRET_KEY: key })).toThrow(/SERVICE_RPC_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), CHANNELS_SECRET_KEY: key, SERVICE_RPC_SECRET: 'short' })).toThrow(/at least 32/);
    const prod = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), CHANNELS_SECRET_KEY: key, SERVICE_RPC_SECRET: 'r'.repeat(40) });
    expect(prod.channels.secretKey).toEqual(Buffer.alloc(32, 7));
    expect(prod.rpcSecret).toBe('r'.repeat(40));
  });

  it('gives development and tests one RPC secret, so every app of `npm start` agrees', () => {
    expect(loadConfig({}).rpcSecret).toBe(loadConfig({ NODE_ENV: 'test' }).rpcSecret);
    expect(loadConfig({}).rpcSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('takes Stripe only with its webhook secret', () => {
    expect(loadConfig({}).payments.stripe).toBeNull();
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_x' }).payments.stripe).toMatchObject({ secretKey: 'sk_test_abc', apiUrl: 'https://api.stripe.com' });
  });
});
