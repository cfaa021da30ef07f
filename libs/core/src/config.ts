import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SERVICE_NAMES, ServiceName } from '@pk/contracts';

const DEFAULT_PORTS: Record<ServiceName, number> = {
  catalog: 4001,
  orders: 4002,
  payments: 4003,
  search: 4004,
  channels: 4005,
};
const DEV_JWT_SECRET = 'pasar-kriya-dev-secret-change-me-in-production';
// Development and tests only: every app of `npm start` and of a test system reads the same one.
const DEV_SERVICE_RPC_SECRET = 'pasar-kriya-dev-rpc-secret-change-me-in-production';

const bool = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);
const positive = z.coerce.number().int().positive();

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/pasar_kriya'),
    DATABASE_POOL_SIZE: positive.default(10),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('pk'),
    MEILI_URL: z.string().url().default('http://127.0.0.1:7700'),
    MEILI_MASTER_KEY: z.string().default('pk-dev-master-key-0123456789'),
    MEILI_INDEX_PREFIX: z.string().regex(/^[a-z0-9_-]*$/i).default(''),
    WORKERS: bool.default('on'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    RPC_TIMEOUT_MS: positive.default(5000),
    RPC_BIND_HOST: z.string().default('127.0.0.1'),
    PK_PROCESSES: z.enum(['multi', 'single']).default('multi'),
    HOST: z.string().default('0.0.0.0'),
    GATEWAY_PORT: port.default(3000),
    BODY_LIMIT_BYTES: positive.default(1_048_576),
    PK_CHECK_REPLIES: z.enum(['0', '1']).default('0'),
    CSV_BODY_LIMIT_BYTES: positive.default(10_485_760),
    TRUST_PROXY: bool.default('off'),
    JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').default(DEV_JWT_SECRET),
    JWT_ACCESS_TTL_SECONDS: positive.default(900),
    AUTH_SESSION_CACHE_SECONDS: positive.default(60),
    AUTH_SESSION_LOCAL_MS: z.coerce.number().int().min(0).default(5000),
    SERVICE_RPC_SECRET: z.string().min(32, 'SERVICE_RPC_SECRET must be at least 32 characters').default(DEV_SERVICE_RPC_SECRET),
    REFRESH_TTL_SECONDS: positive.default(30 * 24 * 3600),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: positive.default(5),
    LOGIN_MAX_FAILURES_PER_IP: positive.default(20),
    LOGIN_WINDOW_SECONDS: positive.default(900),
    REGISTER_MAX_PER_IP: positive.default(20),
    REGISTER_WINDOW_SECONDS: positive.default(600),
    PASSWORD_SCRYPT_COST: z.coerce.number().int().min(1024).default(16384),
    MEDIA_DIR: z.string().default('.data/media'),
    MEDIA_PUBLIC_URL: z.string().default('/media'),
    S3_BUCKET: z.string().optional(),
    S3_ENDPOINT: z.string().url().optional(),
    S3_REGION: z.string().default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_PUBLIC_URL: z.string().url().optional(),
    RESERVATION_SWEEP_SECONDS: positive.default(15),
    MARKS_SWEEP_SECONDS: positive.default(5),
    SEARCH_RECONCILE_SECONDS: positive.default(300),
    MEILI_TIMEOUT_MS: positive.default(5000),
    PUBLIC_URL: z.string().url().optional(),
    TIKTOK_SHOP_API_URL: z.string().url().default('https://open-api.tiktokglobalshop.com'),
    TIKTOK_SHOP_AUTH_URL: z.string().url().default('https://auth.tiktok-shops.com'),
    TIKTOK_SHOP_AUTHORIZE_URL: z.string().url().default('https://services.tiktokshop.com/open/authorize'),
    TIKTOK_SHOP_APP_KEY: z.string().max(200).optional(),
    TIKTOK_SHOP_APP_SECRET: z.string().max(500).optional(),
    LAZADA_API_URL: z.string().url().default('https://api.lazada.co.id/rest'),
    // Lazada's token APIs live on one auth host for every country (seller-authorization-introduction.md), never the API host.
    LAZADA_AUTH_URL: z.string().url().default('https://auth.lazada.com/rest'),
    LAZADA_AUTHORIZE_URL: z.string().url().default('https://auth.lazada.com/oauth/authorize'),
    LAZADA_APP_KEY: z.string().max(200).optional(),
    LAZADA_APP_SECRET: z.string().max(500).optional(),
    LAZADA_REQUESTS_PER_SECOND: positive.default(20),
    CHANNELS_SECRET_KEY: z.string().optional(),
    CHANNEL_EXPORT_CRON: z.string().default('0 1 * * *'),
    CHANNEL_STOCK_PUSH_DELAY_MS: z.coerce.number().int().min(0).default(1000),
    CHANNEL_CAMPAIGN_EXPORT_DELAY_MS: z.coerce.number().int().min(0).default(15000),
    CHANNEL_TOKEN_REFRESH_CRON: z.string().default('*/30 * * * *'),
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'a Stripe secret key (sk_test_… or sk_live_…)').optional(),
    STRIPE_API_URL: z.string().url().default('https://api.stripe.com'),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    STRIPE_PUBLISHABLE_KEY: z.string().optional(),
    BANK_CALLBACK_SECRET: z.string().min(16, 'at least 16 characters').default('pasar-kriya-dev-bank-callback-secret'),
    COMMISSION_DEFAULT_BPS: z.coerce.number().int().min(0).max(5000).default(1000),
    PAYOUT_MINIMUM: positive.default(50_000),
    PAYMENT_WINDOW_CARD_SECONDS: positive.default(30 * 60),
    PAYMENT_WINDOW_TRANSFER_SECONDS: positive.default(24 * 3600),
    SHIP_REMIND_AFTER_SECONDS: positive.default(2 * 24 * 3600),
    SHIP_CANCEL_AFTER_SECONDS: positive.default(3 * 24 * 3600),
    AUTO_COMPLETE_AFTER_SECONDS: positive.default(7 * 24 * 3600),
    ORDERS_SWEEP_SECONDS: positive.default(30),
    OUTBOX_RETENTION_SECONDS: positive.default(7 * 24 * 3600),
    INBOX_RETENTION_SECONDS: positive.default(7 * 24 * 3600),
    RETENTION_SWEEP_SECONDS: positive.default(3600),
    RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(50_000).default(5000),
    UNPAID_TRANSFER_MAX_ORDERS: positive.default(3),
    UNPAID_TRANSFER_MAX_UNITS: positive.default(5),
    UNPAID_TRANSFER_MAX_STOCK_PERCENT: z.coerce.number().int().min(1).max(100).default(50),
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().default('Pasar Kriya <no-reply@pasarkriya.id>'),
    ADMIN_EMAIL: z.string().email().optional(),
    ADMIN_PASSWORD: z.string().min(10, 'ADMIN_PASSWORD must be at least 10 characters').optional(),
    ...Object.fromEntries(
      SERVICE_NAMES.flatMap((name) => [
        [`${name.toUpperCase()}_HOST`, z.string().default('127.0.0.1')],
        [`${name.toUpperCase()}_PORT`, port.default(DEFAULT_PORTS[name])],
      ]),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'set JWT_SECRET in production' });
    }
    if (env.NODE_ENV === 'production' && env.SERVICE_RPC_SECRET === DEV_SERVICE_RPC_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SERVICE_RPC_SECRET'], message: 'set SERVICE_RPC_SECRET (the same in every app) in production' });
    }
    // Photo URLs must point somewhere buyers can fetch: a CDN, or the endpoint's path-style address.
    if (env.S3_BUCKET && !env.S3_PUBLIC_URL && !env.S3_ENDPOINT) {
      ctx.addIssue({ code: 'custom', path: ['S3_PUBLIC_URL'], message: 'set S3_PUBLIC_URL (or S3_ENDPOINT) with S3_BUCKET' });
    }
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'set the webhook endpoint secret (whsec_…) with STRIPE_SECRET_KEY' });
    }
    if (env.NODE_ENV === 'production' && !env.CHANNELS_SECRET_KEY) {
      ctx.addIssue({ code: 'custom', path: ['CHANNELS_SECRET_KEY'], message: 'set CHANNELS_SECRET_KEY (32 bytes, base64) in production' });
    }
    if (env.CHANNELS_SECRET_KEY && Buffer.from(env.CHANNELS_SECRET_KEY, 'base64').length !== 32) {
      ctx.addIssue({ code: 'custom', path: ['CHANNELS_SECRET_KEY'], message: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)' });
    }
    for (const channel of ['TIKTOK_SHOP', 'LAZADA'] as const) {
      if (!env[`${channel}_APP_KEY`] !== !env[`${channel}_APP_SECRET`]) {
        ctx.addIssue({ code: 'custom', path: [`${channel}_APP_SECRET`], message: `set ${channel}_APP_KEY and ${channel}_APP_SECRET together` });
      }
    }
    if (!env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY) {
      ctx.addIssue({ code: 'custom', path: ['S3_SECRET_ACCESS_KEY'], message: 'set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together' });
    }
  });

export interface S3Settings {
  bucket: string;
  /** A non-AWS server (MinIO, R2 …); addressed path-style. */
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface ChannelApp {
  appKey: string;
  appSecret: string;
}

export interface ServiceAddress {
  host: string;
  port: number;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  redisPrefix: string;
  meiliUrl: string;
  meiliKey: string;
  meiliIndexPrefix: string;
  workers: boolean;
  logLevel: string;
  rpcTimeoutMs: number;
  rpcBindHost: string;
  /**
   * `multi`: each app its own process, RPC over TCP. `single`: every app in one process (small
   * servers, the demo), RPC by in-process calls; the apps' code is the same in both.
   */
  processes: 'multi' | 'single';
  /** The key every app signs its RPC envelopes with and every service checks them with. */
  rpcSecret: string;
  services: Record<ServiceName, ServiceAddress>;
  /** csvBodyLimitBytes: the largest bulk-upload CSV (5,000 rows with long descriptions pass 5 MB). */
  /** checkReplies: the gateway parses each forwarded reply with its contract (PK_CHECK_REPLIES=1; tests) */
  gateway: { host: string; port: number; bodyLimitBytes: number; csvBodyLimitBytes: number; trustProxy: boolean; checkReplies: boolean };
  auth: {
    jwtSecret: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
    maxFailuresPerAccount: number;
    maxFailuresPerIp: number;
    loginWindowSeconds: number;
    scryptCost: number;
    /**
     * The per-request check that a token's sign-in is not revoked and its session version current:
     * how long Redis keeps what it read from Postgres, and how long a gateway keeps it in memory
     * (only while it hears invalidations on Redis pub/sub; 0 turns the memory off).
     */
    sessionCacheSeconds: number;
    sessionLocalCacheMs: number;
    /** Registrations (each a costly password hash) one client address may make per window. */
    registerMaxPerIp: number;
    registerWindowSeconds: number;
  };
  admin: { email?: string; password?: string };
  /**
   * Where photos live: a local directory served at publicUrl, or an S3-compatible bucket when `s3`
   * is set (publicUrl is then the bucket's public address).
   */
  media: { dir: string; publicUrl: string; s3: S3Settings | null };
  /** How often the catalog's workers release stock reservations past their expiry. */
  reservations: { sweepSeconds: number };
  /** How often the catalog's workers apply provenance marks that have expired. */
  marks: { sweepSeconds: number };
  /** How often the search app compares its index with the catalogue; how long a Meilisearch call may take. */
  search: { reconcileSeconds: number; meiliTimeoutMs: number };
  /**
   * The channel export: each channel's API and token hosts and request rate, the key credentials
   * are encrypted with, the nightly schedule (Asia/Makassar), how soon a stock change is pushed,
   * and the absolute address photo links are made from.
   */
  channels: {
    /**
     * `app`: our app's key and secret on the channel (one per channel), which sellers authorize;
     * null leaves the channel unconnectable. `authorizeUrl`: where a seller is sent to authorize it.
     */
    tiktokShop: { apiUrl: string; authUrl: string; authorizeUrl: string; app: ChannelApp | null };
    lazada: { apiUrl: string; authUrl: string; authorizeUrl: string; app: ChannelApp | null; requestsPerSecond: number };
    secretKey: Buffer;
    exportCron: string;
    stockPushDelayMs: number;
    /** How long after a campaign starts or ends each active account exports (the listings' events land first); 0: off. */
    campaignExportDelayMs: number;
    /** When authorized accounts' tokens lapsing soon are refreshed (Asia/Makassar). */
    tokenRefreshCron: string;
    publicUrl: string;
  };
  /**
   * Payments: Stripe (card) when a secret key is set, else bank transfer only; the bank's callback
   * key; the council's default commission (basis points) and the smallest payout.
   */
  payments: {
    stripe: { secretKey: string; apiUrl: string; webhookSecret: string; publishableKey: string | null } | null;
    bankCallbackSecret: string;
    commissionDefaultBps: number;
    payoutMinimum: number;
  };
  /** Orders' clocks, in seconds: payment windows, shipping deadlines, auto-completion, the sweep. */
  orders: {
    paymentWindowCardSeconds: number;
    paymentWindowTransferSeconds: number;
    shipRemindAfterSeconds: number;
    shipCancelAfterSeconds: number;
    autoCompleteAfterSeconds: number;
    sweepSeconds: number;
    smtpUrl: string | null;
    mailFrom: string;
    /**
     * What one buyer may hold unpaid by bank transfer (stock stays reserved for the whole transfer
     * window): at most `maxOrders` orders, and of one variant at most the larger of `maxUnits` and
     * `maxStockPercent` of its stock.
     */
    unpaidTransfer: { maxOrders: number; maxUnits: number; maxStockPercent: number };
  };
  /**
   * How long each app keeps published outbox rows and inbox rows (an unpublished row is kept until
   * it is sent), how often it prunes them, and how many rows one DELETE statement removes.
   */
  retention: { outboxSeconds: number; inboxSeconds: number; sweepSeconds: number; batchSize: number };
}

export class ConfigError extends Error {}

/** Validates the environment once at start-up and names every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data as z.infer<typeof schema> & Record<string, string | number>;
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    meiliUrl: e.MEILI_URL,
    meiliKey: e.MEILI_MASTER_KEY,
    meiliIndexPrefix: e.MEILI_INDEX_PREFIX,
    workers: e.WORKERS,
    logLevel: e.LOG_LEVEL,
    rpcTimeoutMs: e.RPC_TIMEOUT_MS,
    rpcBindHost: e.RPC_BIND_HOST,
    processes: e.PK_PROCESSES,
    rpcSecret: e.SERVICE_RPC_SECRET,
    services: Object.fromEntries(
      SERVICE_NAMES.map((name) => [
        name,
        { host: String(e[`${name.toUpperCase()}_HOST`]), port: Number(e[`${name.toUpperCase()}_PORT`]) },
      ]),
    ) as Record<ServiceName, ServiceAddress>,
    gateway: {
      host: e.HOST,
      port: e.GATEWAY_PORT,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      csvBodyLimitBytes: e.CSV_BODY_LIMIT_BYTES,
      trustProxy: e.TRUST_PROXY,
      checkReplies: e.PK_CHECK_REPLIES === '1',
    },
    auth: {
      jwtSecret: e.JWT_SECRET,
      accessTtlSeconds: e.JWT_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: e.REFRESH_TTL_SECONDS,
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
      scryptCost: e.PASSWORD_SCRYPT_COST,
      sessionCacheSeconds: e.AUTH_SESSION_CACHE_SECONDS,
      sessionLocalCacheMs: e.AUTH_SESSION_LOCAL_MS,
      registerMaxPerIp: e.REGISTER_MAX_PER_IP,
      registerWindowSeconds: e.REGISTER_WINDOW_SECONDS,
    },
    admin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD },
    media: mediaConfig(e),
    reservations: { sweepSeconds: e.RESERVATION_SWEEP_SECONDS },
    marks: { sweepSeconds: e.MARKS_SWEEP_SECONDS },
    search: { reconcileSeconds: e.SEARCH_RECONCILE_SECONDS, meiliTimeoutMs: e.MEILI_TIMEOUT_MS },
    channels: {
      tiktokShop: {
        apiUrl: e.TIKTOK_SHOP_API_URL,
        authUrl: e.TIKTOK_SHOP_AUTH_URL,
        authorizeUrl: e.TIKTOK_SHOP_AUTHORIZE_URL,
        app: e.TIKTOK_SHOP_APP_KEY && e.TIKTOK_SHOP_APP_SECRET ? { appKey: e.TIKTOK_SHOP_APP_KEY, appSecret: e.TIKTOK_SHOP_APP_SECRET } : null,
      },
      lazada: {
        apiUrl: e.LAZADA_API_URL,
        authUrl: e.LAZADA_AUTH_URL,
        authorizeUrl: e.LAZADA_AUTHORIZE_URL,
        app: e.LAZADA_APP_KEY && e.LAZADA_APP_SECRET ? { appKey: e.LAZADA_APP_KEY, appSecret: e.LAZADA_APP_SECRET } : null,
        requestsPerSecond: e.LAZADA_REQUESTS_PER_SECOND,
      },
      // Development only (production requires the variable): a fixed key, so restarts can read what was stored.
      secretKey: e.CHANNELS_SECRET_KEY ? Buffer.from(e.CHANNELS_SECRET_KEY, 'base64') : createHash('sha256').update('pasar-kriya-dev-channels').digest(),
      exportCron: e.CHANNEL_EXPORT_CRON,
      stockPushDelayMs: e.CHANNEL_STOCK_PUSH_DELAY_MS,
      campaignExportDelayMs: e.CHANNEL_CAMPAIGN_EXPORT_DELAY_MS,
      tokenRefreshCron: e.CHANNEL_TOKEN_REFRESH_CRON,
      publicUrl: e.PUBLIC_URL ?? `http://127.0.0.1:${e.GATEWAY_PORT}`,
    },
    payments: {
      stripe: e.STRIPE_SECRET_KEY
        ? { secretKey: e.STRIPE_SECRET_KEY, apiUrl: e.STRIPE_API_URL, webhookSecret: e.STRIPE_WEBHOOK_SECRET ?? '', publishableKey: e.STRIPE_PUBLISHABLE_KEY ?? null }
        : null,
      bankCallbackSecret: e.BANK_CALLBACK_SECRET,
      commissionDefaultBps: e.COMMISSION_DEFAULT_BPS,
      payoutMinimum: e.PAYOUT_MINIMUM,
    },
    orders: {
      paymentWindowCardSeconds: e.PAYMENT_WINDOW_CARD_SECONDS,
      paymentWindowTransferSeconds: e.PAYMENT_WINDOW_TRANSFER_SECONDS,
      shipRemindAfterSeconds: e.SHIP_REMIND_AFTER_SECONDS,
      shipCancelAfterSeconds: e.SHIP_CANCEL_AFTER_SECONDS,
      autoCompleteAfterSeconds: e.AUTO_COMPLETE_AFTER_SECONDS,
      sweepSeconds: e.ORDERS_SWEEP_SECONDS,
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM,
      unpaidTransfer: {
        maxOrders: e.UNPAID_TRANSFER_MAX_ORDERS,
        maxUnits: e.UNPAID_TRANSFER_MAX_UNITS,
        maxStockPercent: e.UNPAID_TRANSFER_MAX_STOCK_PERCENT,
      },
    },
    retention: {
      outboxSeconds: e.OUTBOX_RETENTION_SECONDS,
      inboxSeconds: e.INBOX_RETENTION_SECONDS,
      sweepSeconds: e.RETENTION_SWEEP_SECONDS,
      batchSize: e.RETENTION_BATCH_SIZE,
    },
  };
}

function mediaConfig(e: z.infer<typeof schema>): AppConfig['media'] {
  const trim = (url: string) => url.replace(/\/+$/, '');
  if (!e.S3_BUCKET) return { dir: e.MEDIA_DIR, publicUrl: trim(e.MEDIA_PUBLIC_URL), s3: null };
  const credentials = e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
    ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
    : undefined;
  return {
    dir: e.MEDIA_DIR,
    publicUrl: trim(e.S3_PUBLIC_URL ?? `${trim(e.S3_ENDPOINT ?? '')}/${e.S3_BUCKET}`),
    s3: { bucket: e.S3_BUCKET, endpoint: e.S3_ENDPOINT, region: e.S3_REGION, credentials },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
