import sharp from 'sharp';
import { DEMO_ARTISANS, DemoListing } from './catalogue';

// Fills an empty marketplace through its own REST API, the way people would: each artisan
// applies, the curator verifies them, listings are created, photographed, submitted and
// approved. Everything goes through the outbox, so search and channels see it too.

interface Session { accessToken: string }

export class Api {
  constructor(private readonly base: string) {}

  async call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
    const isForm = body instanceof FormData;
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async ok<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const res = await this.call<T>(method, path, token, body);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  login(email: string, password: string): Promise<Session> {
    return this.ok<Session>('POST', '/auth/login', null, { email, password });
  }
}

/** A square photo in the listing's colours: woven bands with a diamond motif. */
export async function demoPhoto(palette: [string, string], size = 1000): Promise<Buffer> {
  const [a, b] = palette;
  const band = size / 10;
  const bands = Array.from({ length: 10 }, (_, i) => `<rect y="${i * band}" width="${size}" height="${band}" fill="${i % 2 ? a : b}"/>`).join('');
  const diamonds = Array.from({ length: 5 }, (_, i) => {
    const cx = size / 10 + (i * size) / 5;
    const cy = size / 2;
    const r = size / 12;
    return `<polygon points="${cx},${cy - r} ${cx + r},${cy} ${cx},${cy + r} ${cx - r},${cy}" fill="${a}" stroke="${b}" stroke-width="${size / 100}"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">${bands}${diamonds}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/**
 * Seeds the demo shops and listings unless they exist. Returns lines to print. `gatewayUrl` is
 * the running gateway; the curator and artisans are the demo accounts.
 */
export async function seedCatalogue(gatewayUrl: string, curatorEmail: string, password: string): Promise<string[]> {
  const api = new Api(gatewayUrl);
  const curator = await api.login(curatorEmail, password);
  let shops = 0;
  let listings = 0;
  for (const artisan of DEMO_ARTISANS) {
    const me = await api.login(artisan.email, password);
    const existing = await api.call('GET', '/artisans/me', me.accessToken);
    if (existing.status === 200) continue;
    const applied = await api.ok<{ id: string }>('POST', '/artisans', me.accessToken, {
      ...artisan.shop,
      bankAccount: { bankName: 'BPD Bali', accountName: artisan.displayName.replace(/ \(.*\)$/, ''), accountNumber: '0100200300' },
    });
    await api.ok('POST', `/curation/artisans/${applied.id}/decision`, curator.accessToken, { decision: 'verify' });
    shops++;
    for (const listing of artisan.listings) {
      await publish(api, me.accessToken, curator.accessToken, listing, artisan.shop.regency);
      listings++;
    }
  }
  const summary = shops === 0 ? 'Demo catalogue: already there' : `Demo catalogue: ${shops} shops, ${listings} listings on sale`;
  return [summary, `  a shop: ${gatewayUrl.replace('127.0.0.1', 'localhost')}/api/v1/shops/${DEMO_ARTISANS[0].shop.shopSlug}`];
}

async function publish(api: Api, artisanToken: string, curatorToken: string, demo: DemoListing, regency: string): Promise<void> {
  const { palette, ...input } = demo;
  const listing = await api.ok<{ id: string }>('POST', '/listings', artisanToken, { ...input, handmade: true, regency });
  const form = new FormData();
  form.append('alt', demo.title.id);
  form.append('file', new Blob([await demoPhoto(palette)], { type: 'image/jpeg' }), 'foto.jpg');
  await api.ok('POST', `/listings/${listing.id}/photos`, artisanToken, form);
  await api.ok('POST', `/listings/${listing.id}/submit`, artisanToken);
  const after = await api.call<{ status: string }>('GET', `/listings/${listing.id}`, artisanToken);
  if (after.body.status === 'submitted') {
    await api.ok('POST', `/curation/listings/${listing.id}/decision`, curatorToken, { decision: 'approve' });
  }
}
