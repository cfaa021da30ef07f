import { FastifyInstance } from 'fastify';
import { AppConfig } from '@pk/core';

// Stripe.js and its card iframes, as Stripe's CSP guide lists them; only when the card form can load.
const STRIPE = {
  script: ['https://js.stripe.com', 'https://*.js.stripe.com'],
  frame: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  connect: ['https://api.stripe.com'],
};

/** Where photos come from when they are not ours (an S3 bucket or CDN); null when they are served at /media. */
function mediaOrigin(config: AppConfig): string | null {
  try {
    return new URL(config.media.publicUrl).origin;
  } catch {
    return null; // a path: same origin
  }
}

/**
 * The web app's Content-Security-Policy: its own scripts and styles only (no inline script, no
 * eval), photos from us or the photo storage (blob: for a photo previewed before upload), Stripe.js
 * when card payments are on, and no framing of our pages by anyone.
 */
export function webContentSecurityPolicy(config: AppConfig): string {
  const stripe = config.payments.stripe?.publishableKey ? STRIPE : { script: [], frame: [], connect: [] };
  const media = mediaOrigin(config);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...stripe.script],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:', ...(media ? [media] : [])],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...stripe.connect],
    'frame-src': stripe.frame.length ? stripe.frame : ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives).map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

// JSON, CSVs and photos: nothing in them may run or be framed.
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Every gateway response: nosniff, no framing (X-Frame-Options for old browsers, frame-ancestors
 * for the rest), the origin only as referrer to other sites, and a CSP: the web app's on HTML, a
 * deny-all one on everything else. The OpenAPI page (/api/docs) keeps Swagger UI's inline script.
 */
export function useSecurityHeaders(fastify: FastifyInstance, config: AppConfig): void {
  const webPolicy = webContentSecurityPolicy(config);
  fastify.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    const docs = req.url === '/api/docs' || req.url.startsWith('/api/docs/') || req.url.startsWith('/api/docs?');
    if (!docs && !reply.hasHeader('content-security-policy')) {
      const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
      reply.header('content-security-policy', html ? webPolicy : API_POLICY);
    }
    return payload;
  });
}
