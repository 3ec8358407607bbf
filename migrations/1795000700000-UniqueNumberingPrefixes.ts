import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admins may now change numbering prefixes. Two document types under one prefix would issue the same numbers, so a
 * prefix belongs to one scheme; the index settles two admins changing two schemes at once.
 */
export class UniqueNumberingPrefixes1795000700000 implements MigrationInterface {
  name = 'UniqueNumberingPrefixes1795000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX uq_numbering_schemes_prefix ON numbering_schemes (prefix)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_numbering_schemes_prefix`);
  }
}
