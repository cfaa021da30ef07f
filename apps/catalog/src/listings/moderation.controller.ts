import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { AuditLogService } from '../audit/audit-log.service';
import { SettingsService } from '../settings/settings.service';
import { ListingLifecycleService } from './listing-lifecycle.service';

/** The curators' side: the listing queue and decisions, council settings, the audit log. */
@Controller()
export class ModerationController {
  constructor(
    private readonly lifecycle: ListingLifecycleService,
    private readonly settings: SettingsService,
    private readonly audit: AuditLogService,
  ) {}

  @MessagePattern(CatalogPatterns.listingQueue)
  queue(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.lifecycle.queue(env.data);
  }

  @MessagePattern(CatalogPatterns.listingDecide)
  decide(@Payload() env: RpcEnvelope) {
    return this.lifecycle.decide(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CatalogPatterns.settingsGet)
  getSettings(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.settings.get();
  }

  @MessagePattern(CatalogPatterns.settingsUpdate)
  updateSettings(@Payload() env: RpcEnvelope) {
    return this.settings.update(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CatalogPatterns.auditList)
  auditLog(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.audit.list(env.data);
  }
}
