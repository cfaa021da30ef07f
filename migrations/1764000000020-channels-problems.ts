import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each listing's state on a channel keeps its problems as codes with params beside the English
 * reason, so the web words them in the person's language (Indonesian first).
 */
export class ChannelsProblems1764000000020 implements MigrationInterface {
  name = 'ChannelsProblems1764000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channels.listing_states ADD COLUMN problems jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channels.listing_states DROP COLUMN problems`);
  }
}
