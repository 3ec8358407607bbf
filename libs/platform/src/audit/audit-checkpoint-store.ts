import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppConfig } from '../config/app-config';
import { AuditCheckpoint } from './audit-checkpoint';

/**
 * The checkpoint file (JSON lines) and the Ed25519 signing key, both outside the database: whoever can rewrite the
 * database cannot re-sign what a checkpoint already fixed.
 */
export class AuditCheckpointStore {
  constructor(private readonly settings: AppConfig['audit']) {}

  get checkpointFile(): string {
    return this.settings.checkpointFile;
  }

  lines(): string[] {
    if (!existsSync(this.settings.checkpointFile)) return [];
    return readFileSync(this.settings.checkpointFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
  }

  /** One write of one line with O_APPEND: lines from two writers never interleave. */
  append(checkpoint: AuditCheckpoint): void {
    mkdirSync(dirname(this.settings.checkpointFile), { recursive: true });
    appendFileSync(this.settings.checkpointFile, `${JSON.stringify(checkpoint)}\n`, { mode: 0o640 });
  }

  /** The signing key; created on first use when absent (`wx`: two processes starting together keep one key). */
  signingKey(): KeyObject {
    const file = this.settings.signingKeyFile;
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      try {
        writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return createPrivateKey(readFileSync(file));
  }

  /** The key that checks signatures, or null when there is no key file: verification never creates one. */
  verifyingKey(): KeyObject | null {
    const file = this.settings.signingKeyFile;
    return existsSync(file) ? createPublicKey(readFileSync(file)) : null;
  }
}
