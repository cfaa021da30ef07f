import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { ALL_ROLES, Caller, Role } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@pk/core';

interface AccessClaims {
  sub: string;
  roles: Role[];
  typ: 'access';
  /** The refresh-token family (the sign-in) the token was issued for: its logout ends the token. */
  fam: string;
  /** The user's session version at issue: losing a role raises it and ends older tokens. */
  sv: number;
  iat?: number;
  exp?: number;
}

/** A verified access token: who calls, and what the gateway checks is still current. */
export interface AccessGrant {
  caller: Caller;
  familyId: string;
  sessionVersion: number;
}

// Clocks of the gateway's replicas may differ a little; a token "issued" further ahead is forged.
const CLOCK_SKEW_SECONDS = 30;
const invalid = () => new DomainError(ErrorCode.tokenInvalid, 'The access token is not valid: sign in again.');

/**
 * Short-lived JWT access tokens, HS256 only. Each names its sign-in (refresh family) and the
 * user's session version, which the AuthGuard checks against SessionStates on every request.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  sign(userId: string, roles: Role[], session: { familyId: string; sessionVersion: number }): { accessToken: string; expiresIn: number } {
    const claims: AccessClaims = { sub: userId, roles, typ: 'access', fam: session.familyId, sv: session.sessionVersion };
    const expiresIn = this.config.auth.accessTtlSeconds;
    return { accessToken: this.jwt.sign(claims, { expiresIn, algorithm: 'HS256' }), expiresIn };
  }

  verify(token: string): AccessGrant {
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new DomainError(ErrorCode.tokenExpired, 'Your session has expired: get a new access token from POST /api/v1/auth/refresh.');
      }
      throw invalid();
    }
    // jsonwebtoken checks `exp` only when present: a token without one would never expire.
    const now = Math.floor(Date.now() / 1000);
    const { iat, exp } = claims;
    if (!Number.isInteger(exp) || !Number.isInteger(iat)) throw invalid();
    if (iat! > now + CLOCK_SKEW_SECONDS || exp! <= iat! || exp! - iat! > this.config.auth.accessTtlSeconds) throw invalid();
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) throw invalid();
    if (typeof claims.fam !== 'string' || !Number.isInteger(claims.sv)) throw invalid();
    return {
      caller: { userId: claims.sub, roles: claims.roles.filter((r): r is Role => ALL_ROLES.includes(r)) },
      familyId: claims.fam,
      sessionVersion: claims.sv,
    };
  }
}
