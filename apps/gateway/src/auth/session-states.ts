import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import IORedis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@pk/core';
import { workerConnection } from '@pk/messaging';
import { GatewayRedis } from '../gateway-redis';
import { AccessGrant } from './access-tokens';

// Sets a user's version only forward, so a late write (a reader's fill from Postgres, a writer's
// update that lost a race) never puts an older version back.
const SET_FORWARD = `
local current = tonumber(redis.call('GET', KEYS[1]))
if current and current >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;

const REVOKED = '1';
const LIVE = '0';

interface State {
  version: number | null;
  family: string | null;
}

/**
 * Whether an access token still stands: its sign-in (refresh family) not revoked, its session
 * version the user's current one. Postgres holds the truth (identity.refresh_tokens.revoked_at,
 * identity.users.session_version); Redis keeps it for AUTH_SESSION_CACHE_SECONDS, written forward
 * by every change; each gateway keeps it in memory for AUTH_SESSION_LOCAL_MS, but only while its
 * pub/sub subscription is up, so a change made through any replica drops it everywhere at once.
 */
@Injectable()
export class SessionStates implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SessionStates');
  private readonly local = new Map<string, { value: string; until: number }>();
  private subscriber: IORedis | null = null;
  private listening = false;
  // Counts invalidations heard: a read that saw one arrive meanwhile is not kept in memory.
  private invalidations = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: GatewayRedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get channel(): string {
    return this.redis.key('session', 'invalidated');
  }

  private userKey(userId: string): string {
    return this.redis.key('session', 'user', userId);
  }

  private familyKey(familyId: string): string {
    return this.redis.key('session', 'family', familyId);
  }

  onModuleInit(): void {
    if (this.config.auth.sessionLocalCacheMs <= 0) return;
    const sub = workerConnection(this.config.redisUrl, { autoResubscribe: false });
    this.subscriber = sub;
    const deaf = () => {
      this.listening = false;
      this.local.clear();
    };
    sub.on('error', () => undefined); // a lost subscription only turns the memory off
    sub.on('close', deaf);
    sub.on('end', deaf);
    sub.on('ready', () => {
      sub.subscribe(this.channel).then(
        () => {
          this.local.clear();
          this.listening = true;
        },
        (error: Error) => this.logger.warn(`session invalidations not heard: ${error.message}`),
      );
    });
    sub.on('message', (_channel: string, key: string) => {
      this.invalidations++;
      this.local.delete(key);
    });
  }

  onApplicationShutdown(): void {
    this.listening = false;
    this.subscriber?.disconnect();
  }

  /** Throws session_revoked unless the token's sign-in is live and its session version current. */
  async assertCurrent(grant: AccessGrant): Promise<void> {
    const state = await this.read(grant);
    if (state.family === REVOKED) throw revoked('this sign-in was ended (signed out, or its refresh token was reused)');
    if (state.version === null) throw revoked('this account no longer exists');
    if (state.version !== grant.sessionVersion) throw revoked("the account lost a role since this token was issued");
  }

  /** After a commit that raised the user's session version: every older token of theirs ends now. */
  async userChanged(userId: string, version: number): Promise<void> {
    await this.publish(this.userKey(userId), () =>
      this.redis.client.eval(SET_FORWARD, 1, this.userKey(userId), version, this.config.auth.sessionCacheSeconds),
    );
  }

  /** After a commit that revoked a refresh family: its access tokens end now. */
  async familyRevoked(familyId: string): Promise<void> {
    await this.publish(this.familyKey(familyId), () => this.redis.client.set(this.familyKey(familyId), REVOKED, 'EX', this.config.auth.sessionCacheSeconds));
  }

  /** Within the writer's transaction: the version the user's tokens must now carry. */
  static async bump(tx: EntityManager, userId: string): Promise<number> {
    const [rows]: [Array<{ session_version: number }>, number] = await tx.query(
      `UPDATE identity.users SET session_version = session_version + 1 WHERE id = $1 RETURNING session_version`,
      [userId],
    );
    return rows[0]?.session_version ?? 0;
  }

  private async publish(key: string, write: () => Promise<unknown>): Promise<void> {
    this.local.delete(key);
    try {
      await write();
      await this.redis.client.publish(this.channel, key);
    } catch (error) {
      // Postgres has it; what Redis or other gateways hold lapses within AUTH_SESSION_CACHE_SECONDS.
      this.logger.error(`session change not spread (${key}): ${(error as Error).message}`);
    }
  }

  private async read(grant: AccessGrant): Promise<State> {
    const keys = [this.userKey(grant.caller.userId), this.familyKey(grant.familyId)];
    const now = Date.now();
    const remembered = keys.map((k) => this.local.get(k));
    if (this.listening && remembered.every((r) => r && r.until > now)) {
      return { version: Number(remembered[0]!.value), family: remembered[1]!.value };
    }
    const heard = this.invalidations;
    let cached: Array<string | null> | null = null;
    try {
      cached = await this.redis.client.mget(...keys);
    } catch {
      // Redis down: Postgres answers every request until it is back.
    }
    // A token newer than what Redis holds (a change whose Redis write failed) asks Postgres.
    if (cached && cached[0] !== null && cached[1] !== null && Number(cached[0]) >= grant.sessionVersion) {
      this.remember(keys, cached as string[], heard);
      return { version: Number(cached[0]), family: cached[1] };
    }
    const truth = await this.fromPostgres(grant);
    if (cached && truth.version !== null) await this.fill(keys, truth).catch(() => undefined);
    return truth;
  }

  private async fromPostgres(grant: AccessGrant): Promise<State> {
    const rows: Array<{ session_version: number; revoked: boolean; known: boolean }> = await this.db.query(
      `SELECT u.session_version,
              EXISTS (SELECT 1 FROM identity.refresh_tokens r WHERE r.family_id = $2 AND r.user_id = u.id AND r.revoked_at IS NOT NULL) AS revoked,
              EXISTS (SELECT 1 FROM identity.refresh_tokens r WHERE r.family_id = $2 AND r.user_id = u.id) AS known
       FROM identity.users u WHERE u.id = $1`,
      [grant.caller.userId, grant.familyId],
    );
    const row = rows[0];
    if (!row) return { version: null, family: REVOKED };
    return { version: row.session_version, family: row.revoked || !row.known ? REVOKED : LIVE };
  }

  private async fill([userKey, familyKey]: string[], truth: State): Promise<void> {
    const ttl = this.config.auth.sessionCacheSeconds;
    // A revocation is final; "live" only where no revocation was written meanwhile (NX).
    const writes = this.redis.client.multi().eval(SET_FORWARD, 1, userKey, truth.version!, ttl);
    if (truth.family === REVOKED) writes.set(familyKey, REVOKED, 'EX', ttl);
    else writes.set(familyKey, LIVE, 'EX', ttl, 'NX');
    await writes.exec();
  }

  private remember(keys: string[], values: string[], heard: number): void {
    if (!this.listening || heard !== this.invalidations) return;
    const until = Date.now() + this.config.auth.sessionLocalCacheMs;
    keys.forEach((key, i) => this.local.set(key, { value: values[i], until }));
    // Bounded: a gateway serving many users forgets the oldest entries first.
    while (this.local.size > 100_000) this.local.delete(this.local.keys().next().value!);
  }
}

const revoked = (reason: string) =>
  new DomainError(ErrorCode.sessionRevoked, `This access token no longer stands: ${reason}. Refresh it, or sign in again.`);
