import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync, statSync } from 'fs';
import path from 'path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@pk/core';

/** Where `npm run build:web` writes the web app (apps/web/dist), from the sources or from dist/apps/gateway. */
export function defaultWebDir(): string {
  const candidates = [path.resolve(__dirname, '../../../web/dist'), path.resolve(process.cwd(), 'apps/web/dist')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[1];
}

/** What the browser needs before its first call: the Stripe publishable key and where photos live. */
export interface WebConfig {
  stripePublishableKey: string | null;
  mediaUrl: string;
}

export function webConfigOf(config: AppConfig): WebConfig {
  return {
    stripePublishableKey: config.payments.stripe?.publishableKey ?? null,
    mediaUrl: config.media.publicUrl.replace(/\/+$/, ''),
  };
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');

/**
 * Serves the web build: /assets/* (hashed names, cached for good) and index.html for every other
 * GET that is not the API's, photos' or probes' (the app routes in the browser). The page carries
 * the public config in a <meta>, so the first render needs no extra request. Without a build, `/`
 * says how to make one instead of a bare 404.
 */
export async function registerWebApp(app: NestFastifyApplication, config: AppConfig, webDir = defaultWebDir()): Promise<void> {
  const mediaPrefix = new URL(config.media.publicUrl, 'http://local').pathname.replace(/\/+$/, '');
  // /media stays reserved when photos live in a bucket too: a photo path never answers with the app's HTML.
  const reserved = ['/api', '/health', '/ready', '/media', ...(mediaPrefix && mediaPrefix !== '/' ? [mediaPrefix] : [])];
  const isReserved = (url: string) => reserved.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));
  const metaTag = `<meta name="pk-config" content='${escapeAttr(JSON.stringify(webConfigOf(config)))}'>`;

  await app.register(fastifyStatic, {
    root: path.join(webDir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    list: false,
    redirect: false,
    immutable: true,
    maxAge: '365d',
    setHeaders: (reply) => reply.header('x-content-type-options', 'nosniff'),
  });

  // index.html is read once per build: a rebuild replaces the file, and the mtime tells us.
  let cached: { mtimeMs: number; html: string } | null = null;
  const indexHtml = (): string | null => {
    const file = path.join(webDir, 'index.html');
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return null;
    }
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, html: readFileSync(file, 'utf8').replace('</head>', `  ${metaTag}\n  </head>`) };
    return cached.html;
  };
  const rootFiles: Record<string, string> = {
    'favicon.ico': 'image/x-icon',
    'favicon.svg': 'image/svg+xml',
    'robots.txt': 'text/plain; charset=utf-8',
  };

  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', async (req: FastifyRequest, reply: FastifyReply) => {
    const url = req.url;
    if (isReserved(url)) return reply.callNotFound();
    const name = url.split('?')[0].slice(1);
    if (Object.hasOwn(rootFiles, name) && existsSync(path.join(webDir, name))) {
      return reply.header('cache-control', 'public, max-age=3600').type(rootFiles[name]).send(readFileSync(path.join(webDir, name)));
    }
    const html = indexHtml();
    if (!html) {
      return reply.status(503).type('text/plain; charset=utf-8').header('retry-after', '30')
        .send('The web app is not built yet. Run `npm run build:web` (or `npm start`, which builds it), then reload.\n');
    }
    // Always revalidated: it names the current hashed assets.
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  });
}
