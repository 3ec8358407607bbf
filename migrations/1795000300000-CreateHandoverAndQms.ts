import { MigrationInterface, QueryRunner } from 'typeorm';

/** Handover packages, controlled documents and revisions, e-signatures, change requests, training, trace links. */
export class CreateHandoverAndQms1795000300000 implements MigrationInterface {
  name = 'CreateHandoverAndQms1795000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE electronic_signatures (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        record_type text NOT NULL,
        record_id uuid NOT NULL,
        signer_id uuid NOT NULL,
        printed_name text NOT NULL,
        meaning text NOT NULL,
        content_hash character(64) NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_electronic_signatures PRIMARY KEY (id),
        CONSTRAINT fk_electronic_signatures_signer FOREIGN KEY (signer_id) REFERENCES users (id),
        CONSTRAINT ck_electronic_signatures_meaning CHECK (meaning IN ('authored', 'reviewed', 'approved', 'accepted'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_electronic_signatures_once ON electronic_signatures (record_type, record_id, signer_id, meaning)`,
    );
    await q.query(`CREATE INDEX ix_electronic_signatures_record ON electronic_signatures (record_type, record_id)`);
    await q.query(`
      CREATE FUNCTION electronic_signatures_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'electronic signatures are permanent: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_electronic_signatures_permanent BEFORE UPDATE OR DELETE ON electronic_signatures FOR EACH ROW EXECUTE FUNCTION electronic_signatures_refuse_change()`,
    );

    await q.query(`
      CREATE TABLE handover_packages (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        initiative_id uuid NOT NULL,
        review_id uuid,
        status text NOT NULL DEFAULT 'draft',
        product_definition jsonb NOT NULL,
        risks jsonb NOT NULL,
        checklist jsonb NOT NULL,
        training_roles text array NOT NULL DEFAULT '{}',
        submitted_by uuid,
        submitted_at timestamptz,
        decided_by uuid,
        decided_at timestamptz,
        decision_reason text,
        approved_at timestamptz,
        controlled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_handover_packages PRIMARY KEY (id),
        CONSTRAINT fk_handover_packages_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id),
        CONSTRAINT ck_handover_packages_status CHECK (status IN ('draft', 'submitted', 'accepted', 'accepted_with_conditions', 'rejected'))
      )`);
    // One live package per initiative: a rejected one stays readable, and a new G3 Go assembles the next.
    await q.query(
      `CREATE UNIQUE INDEX uq_handover_packages_live ON handover_packages (initiative_id) WHERE status <> 'rejected'`,
    );
    await q.query(`CREATE UNIQUE INDEX uq_handover_packages_review ON handover_packages (review_id)`);
    await q.query(`
      CREATE TABLE handover_requirements (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        package_id uuid NOT NULL,
        key text NOT NULL,
        text text NOT NULL,
        assumption_id uuid,
        experiment_ids uuid array NOT NULL DEFAULT '{}',
        learning_ids uuid array NOT NULL DEFAULT '{}',
        CONSTRAINT pk_handover_requirements PRIMARY KEY (id),
        CONSTRAINT fk_handover_requirements_package FOREIGN KEY (package_id) REFERENCES handover_packages (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_handover_requirements_key ON handover_requirements (package_id, key)`);
    await q.query(`CREATE INDEX ix_handover_requirements_assumption ON handover_requirements (assumption_id)`);
    await q.query(`
      CREATE TABLE handover_actions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        package_id uuid NOT NULL,
        text text NOT NULL,
        owner_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        done_at timestamptz,
        done_note text,
        escalated_at timestamptz,
        CONSTRAINT pk_handover_actions PRIMARY KEY (id),
        CONSTRAINT fk_handover_actions_package FOREIGN KEY (package_id) REFERENCES handover_packages (id),
        CONSTRAINT fk_handover_actions_owner FOREIGN KEY (owner_id) REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX ix_handover_actions_open ON handover_actions (due_at) WHERE done_at IS NULL`);

    await q.query(`
      CREATE TABLE process_records (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        package_id uuid NOT NULL,
        initiative_id uuid NOT NULL,
        name text NOT NULL,
        owner_id uuid NOT NULL,
        inputs jsonb NOT NULL,
        outputs jsonb NOT NULL,
        resources jsonb NOT NULL,
        kpis jsonb NOT NULL,
        risks_and_controls jsonb NOT NULL,
        status text NOT NULL DEFAULT 'draft',
        created_at timestamptz NOT NULL DEFAULT now(),
        controlled_at timestamptz,
        CONSTRAINT pk_process_records PRIMARY KEY (id),
        CONSTRAINT fk_process_records_package FOREIGN KEY (package_id) REFERENCES handover_packages (id),
        CONSTRAINT ck_process_records_status CHECK (status IN ('draft', 'controlled'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_process_records_package ON process_records (package_id)`);

    await q.query(`
      CREATE TABLE numbering_schemes (
        document_type text NOT NULL,
        prefix text NOT NULL,
        padding integer NOT NULL DEFAULT 4,
        next_value integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_numbering_schemes PRIMARY KEY (document_type),
        CONSTRAINT ck_numbering_schemes_padding CHECK (padding BETWEEN 1 AND 10)
      )`);
    await q.query(`INSERT INTO numbering_schemes (document_type, prefix) VALUES
      ('procedure', 'SOP'), ('work_instruction', 'WI'), ('specification', 'SPEC'), ('control_plan', 'CP')`);

    await q.query(`
      CREATE TABLE controlled_documents (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        document_type text NOT NULL,
        number text,
        title text NOT NULL,
        owner_id uuid NOT NULL,
        package_id uuid,
        origin_initiative_id uuid,
        status text NOT NULL DEFAULT 'draft_in_package',
        retention_years integer NOT NULL DEFAULT 10,
        training_roles text array NOT NULL DEFAULT '{quality_head}',
        review_flagged_at timestamptz,
        review_flag_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_controlled_documents PRIMARY KEY (id),
        CONSTRAINT fk_controlled_documents_owner FOREIGN KEY (owner_id) REFERENCES users (id),
        CONSTRAINT fk_controlled_documents_package FOREIGN KEY (package_id) REFERENCES handover_packages (id),
        CONSTRAINT ck_controlled_documents_status CHECK (status IN ('draft_in_package', 'controlled', 'obsolete'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_controlled_documents_number ON controlled_documents (number)`);
    await q.query(
      `CREATE UNIQUE INDEX uq_controlled_documents_package_type ON controlled_documents (package_id, document_type)`,
    );
    await q.query(`CREATE INDEX ix_controlled_documents_initiative ON controlled_documents (origin_initiative_id)`);
    await q.query(`
      CREATE TABLE document_citations (
        document_id uuid NOT NULL,
        assumption_id uuid NOT NULL,
        CONSTRAINT pk_document_citations PRIMARY KEY (document_id, assumption_id),
        CONSTRAINT fk_document_citations_document FOREIGN KEY (document_id) REFERENCES controlled_documents (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_document_citations_assumption ON document_citations (assumption_id)`);

    await q.query(`
      CREATE TABLE document_revisions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL,
        revision integer NOT NULL,
        state text NOT NULL DEFAULT 'draft',
        title text NOT NULL,
        body text NOT NULL,
        change_request_id uuid,
        effective_from timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        approved_at timestamptz,
        effective_at timestamptz,
        ended_at timestamptz,
        CONSTRAINT pk_document_revisions PRIMARY KEY (id),
        CONSTRAINT fk_document_revisions_document FOREIGN KEY (document_id) REFERENCES controlled_documents (id),
        CONSTRAINT ck_document_revisions_state CHECK (state IN ('draft', 'in_review', 'approved', 'effective', 'superseded', 'obsolete'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_document_revisions_number ON document_revisions (document_id, revision)`);
    // Exactly one effective revision per document, whatever the code does.
    await q.query(
      `CREATE UNIQUE INDEX uq_document_revisions_effective ON document_revisions (document_id) WHERE state = 'effective'`,
    );
    await q.query(
      `CREATE INDEX ix_document_revisions_scheduled ON document_revisions (effective_from) WHERE state = 'approved'`,
    );
    await q.query(`
      CREATE FUNCTION document_revisions_protect() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.state <> 'draft' THEN RAISE EXCEPTION 'revision % of document % is %: it cannot be deleted', OLD.revision, OLD.document_id, OLD.state USING ERRCODE = 'insufficient_privilege'; END IF;
          RETURN OLD;
        END IF;
        IF OLD.state NOT IN ('draft', 'in_review') AND (NEW.title <> OLD.title OR NEW.body <> OLD.body OR NEW.revision <> OLD.revision OR NEW.document_id <> OLD.document_id) THEN
          RAISE EXCEPTION 'revision % of document % is %: its content never changes; raise a change request', OLD.revision, OLD.document_id, OLD.state USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.state = 'in_review' AND (NEW.title <> OLD.title OR NEW.body <> OLD.body) THEN
          RAISE EXCEPTION 'revision % is in review: send it back to draft to change it', OLD.revision USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_document_revisions_protect BEFORE UPDATE OR DELETE ON document_revisions FOR EACH ROW EXECUTE FUNCTION document_revisions_protect()`,
    );

    await q.query(`
      CREATE TABLE revision_approvals (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        revision_id uuid NOT NULL,
        approver_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        decision text,
        comment text,
        decided_at timestamptz,
        signature_id uuid,
        CONSTRAINT pk_revision_approvals PRIMARY KEY (id),
        CONSTRAINT fk_revision_approvals_revision FOREIGN KEY (revision_id) REFERENCES document_revisions (id),
        CONSTRAINT fk_revision_approvals_approver FOREIGN KEY (approver_id) REFERENCES users (id),
        CONSTRAINT ck_revision_approvals_decision CHECK (decision IS NULL OR decision IN ('approved', 'rejected'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_revision_approvals_approver ON revision_approvals (revision_id, approver_id)`,
    );
    await q.query(`CREATE INDEX ix_revision_approvals_open ON revision_approvals (approver_id) WHERE decision IS NULL`);

    await q.query(`
      CREATE TABLE change_requests (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL,
        base_revision_id uuid NOT NULL,
        reason text NOT NULL,
        impact text NOT NULL,
        proposed_title text NOT NULL,
        proposed_body text NOT NULL,
        diff text NOT NULL,
        status text NOT NULL DEFAULT 'open',
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid,
        decided_at timestamptz,
        decision_comment text,
        new_revision_id uuid,
        CONSTRAINT pk_change_requests PRIMARY KEY (id),
        CONSTRAINT fk_change_requests_document FOREIGN KEY (document_id) REFERENCES controlled_documents (id),
        CONSTRAINT ck_change_requests_status CHECK (status IN ('open', 'approved', 'rejected'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_change_requests_open ON change_requests (document_id) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE training_assignments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        revision_id uuid NOT NULL,
        user_id uuid NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_at timestamptz,
        CONSTRAINT pk_training_assignments PRIMARY KEY (id),
        CONSTRAINT fk_training_assignments_revision FOREIGN KEY (revision_id) REFERENCES document_revisions (id),
        CONSTRAINT fk_training_assignments_user FOREIGN KEY (user_id) REFERENCES users (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_training_assignments_once ON training_assignments (revision_id, user_id)`);
    await q.query(
      `CREATE INDEX ix_training_assignments_open ON training_assignments (user_id) WHERE acknowledged_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'training_assignments',
      'change_requests',
      'revision_approvals',
      'document_revisions',
      'document_citations',
      'controlled_documents',
      'numbering_schemes',
      'process_records',
      'handover_actions',
      'handover_requirements',
      'handover_packages',
      'electronic_signatures',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION document_revisions_protect()`);
    await q.query(`DROP FUNCTION electronic_signatures_refuse_change()`);
  }
}
