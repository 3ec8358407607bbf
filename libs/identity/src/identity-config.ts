import { ConfigSection } from '@ambidex/platform';
import { randomBytes } from 'node:crypto';

export interface AuthConfig {
  tokenSecret: string;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  /** How long a replica may answer from its memory that a session or API token is valid; 0 = ask every time. */
  principalCacheMs: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  bootstrapAdminEmail: string | undefined;
  bootstrapAdminPassword: string | undefined;
}

/**
 * E-mail about inbox items (src/mail). Off while smtpUrl is undefined: nothing is queued then.
 * Links in mails start with http.publicUrl.
 */
export interface MailConfig {
  smtpUrl: string | undefined;
  from: string;
  digestHourUtc: number;
  attempts: number;
  retryDelayMs: number;
}

declare module '@ambidex/platform' {
  interface AppConfig {
    auth: AuthConfig;
    mail: MailConfig;
  }
}

export const AUTH_CONFIG: ConfigSection<'auth'> = {
  key: 'auth',
  read: (read, { env }) => {
    const tokenSecret = read.optional('AUTH_TOKEN_SECRET');
    if (env === 'production' && (tokenSecret === undefined || tokenSecret.length < 32)) {
      read.problems.push('AUTH_TOKEN_SECRET must be set to at least 32 characters in production');
    }
    const auth: AuthConfig = {
      // A random per-process secret keeps a newcomer safe; sessions then end on restart.
      tokenSecret: tokenSecret ?? randomBytes(32).toString('hex'),
      accessTokenTtlSeconds: read.int('AUTH_ACCESS_TOKEN_TTL_SECONDS', 900, 10, 86_400),
      sessionTtlSeconds: read.int('AUTH_SESSION_TTL_SECONDS', 7 * 86_400, 60, 90 * 86_400),
      principalCacheMs: read.int('AUTH_PRINCIPAL_CACHE_MS', 5_000, 0, 60_000),
      loginMaxFailures: read.int('AUTH_LOGIN_MAX_FAILURES', 5, 1, 1000),
      loginWindowSeconds: read.int('AUTH_LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
      bootstrapAdminEmail: read.optional('AMBIDEX_ADMIN_EMAIL'),
      bootstrapAdminPassword: read.optional('AMBIDEX_ADMIN_PASSWORD'),
    };
    const adminPassword = auth.bootstrapAdminPassword;
    if (adminPassword !== undefined && adminPassword.length < 12) {
      read.problems.push('AMBIDEX_ADMIN_PASSWORD must be at least 12 characters');
    }
    if ((auth.bootstrapAdminEmail === undefined) !== (adminPassword === undefined)) {
      read.problems.push('AMBIDEX_ADMIN_EMAIL and AMBIDEX_ADMIN_PASSWORD must be set together');
    }
    return auth;
  },
};

export const MAIL_CONFIG: ConfigSection<'mail'> = {
  key: 'mail',
  read: (read) => ({
    smtpUrl: read.url('SMTP_URL', ['smtp:', 'smtps:']),
    from: read.mailbox('MAIL_FROM', 'Ambidex <ambidex@localhost>'),
    digestHourUtc: read.int('MAIL_DIGEST_HOUR', 7, 0, 23),
    attempts: read.int('MAIL_SEND_ATTEMPTS', 10, 1, 100),
    retryDelayMs: read.int('MAIL_RETRY_DELAY_MS', 30_000, 100, 3_600_000),
  }),
};
