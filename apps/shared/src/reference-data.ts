import { ProcessModelActivation } from '@ambidex/portfolio';
import { INestApplicationContext } from '@nestjs/common';

/**
 * Reference data every installation needs, whatever the demo seed says: today the `default` process model
 * (v1 from DEFAULT_PROCESS_MODEL, active), to which new initiatives are pinned. Idempotent and safe when several
 * API replicas start at once; call it after migrations, at every start.
 */
export async function ensureReferenceData(
  app: INestApplicationContext,
  log: (line: string) => void = () => undefined,
): Promise<void> {
  const model = await app.get(ProcessModelActivation).ensureDefaultModel();
  if (model.created) log('created the default process model (default v1, active)');
}
