import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { READ_DATA_SOURCE } from './read-data-source';

/** Closes the replica's pool with the app; the primary's is TypeOrmModule's to close. */
@Injectable()
export class ReadDataSourceCloser implements OnApplicationShutdown {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly reads: DataSource,
    private readonly primary: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.reads !== this.primary && this.reads.isInitialized) await this.reads.destroy();
  }
}
