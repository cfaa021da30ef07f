import { writeFileSync } from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import fc from 'fast-check';
import { Client } from 'pg';
import request from 'supertest';
import { CHANNELS, SERVICE_NAMES } from '@pk/contracts';
import { newId } from '@pk/core';
import { bootSystem, TestSystem } from './support/apps';
import { insertArtisan, insertListing } from './support/catalog-fixtures';
import { bearer, registerWithRoles, Session } from './support/http';
import { png } from './support/images';
import { newBuyer, paidOrder } from './support/orders';

// Issue 17: a property-based sweep of every operation of the OpenAPI document. fast-check makes
// malformed path ids, query strings, bodies (JSON, raw text, CSV) and multipart forms; each is
// sent anonymously and as a signed-in person of the role the route is for. Every answer must be
// under 500, hold no stack trace and no SQL or driver wording, and a 4xx must leave the database
// as it was. A failure prints FUZZ_SEED and the route; `FUZZ_SEED=<n> FUZZ_ROUTE='<method> <path>'`
// replays it, FUZZ_RUNS sets the runs per route (the file stays well under 2 minutes at the default),
// FUZZ_DEBUG=<file> writes every request and its answer there.

const V1 = '/api/v1';
const SEED = Number(process.env.FUZZ_SEED ?? 17_017);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const ONLY = process.env.FUZZ_ROUTE;
const BANK_SECRET = 'fuzz-routes-bank-callback-secret-0123';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Role = 'buyer' | 'artisan' | 'curator' | 'admin';
interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  additionalProperties?: SchemaObject | boolean;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
}
interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string; schema?: SchemaObject }>;
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
}
interface Operation {
  method: Method;
  path: string;
  params: string[];
  queryNames: string[];
  body: SchemaObject | null;
  kind: 'json' | 'multipart' | 'csv';
  role: Role;
}
interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  what: string;
}

// Stack frames, file paths, and what Postgres, TypeORM, zod, class-validator or V8 would say.
const INTERNAL = new RegExp(
  [
    String.raw`\bat (?:async )?[\w$.<>]+ \(`,
    String.raw`\bat (?:async )?\S+:\d+:\d+`,
    String.raw`node_modules`,
    String.raw`/work/|/apps/|/libs/`,
    String.raw`\.[jt]s:\d+`,
    String.raw`\b(?:SELECT|INSERT INTO|DELETE FROM|UPDATE \S+ SET)\b`,
    String.raw`relation \\?"`,
    String.raw`violates`,
    String.raw`syntax error`,
    String.raw`invalid input syntax`,
    String.raw`duplicate key`,
    String.raw`out of range for type`,
    String.raw`QueryFailedError|EntityNotFound|TypeORM|EntityMetadata`,
    String.raw`ZodError|"received"\s*:|"invalid_type"`,
    String.raw`an unknown value was passed to the validate function`,
    String.raw`TypeError|RangeError|ReferenceError|SyntaxError`,
    String.raw`Cannot read propert|is not a function|Maximum call stack|Unexpected token`,
  ].join('|'),
);

// --- Encoding what no encoder will: lone surrogates (as WTF-8), NUL, bytes that are not UTF-8.

/** Percent-encodes `text` byte by byte, a lone surrogate as its three WTF-8 bytes. */
function pct(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const bytes = cp >= 0xd800 && cp <= 0xdfff ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)] : [...Buffer.from(ch)];
    out += /^[A-Za-z0-9_.~-]$/.test(ch) ? ch : bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const anyUnit = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
const nastyText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: anyUnit, maxLength: 24 }),
  fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom('\u0000', '\ufffe', '\u202e', '\r\n', '"', "'", '\\', '%', '../', '$', '{{x}}'), fc.string({ maxLength: 6 })).map((p) => p.join('')),
  fc.tuple(fc.string({ maxLength: 4 }), loneSurrogate).map((p) => p.join('')),
  fc.integer({ min: 256, max: 20_000 }).map((n) => 'k'.repeat(n)),
);
const hugeNumberText = fc.constantFrom('99999999999999999999', '-99999999999999999999', '9007199254740993', '1e400', '-1e400', '1e-400', '0x10', '1_000', '-0', '0.5', 'NaN', 'Infinity', '-1', '2147483648', '9223372036854775808');

// --- Path parameters.

function pathValue(reals: string[]): fc.Arbitrary<string> {
  const raw = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...reals).map(pct) },
    { weight: 2, arbitrary: fc.uuid().map(pct) },
    { weight: 2, arbitrary: hugeNumberText.map(pct) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '%00', 'a%00b', '%ED%A0%80', '%ED%BF%BF', '%F0%9F', '%FF%FE', '%C0%AE', '%', '%zz', '..', '..%2F..%2Fetc%2Fpasswd', '%2E%2E%2F',
        '%20', '%09', 'null', 'undefined', 'true', '__proto__', 'constructor', '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff', '123e4567-e89b-12d3-a456-42661417400', 'x'.repeat(5000), '%E2%80%AE',
      ),
    },
    { weight: 3, arbitrary: nastyText.filter((t) => t.length > 0).map(pct) },
  );
  return raw;
}

// --- Query strings.

// Query keys the API reads somewhere, with a value each would take; which of them a route reads
// is learnt from the route (see `queryKeysOf`).
const QUERY_VOCABULARY: Record<string, string> = {
  offset: '0', limit: '10', page: '1', q: 'endek', from: '2026-01-01', to: '2026-12-31', before: '9', status: 'active', state: 'live',
  kind: 'campaign', sort: 'newest', groupBy: 'regency', format: 'json', category: 'endek', regency: 'karangasem', technique: 'tenun',
  material: 'katun', shop: 'toko', campaign: 'fuzz', mark: 'indikasi-geografis', priceBand: 'under-500k', minPrice: '1000', maxPrice: '500000',
  inStock: 'true', actorId: '00000000-0000-4000-8000-000000000000', action: 'PATCH', entityType: 'listing', entityId: 'x', app: 'catalog',
  queue: 'catalog-events', channel: 'lazada', listingId: '00000000-0000-4000-8000-000000000000', artisanId: '00000000-0000-4000-8000-000000000000',
  published: 'true', scope: 'shop', read: 'false', unread: 'true', problem: 'failed', type: 'sale',
};

function queryString(names: string[], known: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('offset', 'limit', 'from', 'to', 'before', 'page', 'status', 'q', ...names, ...known) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor[prototype][x]', 'a[b][c]', 'offset[]', 'limit[0]', 'x%00', '%ED%A0%80', '') },
    { weight: 1, arbitrary: nastyText.map((t) => pct(t.slice(0, 40))) },
  );
  const value = fc.oneof(
    { weight: 3, arbitrary: hugeNumberText.map(pct) },
    { weight: 2, arbitrary: fc.integer({ min: -5, max: 300 }).map(String) },
    { weight: 2, arbitrary: extremeDate.map((d) => pct(String(d))) },
    { weight: 2, arbitrary: fc.constantFrom('', 'abc', 'true', 'null', '%00', '%ED%A0%80', '%FF', '%', 'a%2Cb', '2026-02-30', '2026-01-01T00:00:00Z', 'desc', 'published', 'x'.repeat(4000)) },
    { weight: 2, arbitrary: nastyText.map(pct) },
  );
  // A key sent twice is an array where a scalar is expected.
  const anything = fc
    .array(fc.tuple(key, value, fc.boolean()), { maxLength: 6 })
    .map((pairs) => pairs.flatMap(([k, v, twice]) => (twice ? [`${k}=${v}`, `${k}=${v}`] : [`${k}=${v}`])).join('&'));
  if (known.length === 0) return anything;
  // Only keys the route reads, one or two at an extreme: what passes a strict parse and reaches the query.
  const readable = fc
    .tuple(fc.subarray(known, { minLength: 1, maxLength: Math.min(2, known.length) }), fc.array(value, { minLength: 2, maxLength: 2 }))
    .map(([keys, values]) => keys.map((k, i) => `${k}=${values[i]}`).join('&'));
  return fc.oneof({ weight: 2, arbitrary: readable }, { weight: 1, arbitrary: anything });
}

// --- Bodies.

/** A value that is wrong more often than right: every JSON type, extremes, text no store takes. */
const weird: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    nastyText,
    fc.uuid(),
    fc.constantFrom('', '2026-02-30T25:00:00Z', new Date(Date.now() + 86_400_000).toISOString(), 'JNE:REG', 'bank_transfer', 'card', 'endek'),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

function deref(doc: OpenApiDoc, s: SchemaObject | undefined, seen = 0): SchemaObject {
  if (!s) return {};
  if (s.$ref && seen < 8) return deref(doc, doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')], seen + 1);
  const all = s.allOf ?? s.oneOf ?? s.anyOf;
  if (all?.length) return deref(doc, all[0], seen + 1);
  return s;
}

/** A value shaped like `schema` most of the time, and `weird` at any node, so some bodies pass validation. */
function plausible(doc: OpenApiDoc, schema: SchemaObject | undefined, reals: string[], depth = 0): fc.Arbitrary<unknown> {
  const s = deref(doc, schema);
  const shaped = (): fc.Arbitrary<unknown> => {
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    if (s.properties && depth < 4) {
      const props = Object.fromEntries(Object.entries(s.properties).map(([k, p]) => [k, plausible(doc, p, reals, depth + 1)]));
      return fc.record(props, { requiredKeys: [] });
    }
    switch (s.type) {
      case 'string':
        if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...reals), fc.uuid());
        if (s.format === 'date-time' || s.format === 'date') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
        return fc.oneof(fc.constantFrom(...reals), fc.string({ maxLength: 30 }));
      case 'integer':
        return fc.integer({ min: -3, max: 1000 });
      case 'number':
        return fc.oneof(fc.integer({ min: -3, max: 1_000_000 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth < 4 ? fc.array(plausible(doc, s.items, reals, depth + 1), { maxLength: 3 }) : fc.constant([]);
      case 'object':
        return fc.dictionary(fc.oneof(fc.constantFrom(...reals), fc.string({ maxLength: 8 })), fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), { maxKeys: 3 });
      default:
        return weird;
    }
  };
  return fc.oneof({ weight: 3, arbitrary: shaped() }, { weight: 1, arbitrary: weird });
}

// The bodies of most routes are parsed by their service (zod), so the document names no fields.
// Unknown keys are dropped there, so one body holding a valid-looking value for every field the
// API knows passes the parse of many routes at once; a few of them swapped for extremes of the
// right type (int4 and int8 edges, 2^53, dates a JS Date takes and Postgres does not, long text)
// is how the fuzzer reaches past validation into the services and the database.
const DAY = 86_400_000;
const extremeInt = fc.oneof(
  fc.integer({ min: -3, max: 25 }),
  fc.constantFrom(2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, 2 ** 53 + 2, 1e15, 1e21, 1e300, -1e300, 0.5, 1.0000001, -0, 5e-324),
  fc.constantFrom('1', '350000', '99999999999999999999', '1e3', ' 1 ', ''),
);
const extremeDate = fc.oneof(
  fc.constantFrom(
    '275760-09-13T00:00:00Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z', '10000-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-13-01', '2026-01-01T24:00:00Z',
    '2026-06-01T00:00:00+14:00', '2026-06-01T00:00:00-12:59', '2026-06-01', '1e12', 'now', '',
  ),
  fc.integer({ min: -8.64e15, max: 8.64e15 }).map((t) => new Date(t).toISOString()),
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
);
const extremeText = fc.oneof(
  fc.constantFrom('', ' ', '   x   ', '😀'.repeat(300), '\u202eRTL', 'a\u0301'.repeat(100), 'x'.repeat(256), 'x'.repeat(10_001), 'Ni Made\tAyu\n', '<script>alert(1)</script>', "O'Reilly; --"),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const extremeIds = (ids: string[]) => fc.oneof(fc.constant([]), fc.array(fc.oneof(fc.constantFrom(...ids), fc.uuid()), { maxLength: 5 }), fc.constant(Array(600).fill(ids[0])), fc.constant([ids[0], ids[0]]));

function vocabulary(ids: Record<string, string>): Record<string, [unknown, fc.Arbitrary<unknown>]> {
  const future = new Date(Date.now() + DAY).toISOString();
  const text = (ok: string): [unknown, fc.Arbitrary<unknown>] => [ok, extremeText];
  const int = (ok: number): [unknown, fc.Arbitrary<unknown>] => [ok, extremeInt];
  const id = (ok: string): [unknown, fc.Arbitrary<unknown>] => [ok, fc.oneof(fc.uuid(), fc.constantFrom(...Object.values(ids)), extremeText)];
  const date = (ok: string): [unknown, fc.Arbitrary<unknown>] => [ok, extremeDate];
  const localized = (ok: string): [unknown, fc.Arbitrary<unknown>] => [{ id: ok, en: ok }, fc.record({ id: extremeText, en: extremeText }, { requiredKeys: [] })];
  return {
    email: text(`fuzz.${newId().slice(-8)}@example.com`),
    password: text('correct-horse-battery'),
    displayName: text('Ketut Fuzz'),
    quantity: int(1),
    variantId: id(ids.variant),
    listingId: id(ids.listing),
    addressId: id(ids.address),
    orderId: id(ids.order),
    shipmentId: id(ids.shipment),
    artisanId: id(ids.artisan),
    shipping: [{ [ids.artisan]: 'JNE:REG' }, fc.oneof(fc.constant({}), fc.dictionary(fc.oneof(fc.uuid(), fc.constant(ids.artisan)), extremeText, { maxKeys: 3 }))],
    paymentMethod: ['bank_transfer', fc.oneof(extremeText, fc.constantFrom('card', 'cash'))],
    method: ['bank_transfer', extremeText],
    reason: text('Barang tidak sesuai dengan pesanan saya.'),
    rating: int(5),
    body: text('Kainnya bagus sekali, terima kasih.'),
    comment: text('Kainnya bagus sekali.'),
    note: text('Catatan untuk pesanan ini.'),
    label: text('Rumah'),
    recipient: text('Ni Luh Putu Sari'),
    phone: text('081234567890'),
    street: text('Jl. Raya Ubud No. 1'),
    district: text('Ubud'),
    city: text('Kabupaten Gianyar'),
    province: text('Bali'),
    postalCode: text('80571'),
    isDefault: [true, fc.oneof(extremeText, extremeInt)],
    sku: text(`FUZZ-${newId().slice(-6)}`),
    options: [{ ukuran: 'M' }, fc.dictionary(extremeText, extremeText, { maxKeys: 3 })],
    price: int(350_000),
    stock: int(5),
    title: localized('Kain endek Sidemen motif cepuk'),
    description: localized('Kain endek tenun tangan dari Sidemen, Karangasem.'),
    category: text('endek'),
    categorySlug: text('endek'),
    materials: [['benang katun'], fc.array(extremeText, { maxLength: 3 })],
    techniques: [['tenun ikat'], fc.array(extremeText, { maxLength: 3 })],
    regency: text('karangasem'),
    dimensionsCm: [{ length: 200, width: 110, height: 1 }, fc.record({ length: extremeInt, width: extremeInt, height: extremeInt })],
    packageCm: [{ length: 30, width: 20, height: 5 }, fc.record({ length: extremeInt, width: extremeInt, height: extremeInt })],
    weightGrams: int(450),
    handmade: [true, extremeInt],
    leadTimeDays: int(7),
    slug: text(`fuzz-${newId().slice(-6)}`),
    kind: ['campaign', extremeText],
    startsAt: date(future),
    endsAt: date(new Date(Date.now() + 8 * DAY).toISOString()),
    expiresAt: date(future),
    from: date(new Date(Date.now() - 30 * DAY).toISOString()),
    to: date(future),
    discountPercent: int(10),
    rateBps: int(1000),
    ttlSeconds: int(3600),
    listingIds: [[ids.listing], extremeIds([ids.listing])],
    artisanIds: [[ids.artisan], extremeIds([ids.artisan])],
    ids: [[ids.listing], extremeIds(Object.values(ids))],
    items: [[ids.listing], extremeIds([ids.listing])],
    order: [[ids.collection], extremeIds([ids.collection])],
    roles: [['buyer'], fc.array(extremeText, { maxLength: 3 })],
    decision: ['approve', extremeText],
    status: ['active', extremeText],
    published: [true, extremeText],
    courier: text('JNE'),
    service: text('REG'),
    trackingNumber: text('JNE1234567890'),
    amount: ['10000', fc.oneof(extremeInt, extremeText)],
    scope: ['shop', extremeText],
    name: text('Akun Fuzz'),
    shopName: text('Toko Fuzz'),
    shopSlug: text(`toko-fuzz-${newId().slice(-6)}`),
    story: text('Penenun endek dari Sidemen sejak 1990.'),
    craftTypes: [['endek'], fc.array(extremeText, { maxLength: 3 })],
    evidence: text('Sertifikat indikasi geografis nomor 12.'),
    resolution: ['refund', extremeText],
    idempotencyKey: text(newId()),
    before: text('9'),
    refreshToken: text('not-a-token'),
    orderLineId: id(ids.orderLine),
    code: text('indikasi-geografis'),
    variants: [[{ sku: `FUZZ-${newId().slice(-6)}`, options: { ukuran: 'M' }, price: 350_000, stock: 5 }], fc.array(fc.record({ sku: extremeText, options: fc.dictionary(extremeText, extremeText, { maxKeys: 2 }), price: extremeInt, stock: extremeInt }), { maxLength: 3 })],
    variant: [{ sku: `FUZZ-${newId().slice(-6)}`, options: {}, price: 350_000, stock: 5 }, fc.record({ sku: extremeText, price: extremeInt, stock: extremeInt })],
    prices: [[{ variantId: ids.variant, price: 300_000 }], fc.array(fc.record({ variantId: fc.oneof(fc.uuid(), fc.constant(ids.variant)), price: fc.oneof(extremeInt, fc.constant(null)) }), { maxLength: 3 })],
    photoIds: [[ids.photo], extremeIds([ids.photo])],
    reply: text('Terima kasih atas ulasannya.'),
    token: text('not-a-token'),
    bankReference: text('TRX-0001'),
    bankAccount: [{ bankName: 'BPD Bali', accountName: 'Ni Made Fuzz', accountNumber: '0123456789' }, fc.record({ bankName: extremeText, accountName: extremeText, accountNumber: fc.oneof(extremeText, extremeInt) })],
    channelCategoryId: text('100'),
    values: [{ warna: 'merah' }, fc.dictionary(extremeText, extremeText, { maxKeys: 3 })],
  };
}

/** Every field valid-looking, a few of them (or all, anywhere from none) at an extreme. */
function kitchenSink(vocab: Record<string, [unknown, fc.Arbitrary<unknown>]>, names = Object.keys(vocab)): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(fc.subarray(names, { maxLength: Math.min(3, names.length) }), fc.subarray(names, { maxLength: Math.min(2, names.length) }))
    .chain(([bent, dropped]) =>
      fc.tuple(...bent.map((n) => vocab[n][1])).map((values) => {
        const body: Record<string, unknown> = Object.fromEntries(names.filter((n) => !dropped.includes(n)).map((n) => [n, vocab[n][0]]));
        bent.forEach((n, i) => (body[n] = values[i]));
        return body;
      }),
    );
}

// Header values as a client may send them (latin-1, no line breaks): tokens that are not ours,
// cart tokens and webhook signatures that are not what the server gave out.
const headerText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.uuid(),
  fc.constantFrom('', ' ', 'null', 'x'.repeat(6000), 't=1,v1=abc', 't=99999999999999999999,v1=', 'sha256=00'),
);
function strangeAuth(token: string): fc.Arbitrary<string> {
  const [head, payload] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['admin', 'curator'] })).toString('base64url');
  return fc.oneof(
    fc.constantFrom('Bearer', 'Bearer ', 'Bearer x', 'Bearer a.b.c', 'Bearer ..', 'Basic Zm9vOmJhcg==', `bearer ${token}`, `Bearer  ${token}`, `Bearer ${token}x`),
    fc.constantFrom('eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIiwicm9sZXMiOlsiYWRtaW4iXX0.', `${head}.${forged}.${token.split('.')[2]}`, `${head}.bm90IGpzb24.x`, `e30.e30.e30`).map((t) => `Bearer ${t}`),
    headerText.map((t) => `Bearer ${t}`),
  );
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8'];
const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...JSON_TYPES) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data', 'text/csv',
      'application/json; charset=utf-16', 'application/vnd.api+json', '*/*', 'application/json; boundary=x', 'image/png',
    ),
  },
);

function jsonBody(doc: OpenApiDoc, op: Operation, reals: string[], vocab: Record<string, [unknown, fc.Arbitrary<unknown>]>, known: string[]): fc.Arbitrary<{ type: string; body: Buffer; what: string }> {
  const names = Object.keys(deref(doc, op.body ?? undefined).properties ?? {});
  const field = fc.oneof(fc.constantFrom(...(names.length ? names : Object.keys(vocab))), fc.string({ maxLength: 8 }));
  const text = fc.oneof(
    { weight: 8, arbitrary: kitchenSink(vocab, known).map((b) => JSON.stringify(b)) },
    { weight: 3, arbitrary: fc.tuple(plausible(doc, op.body ?? undefined, reals), fc.dictionary(fc.string({ maxLength: 8 }), weird, { maxKeys: 2 }), fc.boolean()).map(([v, extra, more]) => JSON.stringify(more && v && typeof v === 'object' && !Array.isArray(v) ? { ...v, ...extra } : v) ?? 'null') },
    { weight: 2, arbitrary: weird.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.tuple(field, hugeNumberText).map(([k, n]) => `{${JSON.stringify(k)}:${/^-?\d/.test(n) ? n : JSON.stringify(n)}}`) },
    { weight: 1, arbitrary: fc.tuple(field, fc.integer({ min: 20, max: 3000 })).map(([k, n]) => `{${JSON.stringify(k)}:${'['.repeat(n)}${']'.repeat(n)}}`) },
    { weight: 1, arbitrary: fc.tuple(field, fc.integer({ min: 20, max: 3000 })).map(([k, n]) => `${'{"a":'.repeat(n)}${JSON.stringify(k)}${'}'.repeat(n)}`) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '', ' ', '{', '}', '{"a":}', '{"a":1,}', "{'a':1}", '{"a":NaN}', '{"a":undefined}', '[]', '[{}]', '"x"', '1', 'null', 'true', '{}',
        '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1,"a":2}', '\u0000', '\ufeff{}', '{"a":"\\ud800"}',
        '{"a":"\\u0000"}', '{"\\u0000":1}', '{"a":1}garbage', `{"a":"${'x'.repeat(200_000)}"}`,
      ),
    },
  );
  return fc.tuple(contentType, text).map(([type, t]) => ({ type, body: Buffer.from(t), what: `${type || '(no content-type)'} ${t.length > 300 ? `${t.slice(0, 300)}… (${t.length} chars)` : t}` }));
}

function multipartBody(image: Buffer): fc.Arbitrary<{ type: string; body: Buffer; what: string }> {
  const part = (boundary: string, headers: string, content: Buffer | string) =>
    Buffer.concat([Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from('\r\n')]);
  const fileHead = (type: string, name = 'file', filename = 'kain.png') =>
    `content-disposition: form-data; name="${name}"; filename="${filename}"\r\ncontent-type: ${type}`;
  return fc
    .tuple(
      fc.constantFrom('empty file', 'truncated', 'no boundary', 'wrong boundary', 'not an image', 'text/plain part', 'two files', 'no filename', 'fields only', 'no closing', 'ok', 'json instead'),
      fc.oneof(nastyText, fc.constant('Kain endek')),
      fc.uint8Array({ maxLength: 64 }),
    )
    .map(([kind, alt, noise]) => {
      const b = `----fuzz${newId().slice(-12)}`;
      const altPart = part(b, `content-disposition: form-data; name="alt"`, Buffer.from(alt));
      const end = Buffer.from(`--${b}--\r\n`);
      const form = `multipart/form-data; boundary=${b}`;
      const bytes = Buffer.from(noise);
      const bodies: Record<string, { type: string; body: Buffer }> = {
        'empty file': { type: form, body: Buffer.concat([part(b, fileHead('image/png'), Buffer.alloc(0)), altPart, end]) },
        truncated: { type: form, body: Buffer.concat([Buffer.from(`--${b}\r\n${fileHead('image/png')}\r\n\r\n`), image.subarray(0, image.length >> 1)]) },
        'no boundary': { type: 'multipart/form-data', body: Buffer.concat([part(b, fileHead('image/png'), image), end]) },
        'wrong boundary': { type: 'multipart/form-data; boundary=elsewhere', body: Buffer.concat([part(b, fileHead('image/png'), image), end]) },
        'not an image': { type: form, body: Buffer.concat([part(b, fileHead('image/png'), bytes), altPart, end]) },
        'text/plain part': { type: form, body: Buffer.concat([part(b, fileHead('text/plain', 'file', 'a.txt'), 'halo'), end]) },
        'two files': { type: form, body: Buffer.concat([part(b, fileHead('image/png'), image), part(b, fileHead('image/png'), image), altPart, end]) },
        'no filename': { type: form, body: Buffer.concat([part(b, `content-disposition: form-data; name="file"\r\ncontent-type: image/png`, image), end]) },
        'fields only': { type: form, body: Buffer.concat([altPart, part(b, `content-disposition: form-data; name="${alt.slice(0, 20).replace(/["\r\n]/g, '')}"`, 'x'), end]) },
        'no closing': { type: form, body: Buffer.concat([part(b, fileHead('image/png'), image), altPart]) },
        ok: { type: form, body: Buffer.concat([part(b, fileHead('image/png'), image), altPart, end]) },
        'json instead': { type: 'application/json', body: Buffer.from(JSON.stringify({ file: alt, alt })) },
      };
      return { ...bodies[kind], what: `multipart ${kind}, alt ${JSON.stringify(alt.slice(0, 80))}` };
    });
}

const CSV_HEADER = 'listing_id,handle,title_id,title_en,description_id,description_en,category,materials,techniques,regency,length_cm,width_cm,height_cm,weight_grams,handmade,lead_time_days,sku,options,price,stock';

function csvBody(reals: string[]): fc.Arbitrary<{ type: string; body: Buffer; what: string }> {
  const cell = fc.oneof(
    fc.constantFrom('', 'endek', 'karangasem', 'yes', 'ukuran=M', '350000', '5', '"', '""', '"a,b"', '"unterminated', 'a\nb', '=cmd()', ...reals.slice(0, 3)),
    hugeNumberText,
    nastyText,
  );
  const row = fc.array(cell, { minLength: 0, maxLength: 24 }).map((cells) => cells.join(','));
  const text = fc.tuple(fc.constantFrom(CSV_HEADER, CSV_HEADER.split(',').slice(0, 5).join(','), '', 'a,b,c', `\ufeff${CSV_HEADER}`), fc.array(row, { maxLength: 4 }), fc.constantFrom('\n', '\r\n', '\r'));
  return fc.tuple(text, fc.constantFrom('text/csv', 'text/csv; charset=utf-8', 'text/csv; charset=latin1', 'application/json'), fc.oneof(fc.constant(null), fc.uint8Array({ minLength: 1, maxLength: 16 }))).map(([[head, rows, nl], type, junk]) => {
    const t = [head, ...rows].join(nl);
    const body = junk ? Buffer.concat([Buffer.from(t), Buffer.from([0xff, 0xfe]), Buffer.from(junk)]) : Buffer.from(t);
    return { type, body, what: `${type} ${JSON.stringify(t.slice(0, 300))}${junk ? ' + bytes that are not UTF-8' : ''}` };
  });
}

/** `{ error: { code, message, details? } }`, the one shape the OpenAPI document promises for errors. */
function isApiError(text: string): boolean {
  try {
    const { error } = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return typeof error?.code === 'string' && typeof error.message === 'string';
  } catch {
    return false;
  }
}

interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

/** Who a route is for, by where it lives: the person a real client would sign in as. */
function roleOf(method: Method, path: string): Role {
  const p = path.replace(V1, '');
  if (p.startsWith('/admin')) return 'admin';
  if (p.startsWith('/curation')) return 'curator';
  if (/^\/(artisans|channels|artisan\/|payouts|reviews\/\{id\}\/reply)/.test(p)) return 'artisan';
  if (p.startsWith('/listings') && (method !== 'get' || /^\/listings\/(mine|export|imports)/.test(p) || p.includes('stock-history'))) return 'artisan';
  return 'buyer';
}

describe('fuzz: every route of the OpenAPI document, fed malformed input, answers < 500, leaks nothing, and a 4xx writes nothing', () => {
  let sys: TestSystem;
  let base: { host: string; port: number };
  let agent: http.Agent;
  let operations: Operation[];
  let doc: OpenApiDoc;
  let sessions: Record<Role, Session>;
  let realByParam: Record<string, string[]>;
  let reals: string[];
  let image: Buffer;
  let pg: Client;
  let fingerprintSql: string;
  let vocab: Record<string, [unknown, fc.Arbitrary<unknown>]>;
  const fieldsOf = new Map<string, string[]>();
  const queryKeysOf = new Map<string, string[]>();

  beforeAll(async () => {
    sys = await bootSystem('fuzz-routes', { env: { BANK_CALLBACK_SECRET: BANK_SECRET, SEARCH_RECONCILE_SECONDS: '3600' } });
    const address = sys.http.address() as AddressInfo;
    base = { host: '127.0.0.1', port: address.port };
    // A connection per request: a socket the server closes after an early answer (a 413, a 431)
    // must not be reused for the next request and read as that request's failure.
    agent = new http.Agent({ keepAlive: false });
    const api = () => request(sys.http);

    // People of each role, and real rows for the fuzzer to reach past the 404: a shop with a
    // listing and a photo, a paid order with its shipment, a campaign and a collection.
    const artisan = await registerWithRoles(sys, ['buyer', 'artisan']);
    const shopSlug = `toko-fuzz-${newId().slice(-6)}`;
    const artisanId = await insertArtisan(sys, artisan.user.id, { shopSlug });
    const curator = await registerWithRoles(sys, ['buyer', 'curator']);
    const admin = await registerWithRoles(sys, ['buyer', 'admin']);
    const listing = await insertListing(sys, artisanId, { variants: [{ stock: 1000 }] });
    image = await png(64, 48);
    const photo = await api().post(`${V1}/listings/${listing.id}/photos`).set(bearer(artisan)).attach('file', await png(400, 300), { filename: 'kain.png', contentType: 'image/png' }).field('alt', 'Kain endek').expect(201);
    const buyer = await newBuyer(sys, [{ variantId: listing.variants[0].id, quantity: 1 }]);
    const order = await paidOrder(sys, buyer, curator, { [artisanId]: 'JNE:REG' });
    await api().post(`${V1}/cart/lines`).set(bearer(buyer.session)).send({ variantId: listing.variants[0].id, quantity: 1 }).expect(200);
    const start = new Date(Date.now() + 86_400_000);
    const campaign = (
      await api()
        .post(`${V1}/curation/campaigns`)
        .set(bearer(curator))
        .send({ kind: 'campaign', slug: `fuzz-${newId().slice(-6)}`, title: { id: 'Selasa Endek' }, description: { id: 'Endek untuk hari Selasa.' }, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 7 * 86_400_000).toISOString(), discountPercent: 10 })
        .expect(201)
    ).body as { id: string; slug: string };
    const collection = (
      await api().post(`${V1}/curation/collections`).set(bearer(curator)).send({ slug: `tenun-${newId().slice(-6)}`, title: { id: 'Tenun pilihan' }, description: { id: 'Tenun pilihan dewan kerajinan.' } }).expect(201)
    ).body as { id: string; slug: string };
    sessions = { buyer: buyer.session, artisan, curator, admin };

    const ids = [listing.id, listing.variants[0].id, order.id, order.shipments[0].id, order.paymentId!, buyer.addressId, campaign.id, collection.id, artisanId, photo.body.id as string];
    realByParam = {
      id: ids,
      listingId: [listing.id],
      variantId: [listing.variants[0].id],
      artisanId: [artisanId],
      photoId: [photo.body.id],
      slug: [shopSlug, campaign.slug, collection.slug],
      categorySlug: ['endek', 'tenun'],
      channel: [...CHANNELS],
      app: ['gateway', ...SERVICE_NAMES],
      queue: ['catalog-events', 'orders-events', 'search-index'],
      categoryId: ['1', '100'],
    };
    reals = [...ids, shopSlug, campaign.slug, 'endek', 'JNE:REG'];
    vocab = vocabulary({
      listing: listing.id, variant: listing.variants[0].id, order: order.id, shipment: order.shipments[0].id, payment: order.paymentId!,
      orderLine: order.shipments[0].lines[0].id, address: buyer.addressId, campaign: campaign.id, collection: collection.id, artisan: artisanId, photo: photo.body.id as string,
    });

    doc = (await api().get('/api/docs-json').expect(200)).body as OpenApiDoc;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => {
          const content = op.requestBody?.content ?? {};
          return {
            method: method as Method,
            path,
            params: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
            queryNames: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
            body: content['application/json']?.schema ?? null,
            kind: content['multipart/form-data'] ? 'multipart' : content['text/csv'] ? 'csv' : 'json',
            role: roleOf(method as Method, path),
          } satisfies Operation;
        }),
    );

    pg = new Client({ connectionString: sys.db.url });
    await pg.connect();
    fingerprintSql = await fingerprintQuery(pg);
  });
  afterAll(async () => {
    await pg?.end();
    agent?.destroy();
    await sys?.close();
  });

  /**
   * Every table of every app schema: its row count and a hash of its rows, so an insert, an
   * update or a delete anywhere shows. Left out by design: identity.curator_actions, the audit
   * log, which keeps every curator write including refused ones; the tables that consumers and
   * jobs keep on their own clock, which an earlier 2xx can still be writing to (each schema's
   * inbox of applied events, search runs and index bookkeeping, the channels' queue of stock to
   * push); and of each outbox only its count, since the relay marks rows sent whenever it runs.
   * Login throttles and rate-limit counters live in Redis, not here.
   */
  async function fingerprintQuery(c: Client): Promise<string> {
    const { rows } = await c.query<{ s: string; t: string }>(
      `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema', 'public')
         AND table_name <> 'inbox'
         AND (table_schema || '.' || table_name) NOT IN ('identity.curator_actions', 'search.runs', 'search.meta', 'search.listing_state', 'channels.stock_dirty')
       ORDER BY 1, 2`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(40);
    return rows
      .map(({ s, t }) => {
        const hash = t === 'outbox' ? '0' : 'coalesce(sum(hashtextextended(x::text, 0)), 0)';
        return `SELECT '${s}.${t}' AS t, count(*)::text AS n, ${hash}::text AS h FROM "${s}"."${t}" x`;
      })
      .join('\nUNION ALL ');
  }

  // Hashing every table per request is the slow part; a write of any kind completes a
  // transaction id, so while the server's next id has not moved, the last fingerprint still holds.
  let lastXmax = '';
  let lastPrint: Record<string, string> = {};
  let printMs = 0;
  async function fingerprint(): Promise<Record<string, string>> {
    const t0 = Date.now();
    try {
      return await fingerprintNow();
    } finally {
      printMs += Date.now() - t0;
    }
  }
  async function fingerprintNow(): Promise<Record<string, string>> {
    const { rows: [{ xmax }] } = await pg.query<{ xmax: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax');
    if (xmax === lastXmax) return lastPrint;
    const { rows } = await pg.query<{ t: string; n: string; h: string }>(fingerprintSql);
    lastXmax = xmax;
    lastPrint = Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
    return lastPrint;
  }

  /**
   * The fingerprint once what a 2xx set going (the outbox relay, event consumers, jobs) has
   * finished writing: unchanged over 300 ms, or whatever it is after 3 s.
   */
  async function settled(): Promise<Record<string, string>> {
    let last = await fingerprint();
    let quiet = 0;
    for (let i = 0; i < 30 && quiet < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const now = await fingerprint();
      quiet = JSON.stringify(now) === JSON.stringify(last) ? quiet + 1 : 0;
      last = now;
    }
    return last;
  }

  /**
   * A 503 is allowed only while a dependency really is down (/ready says which): the suites share
   * one Meilisearch, and another suite may stop it. None should be down here; each is printed.
   */
  const downs: string[] = [];
  async function somethingDown(): Promise<boolean> {
    const ready = await send('get', { url: '/ready', headers: {}, what: '' });
    if (ready.status !== 503) return false;
    downs.push(ready.text.slice(0, 300));
    return true;
  }

  function send(method: Method, req: FuzzRequest): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...req.headers };
      if (req.body) headers['content-length'] = req.body.length;
      const r = http.request({ ...base, agent, method: method.toUpperCase(), path: req.url, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      r.on('error', reject);
      r.end(req.body);
    });
  }

  function requestFor(op: Operation): fc.Arbitrary<FuzzRequest> {
    const fill = (values: string[]) => {
      let i = 0;
      return op.path.replace(/\{[^}]+\}/g, () => values[i++]);
    };
    const realPath = fc.tuple(...op.params.map((p) => fc.constantFrom(...(realByParam[p] ?? realByParam.id)).map(pct))).map(fill);
    const badPath = fc.tuple(...op.params.map((p) => pathValue(realByParam[p] ?? realByParam.id))).map(fill);
    const hasBody = op.method !== 'get' && op.method !== 'delete';
    // A body where none is read (a GET's, a DELETE's) is sent too, now and then.
    const strayBody = hasBody ? fc.constant(null) : fc.option(jsonBody(doc, op, reals, vocab, Object.keys(vocab)), { freq: 3 });
    const known = fieldsOf.get(`${op.method} ${op.path}`) ?? Object.keys(vocab);
    const validJson = { type: 'application/json', body: Buffer.from(JSON.stringify(Object.fromEntries(known.map((n) => [n, vocab[n][0]])))), what: 'the valid-looking body' };
    const badBody =
      !hasBody ? fc.constant(null)
      : op.kind === 'multipart' ? multipartBody(image)
      : op.kind === 'csv' ? csvBody(reals)
      : jsonBody(doc, op, reals, vocab, known);
    const goodBody = !hasBody ? fc.constant(null) : op.kind === 'json' ? fc.constant(validJson) : badBody;
    // One part malformed at a time reaches further than all at once (a bad id is refused before
    // the body is read); now and then everything is malformed together.
    const parts = fc.constantFrom('path', 'query', 'body', 'all').chain((focus) =>
      fc.tuple(
        focus === 'path' || focus === 'all' ? badPath : realPath,
        focus === 'query' || focus === 'all' ? queryString(op.queryNames, queryKeysOf.get(`${op.method} ${op.path}`) ?? []) : fc.constant(''),
        focus === 'body' || focus === 'all' ? (hasBody ? badBody : strayBody) : goodBody,
        fc.option(fc.oneof(fc.uuid(), extremeText), { freq: 3 }),
        fc.record(
          {
            authorization: strangeAuth(sessions.buyer.accessToken),
            'x-cart-token': headerText,
            'stripe-signature': headerText,
            'x-bank-signature': headerText,
            'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip'),
          },
          { requiredKeys: [] },
        ),
      ),
    );
    return parts.map(([p, q, b, key, extra]) => {
      const url = q ? `${p}?${q}` : p;
      const headers: Record<string, string> = { ...extra, ...(b?.type ? { 'content-type': b.type } : {}) };
      // Checkout and refunds read an Idempotency-Key header.
      if (key !== null && /^[\x20-\x7e]*$/.test(key)) headers['idempotency-key'] = key;
      return { url, headers, body: b?.body, what: `${op.method.toUpperCase()} ${url.length > 400 ? `${url.slice(0, 400)}… (${url.length} chars)` : url}${b ? `\n  body: ${b.what}` : ''}${Object.keys(extra).length || key !== null ? `\n  headers: ${JSON.stringify({ ...extra, 'idempotency-key': headers['idempotency-key'] }).slice(0, 400)}` : ''}` };
    });
  }

  /**
   * Inputs the fuzzer once found a 5xx with, tried first on every route they fit so the class
   * stays fixed whatever the seed: a date Postgres cannot hold (before 4713 BC) in each date key.
   */
  function examplesFor(op: Operation): FuzzRequest[] {
    const path = op.path.replace(/\{([^}]+)\}/g, (_m, p: string) => (realByParam[p] ?? realByParam.id)[0]);
    const dateKeys = (queryKeysOf.get(`${op.method} ${op.path}`) ?? []).filter((k) => ['from', 'to', 'before'].includes(k));
    return dateKeys.map((k) => {
      const url = `${path}?${k}=${pct('-097174-04-08T21:37:09.936Z')}`;
      return { url, headers: {}, what: `${op.method.toUpperCase()} ${url} (a kept example)` };
    });
  }

  it(`holds for ${RUNS} generated requests per route, each sent anonymously and signed in (seed ${SEED})`, async () => {
    const started = Date.now();
    const chosen = operations.filter((o) => !ONLY || `${o.method} ${o.path}` === ONLY);
    if (!ONLY) {
      expect(chosen.length).toBeGreaterThanOrEqual(130);
      expect(chosen.filter((o) => o.kind === 'multipart').length).toBe(4);
      expect(chosen.filter((o) => o.kind === 'csv').length).toBeGreaterThanOrEqual(2);
    }
    const failures: string[] = [];
    // Which of the known fields each write route takes: a strict parse names the keys it does
    // not know, so the valid-looking body loses them until the route reads it.
    for (const op of chosen.filter((o) => o.kind === 'json' && o.method !== 'get' && o.method !== 'delete')) {
      const route = `${op.method} ${op.path}`;
      let names = Object.keys(vocab);
      for (let round = 0; round < 6; round++) {
        const url = op.path.replace(/\{([^}]+)\}/g, (_m, p: string) => (realByParam[p] ?? realByParam.id)[0]);
        const body = Buffer.from(JSON.stringify(Object.fromEntries(names.map((n) => [n, vocab[n][0]]))));
        const res = await send(op.method, { url, headers: { 'content-type': 'application/json', ...bearer(sessions[op.role]) }, body, what: '' });
        if (res.status >= 500 || INTERNAL.test(res.text)) failures.push(`${route}: ${res.status} to the valid-looking body: ${res.text.slice(0, 300)}`);
        const unknown = [...res.text.matchAll(/Unrecognized key\(s\) in object: ([^"\]]+)/g)].flatMap((m) => [...m[1].matchAll(/'([^']+)'/g)].map((k) => k[1]));
        if (unknown.length === 0) break;
        names = names.filter((n) => !unknown.includes(n));
      }
      fieldsOf.set(route, names);
    }
    // Which query keys each read takes, learnt the same way.
    for (const op of chosen.filter((o) => o.method === 'get')) {
      let names = Object.keys(QUERY_VOCABULARY);
      for (let round = 0; round < 6; round++) {
        const path = op.path.replace(/\{([^}]+)\}/g, (_m, p: string) => (realByParam[p] ?? realByParam.id)[0]);
        const url = `${path}?${names.map((n) => `${n}=${encodeURIComponent(QUERY_VOCABULARY[n])}`).join('&')}`;
        const res = await send('get', { url, headers: bearer(sessions[op.role]), what: '' });
        const unknown = [...res.text.matchAll(/Unrecognized key\(s\) in object: ([^"\]]+)/g)].flatMap((m) => [...m[1].matchAll(/'([^']+)'/g)].map((k) => k[1]));
        if (unknown.length === 0) break;
        names = names.filter((n) => !unknown.includes(n));
      }
      if (names.length < Object.keys(QUERY_VOCABULARY).length) queryKeysOf.set(`${op.method} ${op.path}`, names);
    }
    let baseline = await settled();
    let sent = 0;
    const debug: string[] = [];
    for (const op of chosen) {
      const index = operations.indexOf(op); // the seed of a route does not move when others are filtered out
      const route = `${op.method} ${op.path}`;
      const result = await fc.check(
        fc.asyncProperty(requestFor(op), async (req) => {
          for (const who of [null, sessions[op.role]] as const) {
            // Signed in, the session's own token replaces whatever strange one was made.
            const headers = who ? { ...Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'authorization')), ...bearer(who) } : req.headers;
            const t0 = Date.now();
            const res = await send(op.method, { ...req, headers }).catch((err: Error) => {
              throw new Error(`no answer (${err.message}) as ${who ? op.role : 'anonymous'} for ${req.what}`);
            });
            sent += 1;
            if (process.env.FUZZ_DEBUG) debug.push(`${res.status} ${Date.now() - t0}ms ${who ? op.role : 'anon'} ${req.what.slice(0, 200).replace(/\n/g, ' ')} => ${res.text.slice(0, 160)}`);
            const as = who ? op.role : 'anonymous';
            const seen = `${res.status} as ${as} for ${req.what}\n  answered: ${res.text.slice(0, 400)}`;
            if (res.status >= 500 && !(res.status === 503 && (await somethingDown()))) throw new Error(`5xx: ${seen}`);
            const leak = INTERNAL.exec(res.text);
            if (leak) throw new Error(`internals ("${leak[0]}") in the body: ${seen}`);
            // /health and /ready answer a report of their own, outside the API.
            if (res.status >= 400 && op.path.startsWith(V1) && !isApiError(res.text)) throw new Error(`not the API's error shape: ${seen}`);
            if (res.status >= 400) {
              const now = await fingerprint();
              const changed = Object.keys(now).filter((t) => now[t] !== baseline[t]);
              if (changed.length > 0) {
                baseline = await settled();
                throw new Error(`a ${res.status} wrote to ${changed.join(', ')}: ${seen}`);
              }
            } else {
              // A read answers from what is there; a write may set events and jobs going.
              baseline = op.method === 'get' ? await fingerprint() : await settled();
            }
          }
        }),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true, examples: examplesFor(op).map((e) => [e] as [FuzzRequest]) },
      );
      if (result.failed) {
        failures.push(`${route} (replay: FUZZ_SEED=${SEED} FUZZ_ROUTE='${route}', fast-check seed ${result.seed} path ${result.counterexamplePath})\n  ${(result.errorInstance as Error)?.message ?? String(result.errorInstance)}`);
      }
    }
    // eslint-disable-next-line no-console
    console.log(`fuzz-routes: ${chosen.length} routes, ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s (${(printMs / 1000).toFixed(1)} s of it reading the database), seed ${SEED}`);
    // eslint-disable-next-line no-console
    if (downs.length > 0) console.warn(`fuzz-routes: ${downs.length} answers of 503 while a dependency was down:\n${downs.join('\n')}`);
    if (process.env.FUZZ_DEBUG) writeFileSync(process.env.FUZZ_DEBUG, debug.join('\n'));
    expect(failures).toEqual([]);
  }, Number(process.env.FUZZ_TIMEOUT_MS ?? 170_000));
});
