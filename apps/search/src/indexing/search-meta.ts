import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export type MetaKey = 'settings_version' | 'building_index';

/**
 * Taken shared by every write that targets the live index and a reindex's copy, and exclusively
 * by the reindex around its swap: a write then lands on both copies before the swap, or after it
 * on the new live index alone, never half on each side.
 */
export const SWAP_LOCK = 0x5e_a7c4_0001;

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

  async clear(key: MetaKey, tx: EntityManager | DataSource = this.db): Promise<void> {
    await tx.query(`DELETE FROM search.meta WHERE key = $1`, [key]);
  }
}
