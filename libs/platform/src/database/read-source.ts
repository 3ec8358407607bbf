import { Logger, OnApplicationShutdown, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { buildDataSourceOptions, EntityList } from './data-source-options';

/**
 * Every session on the replica is read-only by default: a standby refuses writes anyway, and a replica fed by
 * logical replication (or a URL pointed at the primary by mistake) then refuses them too, instead of diverging.
 */
const READ_ONLY_SESSIONS = '-c default_transaction_read_only=on';

/** How often a replica that could not be reached at start is tried again. */
const RECONNECT_EVERY_MS = 5_000;

/** How often a reached replica is asked whether it still answers, and how long it has to answer. */
const CHECK_EVERY_MS = 2_000;
const CHECK_TIMEOUT_MS = 1_000;

/**
 * Where the reads that tolerate a little lag run: the dashboards, the learning search, the initiative listing
 * (docs/ARCHITECTURE.md, Read replica). `get()` is the replica's pool when DATABASE_READ_URL is set and the replica
 * has been reached, else the primary's own data source, so a reader asks it each time and never which.
 *
 * A replica that cannot be reached at start does not stop the process: its reads go to the primary meanwhile, the
 * replica is tried again every few seconds, and readiness reports it. One that stops answering later is routed around
 * the same way: it is asked every two seconds, and its reads go to the primary until it answers again.
 */
export class ReadSource implements OnApplicationShutdown {
  private readonly logger = new Logger(ReadSource.name);
  private retry: NodeJS.Timeout | undefined;
  private watching: NodeJS.Timeout | undefined;
  private stopped = false;
  private answering = true;

  private constructor(
    private readonly primary: DataSource,
    /** Null without DATABASE_READ_URL. */
    readonly replica: DataSource | null,
  ) {}

  static async start(primary: DataSource, replica: DataSource | null): Promise<ReadSource> {
    const source = new ReadSource(primary, replica);
    await source.connect();
    return source;
  }

  get(): DataSource {
    return this.replica?.isInitialized === true && this.answering ? this.replica : this.primary;
  }

  /** Reached once, but not answering at the last check: its reads go to the primary. */
  get lost(): boolean {
    return this.replica?.isInitialized === true && !this.answering;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearTimeout(this.watching);
    if (this.replica?.isInitialized === true) await this.replica.destroy();
  }

  private async connect(): Promise<void> {
    if (this.replica === null || this.stopped) return;
    try {
      await this.replica.initialize();
      if (this.stopped) await this.replica.destroy();
      else this.watch();
    } catch (error) {
      this.logger.warn(
        `read replica not reached (${(error as Error).message}); its reads go to the primary, retrying every ` +
          `${RECONNECT_EVERY_MS / 1000} s`,
      );
      this.retry = setTimeout(() => void this.connect(), RECONNECT_EVERY_MS).unref();
    }
  }

  private watch(): void {
    this.watching = setTimeout(() => {
      void this.answers().then((answers) => {
        if (answers !== this.answering) {
          if (answers) this.logger.log('read replica answers again; its reads go back to it');
          else this.logger.warn('read replica stopped answering; its reads go to the primary until it answers again');
        }
        this.answering = answers;
        if (!this.stopped) this.watch();
      });
    }, CHECK_EVERY_MS).unref();
  }

  private async answers(): Promise<boolean> {
    const replica = this.replica;
    if (replica === null || !replica.isInitialized) return false;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
    });
    const answered = replica.query('SELECT 1').then(
      () => true,
      () => false,
    );
    return Promise.race([answered, late]).finally(() => clearTimeout(timer));
  }
}

export function readSourceProvider(entities: EntityList): Provider {
  return {
    provide: ReadSource,
    inject: [DataSource, APP_CONFIG],
    useFactory: (primary: DataSource, config: AppConfig): Promise<ReadSource> => {
      const url = config.database.readUrl;
      if (url === undefined) return ReadSource.start(primary, null);
      const options = buildDataSourceOptions(config, url, entities);
      const replica = new DataSource({
        ...options,
        applicationName: 'ambidex-read',
        extra: { ...(options.extra as object), options: READ_ONLY_SESSIONS },
      } as typeof options);
      return ReadSource.start(primary, replica);
    },
  };
}
