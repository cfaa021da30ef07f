import { MigrationInterface, QueryRunner } from 'typeorm';

/** The home page's cache generation (catalog) and the log of every curator action (identity). */
export class HomeAudit1764000000015 implements MigrationInterface {
  name = 'HomeAudit1764000000015';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
