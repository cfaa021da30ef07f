import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '@pk/core';
import { AccessTokens } from './access-tokens';
import { AuthGuard } from './auth.guard';
import { SessionStates } from './session-states';

/** Access tokens, whether each still stands, and the global guard that enforces @Public and @Roles on every route. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [JwtModule.register({ secret: config.auth.jwtSecret, signOptions: { algorithm: 'HS256' } })],
      providers: [AccessTokens, SessionStates, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [AccessTokens, SessionStates],
    };
  }
}
