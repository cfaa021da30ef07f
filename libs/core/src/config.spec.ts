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

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).env).toBe('production');
  });
});
