import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's session version: raised whenever they lose a role (an admin's edit, the council
 * suspending their shop). Access tokens carry the version they were issued at, and
 * the gateway refuses one whose version is behind, so a change takes effect on the next request.
 */
export class IdentitySessionVersion1764000000023 implements MigrationInterface {
  name = 'IdentitySessionVersion1764000000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.users ADD COLUMN session_version integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.users DROP COLUMN session_version`);
  }
}
