import { Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Queues, Schemas } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { violatedUnique } from '@pk/database';
import { consumerHost } from '@pk/messaging';
import { ArtisanRolesConsumer } from './artisan-roles.consumer';
import { AuthController } from './auth.controller';
import { IdentityService } from './identity.service';
import { LoginThrottle } from './login-throttle';
import { RefreshTokensService } from './refresh-tokens.service';
import { RegistrationThrottle } from './registration-throttle';
import { UsersController } from './users.controller';

@Module({
  controllers: [AuthController, UsersController],
  providers: [
    IdentityService,
    RefreshTokensService,
    LoginThrottle,
    RegistrationThrottle,
    ArtisanRolesConsumer,
    // One at a time: a verify, suspend and reinstate in quick succession are applied in order.
    consumerHost({
      queue: Queues.identityEvents,
      consumer: 'identity.artisan-roles',
      schema: Schemas.identity,
      subscriber: ArtisanRolesConsumer,
      concurrency: 1,
    }),
  ],
})
export class IdentityModule implements OnApplicationBootstrap {
  constructor(
    private readonly identity: IdentityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { email, password } = this.config.admin;
    if (!email || !password) return;
    // Gateway replicas start together: the one whose insert lost the race finds the admin made.
    const result = await this.identity.ensureAdmin(email, password).catch((error: unknown) => {
      if (violatedUnique(error)) return 'exists' as const;
      throw error;
    });
    if (result === 'created') new Logger('Identity').log(`first admin created: ${email}`);
  }
}
