import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InvalidCredentialsError } from './domain/identity.errors';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';

/**
 * Proves the signer is present at the moment of an electronic signature (21 CFR 11.200):
 * the password again, rate limited like a login.
 */
@Injectable()
export class ReauthenticationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginRateLimiter,
  ) {}

  async confirm(userId: string, password: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId, active: true });
    if (user === null) throw new InvalidCredentialsError();
    await this.limiter.assertAllowed(user.email, null);
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      await this.limiter.recordFailure(user.email, null);
      throw new InvalidCredentialsError();
    }
    return user;
  }
}
