import {
  APP_CONFIG,
  AppConfig,
  isUniqueViolation,
  queryRows,
  SYSTEM_ACTOR,
  TransactionRunner,
} from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { UsersService } from './users.service';

export type BootstrapResult = { created: false } | { created: true; email: string; generatedPassword: string | null };

export const DEFAULT_ADMIN_EMAIL = 'admin@ambidex.local';

/**
 * Makes sure an admin exists on first run: the one named by AMBIDEX_ADMIN_EMAIL/PASSWORD, or a generated
 * password printed once by the launcher.
 */
@Injectable()
export class AdminBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async ensureAdmin(): Promise<BootstrapResult> {
    const [row] = await queryRows<{ n: number }>(
      this.dataSource,
      `SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles) AND active`,
    );
    if ((row?.n ?? 0) > 0) return { created: false };
    const email = this.config.auth.bootstrapAdminEmail ?? DEFAULT_ADMIN_EMAIL;
    const generatedPassword =
      this.config.auth.bootstrapAdminPassword === undefined ? randomBytes(12).toString('base64url') : null;
    const password = this.config.auth.bootstrapAdminPassword ?? generatedPassword ?? '';
    const passwordHash = await this.hasher.hash(password);
    try {
      await this.tx.run((em) =>
        this.users.insert(
          em,
          SYSTEM_ACTOR,
          { email, displayName: 'Administrator', password, roles: ['admin'] },
          passwordHash,
        ),
      );
    } catch (error) {
      // Another replica bootstrapped at the same moment.
      if (isUniqueViolation(error, 'uq_users_email')) return { created: false };
      throw error;
    }
    return { created: true, email, generatedPassword };
  }
}
