import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, IdentityEvents, Role, Roles } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, newId } from '@pk/core';
import { violatedUnique } from '@pk/database';
import { OutboxWriter } from '@pk/messaging';
import { AccessTokens } from '../auth/access-tokens';
import { SessionStates } from '../auth/session-states';
import { Session, UserView } from './identity-views';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './passwords';
import { RefreshTokensService } from './refresh-tokens.service';
import { User } from './user.entity';

export type { Session, UserView };

const view = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  roles: u.roles,
  createdAt: new Date(u.createdAt).toISOString(),
});

@Injectable()
export class IdentityService {
  // Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
  private decoyHash: Promise<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxWriter,
    private readonly access: AccessTokens,
    private readonly refresh: RefreshTokensService,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionStates,
  ) {
    this.decoyHash = hashPassword('decoy-password-never-used', config.auth.scryptCost);
  }

  async register(input: { email: string; password: string; displayName: string }): Promise<Session> {
    const passwordHash = await hashPassword(input.password, this.config.auth.scryptCost);
    try {
      return await this.db.transaction(async (tx) => {
        const user = await this.createUser(tx, { ...input, passwordHash, roles: [Roles.buyer] });
        return this.openSession(tx, user);
      });
    } catch (error) {
      if (violatedUnique(error)) {
        throw new DomainError(ErrorCode.emailTaken, 'An account with this email already exists: sign in instead.', {
          field: 'email',
        });
      }
      throw error;
    }
  }

  async login(email: string, password: string, ip: string): Promise<Session> {
    await this.throttle.assertAllowed(email, ip);
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !ok) {
      await this.throttle.recordFailure(email, ip);
      throw new DomainError(ErrorCode.invalidCredentials, 'The email or password is wrong.');
    }
    await this.throttle.recordSuccess(email, ip);
    return this.db.transaction((tx) => this.openSession(tx, user));
  }

  async refreshSession(refreshToken: string): Promise<Session> {
    const { userId, familyId, refreshToken: next } = await this.refresh.rotate(refreshToken);
    const user = await this.findUser(userId);
    const access = this.access.sign(user.id, user.roles, { familyId, sessionVersion: user.sessionVersion });
    return { user: view(user), ...access, refreshToken: next, tokenType: 'Bearer' };
  }

  logout(refreshToken: string): Promise<void> {
    return this.refresh.revoke(refreshToken);
  }

  async me(caller: Caller): Promise<UserView> {
    return view(await this.findUser(caller.userId));
  }

  /** A role taken away takes effect at once: the user's older access tokens are refused from their next request. */
  async setRoles(caller: Caller, userId: string, roles: Role[]): Promise<UserView> {
    const { user, version } = await this.db.transaction(async (tx) => {
      const user = await tx.getRepository(User).findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new DomainError(ErrorCode.notFound, 'No user with this id.', { userId });
      if (user.id === caller.userId && !roles.includes(Roles.admin)) {
        throw new DomainError(ErrorCode.conflict, 'You cannot remove your own admin role; ask another admin.');
      }
      const removed = user.roles.some((role) => !roles.includes(role));
      user.roles = roles;
      await tx.getRepository(User).save(user);
      // Only a loss ends tokens: a token naming fewer roles than the user now has grants less.
      const version = removed ? await SessionStates.bump(tx, userId) : null;
      await this.outbox.add(tx, IdentityEvents.userRolesChanged, { userId, roles, changedBy: caller.userId });
      return { user, version };
    });
    if (version !== null) await this.sessions.userChanged(userId, version);
    return view(user);
  }

  /** The first admin, from ADMIN_EMAIL / ADMIN_PASSWORD; an existing account is left as it is. */
  async ensureAdmin(email: string, password: string): Promise<'created' | 'exists'> {
    const passwordHash = await hashPassword(password, this.config.auth.scryptCost);
    return this.db.transaction(async (tx) => {
      const existing = await tx.getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
      if (existing) return 'exists';
      await this.createUser(tx, { email, displayName: 'Admin', passwordHash, roles: [Roles.admin] });
      return 'created';
    });
  }

  private async createUser(
    tx: EntityManager,
    input: { email: string; displayName: string; passwordHash: string; roles: Role[] },
  ): Promise<User> {
    const user = tx.getRepository(User).create({ id: newId(), ...input, email: input.email.toLowerCase() });
    await tx.getRepository(User).insert(user);
    await this.outbox.add(tx, IdentityEvents.userRegistered, { userId: user.id, email: user.email, roles: user.roles });
    return tx.getRepository(User).findOneByOrFail({ id: user.id });
  }

  private async openSession(tx: EntityManager, user: User): Promise<Session> {
    const familyId = newId();
    const refreshToken = await this.refresh.issue(tx, user.id, familyId);
    const access = this.access.sign(user.id, user.roles, { familyId, sessionVersion: user.sessionVersion });
    return { user: view(user), ...access, refreshToken, tokenType: 'Bearer' };
  }

  private async findUser(id: string): Promise<User> {
    const user = await this.db.getRepository(User).findOne({ where: { id } });
    if (!user) throw new DomainError(ErrorCode.unauthenticated, 'This account no longer exists.');
    return user;
  }
}
