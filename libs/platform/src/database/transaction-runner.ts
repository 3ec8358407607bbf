import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** One transaction per use case: the change, its history, audit entry and outbox rows commit together. */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    // PostgreSQL's default level (READ COMMITTED); naming it would cost a SET TRANSACTION round trip.
    return this.dataSource.transaction(work);
  }
}
