import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { ALL_ROLES, Caller, Role } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode } from '@pk/core';

interface AccessClaims {
  sub: string;
  roles: Role[];
  typ: 'access';
}

/** Short-lived JWT access tokens (HS256). Roles ride in the token until it expires. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  sign(userId: string, roles: Role[]): { accessToken: string; expiresIn: number } {
    const claims: AccessClaims = { sub: userId, roles, typ: 'access' };
    const expiresIn = this.config.auth.accessTtlSeconds;
    return { accessToken: this.jwt.sign(claims, { expiresIn, algorithm: 'HS256' }), expiresIn };
  }

  verify(token: string): Caller {
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new DomainError(ErrorCode.tokenExpired, 'Your session has expired: get a new access token from POST /api/v1/auth/refresh.');
      }
      throw new DomainError(ErrorCode.tokenInvalid, 'The access token is not valid: sign in again.');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) {
      throw new DomainError(ErrorCode.tokenInvalid, 'The access token is not valid: sign in again.');
    }
    return { userId: claims.sub, roles: claims.roles.filter((r): r is Role => ALL_ROLES.includes(r)) };
  }
}
