import { loadConfig } from '@pk/core';
import { webContentSecurityPolicy } from './security-headers';

const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('the web app CSP', () => {
  it('allows only our own scripts, styles and connections without Stripe, and no framing', () => {
    const csp = directives(webContentSecurityPolicy(loadConfig({ NODE_ENV: 'test' })));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['frame-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('adds Stripe.js, its frames and API when card payments are on, and the photo bucket origin', () => {
    const config = loadConfig({
      NODE_ENV: 'test', STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_PUBLISHABLE_KEY: 'pk_test_x',
      S3_BUCKET: 'photos', S3_PUBLIC_URL: 'https://cdn.pasarkriya.id/photos',
    });
    const csp = directives(webContentSecurityPolicy(config));
    expect(csp['script-src']).toEqual(["'self'", 'https://js.stripe.com', 'https://*.js.stripe.com']);
    expect(csp['frame-src']).toContain('https://hooks.stripe.com');
    expect(csp['connect-src']).toEqual(["'self'", 'https://api.stripe.com']);
    expect(csp['img-src']).toContain('https://cdn.pasarkriya.id');
  });
});
