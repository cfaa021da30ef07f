import { MigrationInterface, QueryRunner } from 'typeorm';

/** What sales reports group by. */
export class Reports1764000000016 implements MigrationInterface {
  name = 'Reports1764000000016';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
