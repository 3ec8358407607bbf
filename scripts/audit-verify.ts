/**
 * `npm run audit:verify`: re-computes every audit hash chain and compares them with the signed checkpoints kept
 * outside the database (AUDIT_CHECKPOINT_FILE, AUDIT_SIGNING_KEY_FILE); exits 1 and lists the breaks if any.
 */
import { verifyAnchoredAuditTrail } from '@ambidex/platform';
import { createDataSource } from '../apps/shared/src/migrations';
import { loadAppConfig } from '../apps/shared/src/config-sections';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const url = config.database.appUrl ?? config.database.url;
  if (url === undefined) throw new Error('audit:verify needs DATABASE_URL');
  const dataSource = await createDataSource(config, url).initialize();
  try {
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
