import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogSettings, Caller } from '@pk/contracts';
import { parseInput } from '@pk/core';
import { AuditLogService } from '../audit/audit-log.service';
import { CatalogSetting } from './catalog-setting.entity';
import { settingsUpdateInput as update } from '@pk/contracts/requests/listings';

const KEYS: Record<keyof CatalogSettings, string> = { autoPublishVerified: 'auto_publish_verified' };

/** The council's switches for the catalogue. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLogService,
  ) {}

  async get(tx: EntityManager = this.db.manager): Promise<CatalogSettings> {
    const rows = await tx.getRepository(CatalogSetting).find();
    const value = (key: keyof CatalogSettings) => rows.find((r) => r.key === KEYS[key])?.value;
    return { autoPublishVerified: value('autoPublishVerified') === true };
  }

  async update(caller: Caller, data: unknown): Promise<CatalogSettings> {
    const changes = parseInput(update, data);
    return this.db.transaction(async (tx) => {
      const before = await this.get(tx);
      for (const [name, value] of Object.entries(changes) as Array<[keyof CatalogSettings, unknown]>) {
        await tx.getRepository(CatalogSetting).save({ key: KEYS[name], value, updatedBy: caller.userId });
      }
      const after = await this.get(tx);
      await this.audit.record(tx, caller, {
        action: 'settings.update',
        entityType: 'settings',
        entityId: 'catalog',
        before: { ...before },
        after: { ...after },
      });
      return after;
    });
  }
}
