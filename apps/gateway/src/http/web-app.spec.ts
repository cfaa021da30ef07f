import Fastify, { FastifyInstance } from 'fastify';
import { mkdtempSync, mkdirSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from '@pk/core';
import { registerWebApp } from './web-app';

// The web-serving part alone, on a bare Fastify: what the page carries and which paths it leaves alone.
describe('registerWebApp', () => {
  let fastify: FastifyInstance;

  const boot = async (config: AppConfig, webDir: string) => {
    fastify = Fastify();
    fastify.setNotFoundHandler((_req, reply) => void reply.status(404).send({ error: { code: 'not_found' } }));
    const app = { register: (plugin: never, opts: never) => fastify.register(plugin, opts), getHttpAdapter: () => ({ getInstance: () => fastify }) };
    await registerWebApp(app as unknown as NestFastifyApplication, config, webDir);
    await fastify.ready();
  };

  const build = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pk-web-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<html><head><title>t</title></head><body><div id="root"></div></body></html>');
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    return dir;
  };

  afterEach(async () => {
    await fastify?.close();
  });

  it("carries Stripe's publishable key and the media address in the page, escaped for the attribute", async () => {
    const base = loadConfig({ NODE_ENV: 'test', MEDIA_PUBLIC_URL: "/media/o'brien" });
    const config = { ...base, payments: { ...base.payments, stripe: { secretKey: 'sk_test_x', apiUrl: 'http://127.0.0.1:9', webhookSecret: 'whsec_x', publishableKey: 'pk_test_<b>' } } };
    await boot(config, build());
    const res = await fastify.inject({ method: 'GET', url: '/orders/123' });
    expect(res.statusCode).toBe(200);
    const meta = /<meta name="pk-config" content='([^']+)'>/.exec(res.body);
    expect(meta![1]).not.toContain('<b>');
    const decoded = meta![1].replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&amp;/g, '&');
    expect(JSON.parse(decoded)).toEqual({ stripePublishableKey: 'pk_test_<b>', mediaUrl: "/media/o'brien" });
  });

  it('leaves the API, probes and photos to their own routes, and serves hashed assets for good', async () => {
    await boot(loadConfig({ NODE_ENV: 'test' }), build());
    for (const url of ['/api/v1/nope', '/api', '/health', '/ready', '/media/x.webp']) {
      expect([url, (await fastify.inject({ method: 'GET', url })).statusCode]).toEqual([url, 404]);
    }
    const asset = await fastify.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await fastify.inject({ method: 'GET', url: '/apis-are-not-api' })).statusCode).toBe(200);
  });

  it('answers 503 naming `npm run build:web` without a build', async () => {
    await boot(loadConfig({ NODE_ENV: 'test' }), mkdtempSync(path.join(os.tmpdir(), 'pk-noweb-')));
    const res = await fastify.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:web');
  });
});
