import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { buildDataSourceOptions, EntityList } from './data-source-options';

/**
 * Where the reads that tolerate a little lag run: the dashboards, the learning search, the initiative listing
 * (docs/ARCHITECTURE.md, Read replica). It is the replica's pool when DATABASE_READ_URL is set, else the primary's
 * own data source, so a reader injects it either way and never asks which.
 */
export const READ_DATA_SOURCE = Symbol('READ_DATA_SOURCE');

/**
 * Every session on the replica is read-only by default: a standby refuses writes anyway, and a replica fed by
 * logical replication (or a URL pointed at the primary by mistake) then refuses them too, instead of diverging.
 */
const READ_ONLY_SESSIONS = '-c default_transaction_read_only=on';

export function readDataSourceProvider(entities: EntityList): Provider {
  return {
    provide: READ_DATA_SOURCE,
    inject: [DataSource, APP_CONFIG],
    useFactory: async (primary: DataSource, config: AppConfig): Promise<DataSource> => {
      const url = config.database.readUrl;
      if (url === undefined) return primary;
      const options = buildDataSourceOptions(config, url, entities);
      return new DataSource({
        ...options,
        applicationName: 'ambidex-read',
        extra: { ...(options.extra as object), options: READ_ONLY_SESSIONS },
      } as typeof options).initialize();
    },
  };
}
