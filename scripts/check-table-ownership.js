#!/usr/bin/env node
// Each context owns its tables: SQL written in libs/<context>/src may name only that context's
// tables. Another context's data is reached through that context's public API instead.
// The one allowed exception is the insights read model's refresh, which reads the source tables
// to rebuild its projection; its files and the tables they may read are listed below.
//
//   node scripts/check-table-ownership.js          fails (exit 1) listing every foreign table named
//   node scripts/check-table-ownership.js --count  prints the number of violations per context
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const OWNERS = {
  platform: ['audit_chain_heads', 'audit_entries', 'outbox_events'],
  identity: ['users', 'sessions', 'api_tokens', 'spent_refresh_tokens', 'inbox_items', 'mail_deliveries'],
  portfolio: [
    'portfolios',
    'process_models',
    'initiatives',
    'initiative_deliverables',
    'initiative_duplicate_checks',
    'initiative_duplicate_texts',
    'stage_events',
    'webhook_subscriptions',
    'webhook_deliveries',
  ],
  experiments: [
    'assumptions',
    'assumption_status_events',
    'experiments',
    'experiment_assumptions',
    'experiment_results',
    'learnings',
    'ingest_batches',
    'ingest_entries',
    'initiative_learning_rollups',
    'initiative_members',
  ],
  gates: ['gate_reviews', 'gate_review_assignments', 'gate_conditions', 'scorecards', 'evidence_snapshots'],
  handover: ['handover_packages', 'handover_requirements', 'handover_actions', 'process_records'],
  qms: [
    'controlled_documents',
    'document_revisions',
    'document_citations',
    'revision_approvals',
    'electronic_signatures',
    'change_requests',
    'numbering_schemes',
    'training_assignments',
    'document_review_intervals',
    'document_reviews',
  ],
  nonconformity: ['nonconformities', 'nonconformity_actions', 'nonconformity_effectiveness_checks'],
  audits: ['internal_audits', 'internal_audit_items', 'audit_observation_opportunities'],
  lean: ['value_streams', 'value_stream_measurements', 'improvement_events', 'improvement_actions'],
  market: ['market_products', 'market_values', 'market_post_launch_reviews', 'market_feedback'],
  insights: [
    'insights_cube_days',
    'insights_daily',
    'insights_initiatives',
    'insights_learning',
    'insights_pending_applies',
    'insights_portfolio_state',
    'insights_sample_months',
    'insights_samples',
    'insights_zombie_candidates',
  ],
  'management-review': ['management_reviews', 'management_review_actions', 'management_review_opportunities'],
  evidence: ['evidence_exports'],
  testing: [],
};

// The read model is a projection of the other contexts' rows; rebuilding it must read them.
const READ_MODEL_ALLOW = {
  'libs/insights/src/insights-refresh.ts': ['*'],
  'libs/insights/src/read-model-sources.ts': ['*'],
};

// libs/testing seeds every context for the tests, so it is not a context and is not checked.
const UNCHECKED = new Set(['testing']);

const SQL_REFERENCE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\s+(?:ONLY\s+)?([a-z_][a-z0-9_]*)/gi;

const root = path.resolve(__dirname, '..');
const ownerOf = new Map(Object.entries(OWNERS).flatMap(([context, tables]) => tables.map((t) => [t, context])));

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

function violationsIn(context) {
  const found = [];
  for (const file of filesUnder(path.join(root, 'libs', context, 'src'))) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const allowed = READ_MODEL_ALLOW[relative] ?? [];
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(SQL_REFERENCE)) {
      const table = match[1].toLowerCase();
      const owner = ownerOf.get(table);
      if (!owner || owner === context || allowed.includes('*') || allowed.includes(table)) continue;
      const line = source.slice(0, match.index).split('\n').length;
      found.push(`${relative}:${line}  ${table} (owned by ${owner})`);
    }
  }
  return found;
}

const contexts = fs
  .readdirSync(path.join(root, 'libs'))
  .filter((name) => fs.existsSync(path.join(root, 'libs', name, 'src')) && !UNCHECKED.has(name));
const unknown = contexts.filter((name) => !(name in OWNERS));
if (unknown.length) {
  console.error(`check-table-ownership: add ${unknown.join(', ')} to OWNERS with the tables it creates`);
  process.exit(1);
}

const byContext = Object.fromEntries(contexts.map((context) => [context, violationsIn(context)]));
if (process.argv.includes('--count')) {
  for (const [context, found] of Object.entries(byContext)) console.log(`${context}: ${found.length}`);
  process.exit(0);
}
const all = Object.values(byContext).flat();
if (all.length) {
  console.error(`check-table-ownership: ${all.length} statement(s) name another context's table:`);
  for (const line of all) console.error(`  ${line}`);
  console.error("Reach that data through the owning context's public API (its libs/<context>/src/index.ts).");
  process.exit(1);
}
console.log(`check-table-ownership: every context's SQL names only its own tables (${contexts.length} contexts)`);
