import { returnedId } from '@ambidex/platform';
import { DEFAULT_PROCESS_MODEL, InitiativeStatus, Stage } from '@ambidex/portfolio';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/** The active 'default' process model, created if this database has none yet. */
export async function ensureDefaultProcessModel(ds: DataSource): Promise<string> {
  await ds.query(
    `INSERT INTO process_models (key, version, name, status, definition, activated_at)
     SELECT 'default', 1, 'Default stage-gate model', 'active', $1, now()
      WHERE NOT EXISTS (SELECT 1 FROM process_models WHERE key = 'default')
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(DEFAULT_PROCESS_MODEL)],
  );
  const [row] = (await ds.query(`SELECT id FROM process_models WHERE key = 'default' AND status = 'active'`)) as {
    id: string;
  }[];
  if (row === undefined) throw new Error('no active default process model');
  return row.id;
}

export async function newPortfolio(
  ds: DataSource,
  createdBy: string,
  name = `Portfolio ${randomBytes(4).toString('hex')}`,
): Promise<string> {
  return returnedId(
    await ds.query(
      `INSERT INTO portfolios (name, ambition_targets, horizon_targets, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [
        name,
        JSON.stringify({ core: 70, adjacent: 20, transformational: 10 }),
        JSON.stringify({ H1: 60, H2: 30, H3: 10 }),
        createdBy,
      ],
    ),
    'a portfolio',
  );
}

export interface InitiativeOptions {
  ownerId: string;
  portfolioId?: string;
  title?: string;
  stage?: Stage;
  status?: InitiativeStatus;
  /** Marks every deliverable of every gate done, so reviews are ready. */
  deliverablesDone?: boolean;
  financials?: boolean;
}

/** An initiative as the create use case leaves it (deliverables seeded, a 'created' history event), in any stage. */
export async function newInitiative(ds: DataSource, options: InitiativeOptions): Promise<string> {
  const modelId = await ensureDefaultProcessModel(ds);
  const portfolioId = options.portfolioId ?? (await newPortfolio(ds, options.ownerId));
  const withMoney = options.financials !== false;
  const stage = options.stage ?? 'explore';
  const status = options.status ?? 'active';
  const id = returnedId(
    await ds.query(
      `INSERT INTO initiatives (portfolio_id, process_model_id, title, problem, value_hypothesis, owner_id, horizon, ambition,
                                innovation_type, npv, probability_commercial, probability_technical, commercialization_cost,
                                remaining_development_cost, cost_to_date, stage, status)
       VALUES ($1, $2, $3, 'A problem worth solving', 'Customers will pay for it', $4, 'H2', 'adjacent', 'product',
               $5, $6, $7, $8, $9, 10000, $10, $11) RETURNING id`,
      [
        portfolioId,
        modelId,
        options.title ?? `Initiative ${randomBytes(4).toString('hex')}`,
        options.ownerId,
        withMoney ? 1_000_000 : null,
        withMoney ? 0.6 : null,
        withMoney ? 0.8 : null,
        withMoney ? 100_000 : null,
        withMoney ? 200_000 : null,
        stage,
        status,
      ],
    ),
    'an initiative',
  );
  for (const [gate, def] of Object.entries(DEFAULT_PROCESS_MODEL.gates)) {
    for (const deliverable of def.deliverables) {
      await ds.query(
        `INSERT INTO initiative_deliverables (initiative_id, gate, key, name, status, note) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          id,
          gate,
          deliverable.key,
          deliverable.name,
          options.deliverablesDone === true ? 'done' : 'pending',
          options.deliverablesDone === true ? 'attached' : null,
        ],
      );
    }
  }
  await ds.query(
    `INSERT INTO stage_events (initiative_id, seq, kind, to_stage, to_status, actor_id, actor_label) VALUES ($1, 1, 'created', $2, $3, $4, 'test')`,
    [id, stage, status, options.ownerId],
  );
  return id;
}
