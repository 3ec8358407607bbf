import { MigrationInterface, QueryRunner } from 'typeorm';

/** Assumptions, test cards, results, learning cards, the bulk ingestion log and the per-initiative roll-ups. */
export class CreateExperimentsAndLearnings1795000200000 implements MigrationInterface {
  name = 'CreateExperimentsAndLearnings1795000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE initiative_members (
        initiative_id uuid NOT NULL,
        user_id uuid NOT NULL,
        added_by uuid NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_initiative_members PRIMARY KEY (initiative_id, user_id),
        CONSTRAINT fk_initiative_members_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE,
        CONSTRAINT fk_initiative_members_user FOREIGN KEY (user_id) REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX ix_initiative_members_user ON initiative_members (user_id)`);

    await q.query(`
      CREATE TABLE assumptions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        initiative_id uuid NOT NULL,
        statement text NOT NULL,
        risk_kind text NOT NULL,
        importance integer NOT NULL,
        status text NOT NULL DEFAULT 'untested',
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_assumptions PRIMARY KEY (id),
        CONSTRAINT fk_assumptions_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE,
        CONSTRAINT ck_assumptions_risk_kind CHECK (risk_kind IN ('desirability', 'feasibility', 'viability')),
        CONSTRAINT ck_assumptions_importance CHECK (importance BETWEEN 1 AND 5),
        CONSTRAINT ck_assumptions_status CHECK (status IN ('untested', 'validated', 'invalidated', 'inconclusive'))
      )`);
    await q.query(`CREATE INDEX ix_assumptions_initiative ON assumptions (initiative_id)`);
    await q.query(`
      CREATE TABLE assumption_status_events (
        id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        assumption_id uuid NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        experiment_id uuid,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_assumption_status_events PRIMARY KEY (id),
        CONSTRAINT fk_assumption_status_events_assumption FOREIGN KEY (assumption_id) REFERENCES assumptions (id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX ix_assumption_status_events_assumption ON assumption_status_events (assumption_id, occurred_at)`,
    );

    await q.query(`
      CREATE TABLE experiments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        initiative_id uuid NOT NULL,
        hypothesis text NOT NULL,
        method text NOT NULL,
        metric text NOT NULL,
        comparison text NOT NULL,
        threshold numeric NOT NULL,
        minimum_sample integer NOT NULL DEFAULT 0,
        planned_start date,
        planned_end date,
        budget numeric(14,2),
        status text NOT NULL DEFAULT 'planned',
        started_at timestamptz,
        completed_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_experiments PRIMARY KEY (id),
        CONSTRAINT fk_experiments_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE,
        CONSTRAINT ck_experiments_comparison CHECK (comparison IN ('>=', '>', '<=', '<')),
        CONSTRAINT ck_experiments_status CHECK (status IN ('planned', 'running', 'completed')),
        CONSTRAINT ck_experiments_minimum_sample CHECK (minimum_sample >= 0)
      )`);
    await q.query(`CREATE INDEX ix_experiments_initiative ON experiments (initiative_id)`);
    // Pre-registration: once an experiment starts, what it measures and what counts as success are frozen.
    await q.query(`
      CREATE FUNCTION experiments_freeze_threshold() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'planned' AND (NEW.metric <> OLD.metric OR NEW.comparison <> OLD.comparison
            OR NEW.threshold <> OLD.threshold OR NEW.minimum_sample <> OLD.minimum_sample OR NEW.hypothesis <> OLD.hypothesis) THEN
          RAISE EXCEPTION 'experiment % has started: its hypothesis, metric and threshold are frozen', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_experiments_freeze_threshold BEFORE UPDATE ON experiments FOR EACH ROW EXECUTE FUNCTION experiments_freeze_threshold()`,
    );
    await q.query(`
      CREATE TABLE experiment_assumptions (
        experiment_id uuid NOT NULL,
        assumption_id uuid NOT NULL,
        CONSTRAINT pk_experiment_assumptions PRIMARY KEY (experiment_id, assumption_id),
        CONSTRAINT fk_experiment_assumptions_experiment FOREIGN KEY (experiment_id) REFERENCES experiments (id) ON DELETE CASCADE,
        CONSTRAINT fk_experiment_assumptions_assumption FOREIGN KEY (assumption_id) REFERENCES assumptions (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_experiment_assumptions_assumption ON experiment_assumptions (assumption_id)`);

    await q.query(`
      CREATE TABLE ingest_batches (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        submitted_by uuid NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        total integer NOT NULL,
        stored integer NOT NULL DEFAULT 0,
        duplicates integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT pk_ingest_batches PRIMARY KEY (id),
        CONSTRAINT fk_ingest_batches_submitted_by FOREIGN KEY (submitted_by) REFERENCES users (id),
        CONSTRAINT ck_ingest_batches_status CHECK (status IN ('queued', 'processing', 'completed'))
      )`);
    await q.query(`
      CREATE TABLE ingest_entries (
        batch_id uuid NOT NULL,
        index integer NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        problems jsonb,
        CONSTRAINT pk_ingest_entries PRIMARY KEY (batch_id, index),
        CONSTRAINT fk_ingest_entries_batch FOREIGN KEY (batch_id) REFERENCES ingest_batches (id) ON DELETE CASCADE,
        CONSTRAINT ck_ingest_entries_status CHECK (status IN ('pending', 'stored', 'duplicate', 'failed'))
      )`);

    await q.query(`
      CREATE TABLE experiment_results (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        experiment_id uuid NOT NULL,
        idempotency_key text NOT NULL,
        value numeric NOT NULL,
        sample_size integer NOT NULL,
        cost numeric(14,2),
        result text NOT NULL,
        observed_at timestamptz NOT NULL DEFAULT now(),
        note text,
        recorded_by uuid NOT NULL,
        batch_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_experiment_results PRIMARY KEY (id),
        CONSTRAINT fk_experiment_results_experiment FOREIGN KEY (experiment_id) REFERENCES experiments (id) ON DELETE CASCADE,
        CONSTRAINT ck_experiment_results_result CHECK (result IN ('validated', 'invalidated', 'inconclusive'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_experiment_results_idempotency_key ON experiment_results (idempotency_key)`);
    await q.query(`CREATE UNIQUE INDEX uq_experiment_results_experiment ON experiment_results (experiment_id)`);

    await q.query(`
      CREATE TABLE learnings (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        initiative_id uuid NOT NULL,
        experiment_id uuid,
        observed text NOT NULL,
        belief text NOT NULL,
        decision text NOT NULL,
        confidence text NOT NULL,
        evidence jsonb NOT NULL DEFAULT '[]',
        supersedes_id uuid,
        idempotency_key text,
        recorded_by uuid NOT NULL,
        batch_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector,
        CONSTRAINT pk_learnings PRIMARY KEY (id),
        CONSTRAINT fk_learnings_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE,
        CONSTRAINT fk_learnings_experiment FOREIGN KEY (experiment_id) REFERENCES experiments (id),
        CONSTRAINT fk_learnings_supersedes FOREIGN KEY (supersedes_id) REFERENCES learnings (id),
        CONSTRAINT ck_learnings_decision CHECK (decision IN ('persevere', 'pivot', 'kill')),
        CONSTRAINT ck_learnings_confidence CHECK (confidence IN ('low', 'medium', 'high'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_learnings_idempotency_key ON learnings (idempotency_key)`);
    // A learning is corrected once: the correction supersedes it; a chain of corrections stays linear.
    await q.query(`CREATE UNIQUE INDEX uq_learnings_supersedes ON learnings (supersedes_id)`);
    await q.query(`CREATE INDEX ix_learnings_initiative ON learnings (initiative_id, created_at)`);
    await q.query(`CREATE INDEX ix_learnings_created ON learnings (created_at)`);
    // Stored once at insert (learnings never change), so ranking reads it instead of re-parsing every match.
    await q.query(`CREATE INDEX ix_learnings_search ON learnings USING gin (search_vector)`);
    await q.query(`
      CREATE FUNCTION learnings_index_text() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector := to_tsvector('english', NEW.observed || ' ' || NEW.belief);
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_learnings_index_text BEFORE INSERT ON learnings FOR EACH ROW EXECUTE FUNCTION learnings_index_text()`,
    );
    await q.query(`
      CREATE FUNCTION learnings_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'learnings are never edited in place (% refused): record a correction that supersedes it', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_learnings_immutable BEFORE UPDATE OR DELETE ON learnings FOR EACH ROW EXECUTE FUNCTION learnings_refuse_change()`,
    );

    await q.query(`
      CREATE TABLE initiative_learning_rollups (
        initiative_id uuid NOT NULL,
        assumptions integer NOT NULL DEFAULT 0,
        validated integer NOT NULL DEFAULT 0,
        invalidated integer NOT NULL DEFAULT 0,
        inconclusive integer NOT NULL DEFAULT 0,
        learnings integer NOT NULL DEFAULT 0,
        experiment_cost numeric(14,2) NOT NULL DEFAULT 0,
        learning_velocity numeric(10,2) NOT NULL DEFAULT 0,
        cost_per_learning numeric(14,2),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_initiative_learning_rollups PRIMARY KEY (initiative_id),
        CONSTRAINT fk_initiative_learning_rollups_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'initiative_learning_rollups',
      'learnings',
      'experiment_results',
      'ingest_entries',
      'ingest_batches',
      'experiment_assumptions',
      'experiments',
      'assumption_status_events',
      'assumptions',
      'initiative_members',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION learnings_refuse_change()`);
    await q.query(`DROP FUNCTION learnings_index_text()`);
    await q.query(`DROP FUNCTION experiments_freeze_threshold()`);
  }
}
