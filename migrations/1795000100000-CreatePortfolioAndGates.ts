import { MigrationInterface, QueryRunner } from 'typeorm';

/** Portfolios, versioned process models, initiatives and their history, gate reviews, inbox and webhooks. */
export class CreatePortfolioAndGates1795000100000 implements MigrationInterface {
  name = 'CreatePortfolioAndGates1795000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE portfolios (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        ambition_targets jsonb NOT NULL,
        horizon_targets jsonb NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_portfolios PRIMARY KEY (id),
        CONSTRAINT fk_portfolios_created_by FOREIGN KEY (created_by) REFERENCES users (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_portfolios_name ON portfolios (name)`);

    await q.query(`
      CREATE TABLE process_models (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        key text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        status text NOT NULL,
        definition jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        CONSTRAINT pk_process_models PRIMARY KEY (id),
        CONSTRAINT ck_process_models_status CHECK (status IN ('draft', 'active', 'retired'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_process_models_key_version ON process_models (key, version)`);
    await q.query(`CREATE UNIQUE INDEX uq_process_models_active_key ON process_models (key) WHERE status = 'active'`);
    // An activated model is frozen: only its status may move on (active -> retired).
    await q.query(`
      CREATE FUNCTION process_models_freeze() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'draft' THEN RAISE EXCEPTION 'process model %/% is %: it cannot be deleted', OLD.key, OLD.version, OLD.status USING ERRCODE = 'insufficient_privilege'; END IF;
          RETURN OLD;
        END IF;
        IF OLD.status <> 'draft' AND (NEW.definition IS DISTINCT FROM OLD.definition OR NEW.key <> OLD.key
            OR NEW.version <> OLD.version OR NEW.name <> OLD.name) THEN
          RAISE EXCEPTION 'process model %/% is %: it never changes; make a new version', OLD.key, OLD.version, OLD.status USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status = 'retired' AND NEW.status <> 'retired' THEN
          RAISE EXCEPTION 'a retired process model stays retired' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_process_models_freeze BEFORE UPDATE OR DELETE ON process_models FOR EACH ROW EXECUTE FUNCTION process_models_freeze()`,
    );

    await q.query(`
      CREATE TABLE initiatives (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        portfolio_id uuid NOT NULL,
        process_model_id uuid NOT NULL,
        title text NOT NULL,
        problem text NOT NULL,
        value_hypothesis text NOT NULL,
        owner_id uuid NOT NULL,
        horizon text NOT NULL,
        ambition text NOT NULL,
        innovation_type text NOT NULL,
        strategic_objective text,
        source text,
        npv numeric(16,2),
        probability_commercial numeric(4,3),
        probability_technical numeric(4,3),
        commercialization_cost numeric(16,2),
        remaining_development_cost numeric(16,2),
        cost_to_date numeric(16,2),
        stage text NOT NULL DEFAULT 'explore',
        status text NOT NULL DEFAULT 'active',
        hold_until timestamptz,
        stage_entered_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_initiatives PRIMARY KEY (id),
        CONSTRAINT fk_initiatives_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id),
        CONSTRAINT fk_initiatives_process_model FOREIGN KEY (process_model_id) REFERENCES process_models (id),
        CONSTRAINT fk_initiatives_owner FOREIGN KEY (owner_id) REFERENCES users (id),
        CONSTRAINT ck_initiatives_horizon CHECK (horizon IN ('H1', 'H2', 'H3')),
        CONSTRAINT ck_initiatives_ambition CHECK (ambition IN ('core', 'adjacent', 'transformational')),
        CONSTRAINT ck_initiatives_type CHECK (innovation_type IN ('product', 'service', 'process', 'business_model')),
        CONSTRAINT ck_initiatives_stage CHECK (stage IN ('explore', 'experiment', 'develop', 'handover', 'in_operation')),
        CONSTRAINT ck_initiatives_status CHECK (status IN ('active', 'on_hold', 'killed', 'handed_over')),
        CONSTRAINT ck_initiatives_probabilities CHECK (
          (probability_commercial IS NULL OR probability_commercial BETWEEN 0 AND 1) AND
          (probability_technical IS NULL OR probability_technical BETWEEN 0 AND 1))
      )`);
    await q.query(`CREATE INDEX ix_initiatives_portfolio_created ON initiatives (portfolio_id, created_at, id)`);
    await q.query(
      `CREATE INDEX ix_initiatives_portfolio_stage ON initiatives (portfolio_id, stage, status, created_at, id)`,
    );
    await q.query(`CREATE INDEX ix_initiatives_owner_created ON initiatives (owner_id, created_at, id)`);
    await q.query(`CREATE INDEX ix_initiatives_created ON initiatives (created_at, id)`);
    await q.query(`CREATE INDEX ix_initiatives_title_trgm ON initiatives USING gin (title gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_initiatives_problem_trgm ON initiatives USING gin (problem gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE initiative_deliverables (
        initiative_id uuid NOT NULL,
        gate text NOT NULL,
        key text NOT NULL,
        name text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        note text,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_initiative_deliverables PRIMARY KEY (initiative_id, gate, key),
        CONSTRAINT fk_initiative_deliverables_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE,
        CONSTRAINT ck_initiative_deliverables_status CHECK (status IN ('pending', 'done', 'not_required')),
        CONSTRAINT ck_initiative_deliverables_reason CHECK (status <> 'not_required' OR coalesce(length(trim(note)), 0) > 0)
      )`);

    await q.query(`
      CREATE TABLE stage_events (
        id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        initiative_id uuid NOT NULL,
        seq integer NOT NULL,
        kind text NOT NULL,
        from_stage text,
        from_status text,
        to_stage text NOT NULL,
        to_status text NOT NULL,
        gate text,
        decision text,
        review_id uuid,
        actor_id uuid,
        actor_label text NOT NULL,
        reason text,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_stage_events PRIMARY KEY (id),
        CONSTRAINT fk_stage_events_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE,
        CONSTRAINT ck_stage_events_kind CHECK (kind IN ('created', 'decision', 'hold_expired', 'handover_accepted', 'handover_rejected'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_stage_events_initiative_seq ON stage_events (initiative_id, seq)`);
    await q.query(
      `CREATE UNIQUE INDEX uq_stage_events_review_decision ON stage_events (review_id) WHERE kind = 'decision'`,
    );
    await q.query(`CREATE INDEX ix_stage_events_occurred ON stage_events (occurred_at)`);

    await q.query(`
      CREATE TABLE gate_reviews (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        initiative_id uuid NOT NULL,
        gate text NOT NULL,
        status text NOT NULL,
        requested_by uuid,
        requested_at timestamptz NOT NULL DEFAULT now(),
        chair_id uuid,
        opened_at timestamptz,
        deadline_at timestamptz,
        readiness jsonb,
        evaluated jsonb,
        outcome jsonb,
        decision text,
        decision_reason text,
        decided_by uuid,
        decided_at timestamptz,
        hold_until timestamptz,
        escalated_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_gate_reviews PRIMARY KEY (id),
        CONSTRAINT fk_gate_reviews_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE,
        CONSTRAINT fk_gate_reviews_chair FOREIGN KEY (chair_id) REFERENCES users (id),
        CONSTRAINT ck_gate_reviews_gate CHECK (gate IN ('G1', 'G2', 'G3')),
        CONSTRAINT ck_gate_reviews_status CHECK (status IN ('requested', 'not_ready', 'scoring', 'awaiting_decision', 'decided', 'cancelled')),
        CONSTRAINT ck_gate_reviews_decision CHECK (decision IS NULL OR decision IN ('go', 'conditional_go', 'kill', 'hold', 'recycle'))
      )`);
    // One open review per initiative and gate, held by the database whatever the code does.
    await q.query(
      `CREATE UNIQUE INDEX uq_gate_reviews_open ON gate_reviews (initiative_id, gate) WHERE status IN ('requested', 'scoring', 'awaiting_decision')`,
    );
    await q.query(`CREATE INDEX ix_gate_reviews_initiative ON gate_reviews (initiative_id, requested_at)`);
    await q.query(`CREATE INDEX ix_gate_reviews_deadline ON gate_reviews (deadline_at) WHERE status = 'scoring'`);

    await q.query(`
      CREATE TABLE evidence_snapshots (
        review_id uuid NOT NULL,
        content jsonb NOT NULL,
        content_hash character(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_evidence_snapshots PRIMARY KEY (review_id),
        CONSTRAINT fk_evidence_snapshots_review FOREIGN KEY (review_id) REFERENCES gate_reviews (id)
      )`);
    await q.query(`
      CREATE FUNCTION evidence_snapshots_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'evidence snapshots are frozen: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_evidence_snapshots_frozen BEFORE UPDATE OR DELETE ON evidence_snapshots FOR EACH ROW EXECUTE FUNCTION evidence_snapshots_refuse_change()`,
    );

    await q.query(`
      CREATE TABLE gate_review_assignments (
        review_id uuid NOT NULL,
        gatekeeper_id uuid NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_gate_review_assignments PRIMARY KEY (review_id, gatekeeper_id),
        CONSTRAINT fk_gate_review_assignments_review FOREIGN KEY (review_id) REFERENCES gate_reviews (id) ON DELETE CASCADE,
        CONSTRAINT fk_gate_review_assignments_gatekeeper FOREIGN KEY (gatekeeper_id) REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX ix_gate_review_assignments_gatekeeper ON gate_review_assignments (gatekeeper_id)`);

    await q.query(`
      CREATE TABLE scorecards (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        review_id uuid NOT NULL,
        gatekeeper_id uuid NOT NULL,
        must_meet jsonb NOT NULL,
        should_meet jsonb NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_scorecards PRIMARY KEY (id),
        CONSTRAINT fk_scorecards_assignment FOREIGN KEY (review_id, gatekeeper_id) REFERENCES gate_review_assignments (review_id, gatekeeper_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_scorecards_review_gatekeeper ON scorecards (review_id, gatekeeper_id)`);

    await q.query(`
      CREATE TABLE gate_conditions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        review_id uuid NOT NULL,
        initiative_id uuid NOT NULL,
        text text NOT NULL,
        due_at timestamptz,
        met_at timestamptz,
        met_by uuid,
        met_note text,
        CONSTRAINT pk_gate_conditions PRIMARY KEY (id),
        CONSTRAINT fk_gate_conditions_review FOREIGN KEY (review_id) REFERENCES gate_reviews (id),
        CONSTRAINT fk_gate_conditions_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_gate_conditions_open ON gate_conditions (initiative_id) WHERE met_at IS NULL`);

    await q.query(`
      CREATE TABLE inbox_items (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        kind text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        title text NOT NULL,
        dedupe_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        CONSTRAINT pk_inbox_items PRIMARY KEY (id),
        CONSTRAINT fk_inbox_items_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_inbox_items_dedupe ON inbox_items (dedupe_key)`);
    await q.query(`CREATE INDEX ix_inbox_items_open ON inbox_items (user_id, created_at) WHERE done_at IS NULL`);

    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        portfolio_id uuid NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_webhook_subscriptions PRIMARY KEY (id),
        CONSTRAINT fk_webhook_subscriptions_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_webhook_subscriptions_portfolio ON webhook_subscriptions (portfolio_id)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL,
        event_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
        CONSTRAINT fk_webhook_deliveries_subscription FOREIGN KEY (subscription_id) REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        CONSTRAINT ck_webhook_deliveries_status CHECK (status IN ('pending', 'delivered', 'failed'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_webhook_deliveries_subscription_event ON webhook_deliveries (subscription_id, event_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'webhook_deliveries',
      'webhook_subscriptions',
      'inbox_items',
      'gate_conditions',
      'scorecards',
      'gate_review_assignments',
      'evidence_snapshots',
      'gate_reviews',
      'stage_events',
      'initiative_deliverables',
      'initiatives',
      'process_models',
      'portfolios',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION evidence_snapshots_refuse_change()`);
    await q.query(`DROP FUNCTION process_models_freeze()`);
  }
}
