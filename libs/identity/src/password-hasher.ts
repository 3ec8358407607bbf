import { Injectable } from '@nestjs/common';
import { hash, verify } from 'argon2';

/** argon2id with the library's defaults (64 MiB, t=3); a dummy hash keeps unknown emails as slow as known ones. */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, { type: 2 });
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (passwordHash === null) {
      this.dummyHash ??= this.hash('not-a-real-password-just-for-timing');
      await verify(await this.dummyHash, password);
      return false;
    }
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }
}
