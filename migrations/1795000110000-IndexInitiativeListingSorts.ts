import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The initiative listing sorts by created_at, updated_at or title, with or without a portfolio, and pages with a
 * keyset cursor on (sort column, id). created_at had its indexes; these give updated_at and title theirs, so every
 * sort is an index range scan whatever the table's size (docs/query-plans.md).
 */
export class IndexInitiativeListingSorts1795000110000 implements MigrationInterface {
  name = 'IndexInitiativeListingSorts1795000110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_initiatives_portfolio_updated ON initiatives (portfolio_id, updated_at, id)`);
    await q.query(`CREATE INDEX ix_initiatives_portfolio_title ON initiatives (portfolio_id, title, id)`);
    await q.query(`CREATE INDEX ix_initiatives_updated ON initiatives (updated_at, id)`);
    await q.query(`CREATE INDEX ix_initiatives_title ON initiatives (title, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'ix_initiatives_title',
      'ix_initiatives_updated',
      'ix_initiatives_portfolio_title',
      'ix_initiatives_portfolio_updated',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
  }
}
