import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export type MetaKey = 'settings_version' | 'building_index';

/** Small facts about the index kept in search.meta. */
@Injectable()
export class SearchMeta {
  constructor(private readonly db: DataSource) {}

  async get(key: MetaKey, tx: EntityManager | DataSource = this.db): Promise<string | null> {
    const rows: Array<{ value: string }> = await tx.query(`SELECT value FROM search.meta WHERE key = $1`, [key]);
    return rows[0]?.value ?? null;
  }

  async set(key: MetaKey, value: string): Promise<void> {
    await this.db.query(
      `INSERT INTO search.meta (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key, value],
    );
  }

  async clear(key: MetaKey): Promise<void> {
    await this.db.query(`DELETE FROM search.meta WHERE key = $1`, [key]);
  }
}
