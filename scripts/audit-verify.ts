/** `npm run audit:verify`: re-computes every audit hash chain; exits 1 and lists the breaks if any. */
import { loadConfig, verifyAuditTrail } from '@ambidex/platform';
import { createDataSource } from '../apps/shared/src/migrations';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.database.url === undefined) throw new Error('audit:verify needs DATABASE_URL');
  const dataSource = await createDataSource(config, config.database.url).initialize();
  try {
    const result = await dataSource.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
    for (const p of result.problems) console.error(`BROKEN ${p.chainKey} seq ${p.seq ?? '-'}: ${p.problem}`);
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
