import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CuratorActionInterceptor } from './curator-action.interceptor';
import { CuratorActionsService } from './curator-actions.service';
import { CuratorAuditController } from './curator-audit.controller';
import { CuratorRefusalsHook } from './curator-refusals.hook';
import { HomeController } from './home.controller';

/** The home page and the log of every curator action. */
@Module({
  controllers: [HomeController, CuratorAuditController],
  providers: [CuratorActionsService, CuratorRefusalsHook, { provide: APP_INTERCEPTOR, useClass: CuratorActionInterceptor }],
})
export class HomeApiModule {}
