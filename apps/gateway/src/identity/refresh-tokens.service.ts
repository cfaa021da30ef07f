import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, newId } from '@pk/core';
import { SessionStates } from '../auth/session-states';
import { RefreshToken } from './refresh-token.entity';

// Refresh tokens are 256 random bits, so a fast hash is enough to keep stolen rows useless.
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Rotating refresh tokens. Each refresh spends a token and issues the next one in its family;
 * presenting a spent or revoked token means it was copied, so the whole family is revoked.
 */
@Injectable()
export class RefreshTokensService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionStates,
  ) {}

  async issue(tx: EntityManager, userId: string, familyId: string = newId()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await tx.getRepository(RefreshToken).insert({
      id: newId(),
      familyId,
      userId,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + this.config.auth.refreshTtlSeconds * 1000),
    });
    return token;
  }

  /** Spends `token` and returns its user, its family and the next token of the family. */
  async rotate(token: string): Promise<{ userId: string; familyId: string; refreshToken: string }> {
    const tokenHash = hashToken(token);
    type Outcome = { userId: string; familyId: string; refreshToken: string } | 'expired' | 'unknown' | { reused: string };
    const outcome = await this.db.transaction(async (tx): Promise<Outcome> => {
      // One atomic claim: of two concurrent refreshes with the same token, only one wins.
      // TypeORM returns [rows, count] for an UPDATE ... RETURNING.
      const [claimed]: [Array<{ user_id: string; family_id: string; expires_at: Date }>, number] = await tx.query(
        `UPDATE identity.refresh_tokens SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL
         RETURNING user_id, family_id, expires_at`,
        [tokenHash],
      );
      const row = claimed[0];
      if (row && new Date(row.expires_at) > new Date()) {
        return { userId: row.user_id, familyId: row.family_id, refreshToken: await this.issue(tx, row.user_id, row.family_id) };
      }
      if (row) return 'expired';
      const known = await tx.getRepository(RefreshToken).findOne({ where: { tokenHash } });
      if (!known) return 'unknown';
      await this.revokeFamily(tx, known.familyId);
      return { reused: known.familyId };
    });
    if (outcome === 'expired') {
      throw new DomainError(ErrorCode.tokenExpired, 'The refresh token has expired: sign in again.');
    }
    if (outcome === 'unknown') {
      throw new DomainError(ErrorCode.tokenInvalid, 'The refresh token is not valid: sign in again.');
    }
    if ('reused' in outcome) {
      // Committed: the family's access tokens end now too, not in up to 15 minutes.
      await this.sessions.familyRevoked(outcome.reused);
      throw new DomainError(
        ErrorCode.refreshTokenReused,
        'This refresh token was already used, so every session started from it has been signed out: sign in again.',
      );
    }
    return outcome;
  }

  /** Signs out the session the token belongs to; unknown tokens are ignored (nothing to reveal). */
  async revoke(token: string): Promise<void> {
    const familyId = await this.db.transaction(async (tx) => {
      const known = await tx.getRepository(RefreshToken).findOne({ where: { tokenHash: hashToken(token) } });
      if (known) await this.revokeFamily(tx, known.familyId);
      return known?.familyId;
    });
    // Committed: the session's access tokens are refused from the next request on.
    if (familyId) await this.sessions.familyRevoked(familyId);
  }

  private async revokeFamily(tx: EntityManager, familyId: string): Promise<void> {
    await tx.query(`UPDATE identity.refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }
}
