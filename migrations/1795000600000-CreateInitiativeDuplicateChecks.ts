import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Possible duplicates found for a new initiative, kept: at a million initiatives the search outlasts what a person
 * should wait at create, so a background job finishes it and stores the result here (docs/query-plans.md).
 */
export class CreateInitiativeDuplicateChecks1795000600000 implements MigrationInterface {
  name = 'CreateInitiativeDuplicateChecks1795000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE initiative_duplicate_checks (
        initiative_id uuid NOT NULL,
        candidates jsonb NOT NULL,
        complete boolean NOT NULL,
        source text NOT NULL,
        checked_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_initiative_duplicate_checks PRIMARY KEY (initiative_id),
        CONSTRAINT fk_initiative_duplicate_checks_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE,
        CONSTRAINT ck_initiative_duplicate_checks_source CHECK (source IN ('create', 'background'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE initiative_duplicate_checks`);
  }
}
