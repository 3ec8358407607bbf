/**
 * `npm run audit:verify`: re-computes every audit hash chain and compares them with the signed checkpoints kept
 * outside the database (AUDIT_CHECKPOINT_FILE, AUDIT_SIGNING_KEY_FILE); exits 1 and lists the breaks if any.
 *
 * `npm run audit:verify -- --evidence <export.zip>`: checks an evidence export instead: each record's entry is hashed
 * again and must be in the trail with that hash, each signature must be on record with its hash; exits 1 on any
 * mismatch, 2 if the file cannot be read.
 */
import { verifyEvidenceArchive } from '@ambidex/evidence';
import { verifyAnchoredAuditTrail } from '@ambidex/platform';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { createDataSource } from '../apps/shared/src/migrations';
import { loadAppConfig } from '../apps/shared/src/config-sections';

/** The value after `--evidence` (or `--evidence=file`), if given. */
function evidenceArgument(argv: readonly string[]): string | null {
  const at = argv.findIndex((a) => a === '--evidence' || a.startsWith('--evidence='));
  if (at < 0) return null;
  const arg = argv[at]!;
  const file = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
  if (file === undefined || file === '') throw new Error('--evidence needs the path of an evidence ZIP');
  return file;
}

async function verifyEvidence(dataSource: DataSource, file: string): Promise<void> {
  const zip = readFileSync(file);
  const result = await dataSource.transaction('REPEATABLE READ', (em) => verifyEvidenceArchive(em, zip));
  for (const p of result.problems) console.error(`MISMATCH ${p.file}: ${p.problem}`);
  console.log(
    `${result.ok ? 'OK' : 'TAMPERED'}: ${result.records} records and ${result.signatures} signatures of ${file} checked against the audit trail`,
  );
  process.exitCode = result.ok ? 0 : 1;
}

async function main(): Promise<void> {
  const config = loadAppConfig();
  const url = config.database.appUrl ?? config.database.url;
  if (url === undefined) throw new Error('audit:verify needs DATABASE_URL');
  const evidence = evidenceArgument(process.argv.slice(2));
  const dataSource = await createDataSource(config, url).initialize();
  try {
    if (evidence !== null) return await verifyEvidence(dataSource, evidence);
    const result = await dataSource.transaction('REPEATABLE READ', (em) => verifyAnchoredAuditTrail(em, config.audit));
    for (const p of result.problems) console.error(`BROKEN ${p.chainKey} seq ${p.seq ?? '-'}: ${p.problem}`);
    const anchor = result.anchor;
    if (anchor !== undefined) {
      console.log(
        anchor.checkpoints === 0
          ? `No signed checkpoint yet in ${anchor.checkpointFile}: nothing is anchored outside the database.`
          : `Anchored by ${anchor.checkpoints} signed checkpoint(s) in ${anchor.checkpointFile} (key ${anchor.keyId}), ` +
              `latest ${anchor.latestAt}: ${anchor.covered.entries} entries in ${anchor.covered.chains} chains.`,
      );
      console.log(
        `Newer than the latest checkpoint (chain-checked only): ${anchor.newer.entries} entries, ${anchor.newer.chains} new chains.`,
      );
    }
    console.log(`${result.ok ? 'OK' : 'TAMPERED'}: ${result.entries} entries in ${result.chains} chains checked`);
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
