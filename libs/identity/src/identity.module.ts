import { Module } from '@nestjs/common';
import { AdminBootstrap } from './admin-bootstrap';
import { ApiTokenUse } from './api-token-use';
import { ApiTokensService } from './api-tokens.service';
import { AuthenticationService } from './authentication.service';
import { InboxService } from './inbox.service';
import { OverdueEscalation } from './overdue-escalation';
import { LoginRateLimiter } from './login-rate-limiter';
import { MailDigests } from './mail/mail-digests';
import { MailOutbox } from './mail/mail-outbox';
import { MailQueueJobs } from './mail/mail-queue-jobs';
import { MailSender } from './mail/mail-sender';
import { MailSweeper } from './mail/mail-sweeper';
import { MailTransport } from './mail/mail-transport';
import { PasswordHasher } from './password-hasher';
import { PrincipalCache } from './principal-cache';
import { PrincipalRevocations } from './principal-revocations';
import { ReauthenticationService } from './reauthentication.service';
import { UserDirectory } from './user-directory';
import { UserNames } from './user-names';
import { UsersService } from './users.service';

const SERVICES = [
  AdminBootstrap,
  ApiTokenUse,
  ApiTokensService,
  AuthenticationService,
  InboxService,
  LoginRateLimiter,
  MailDigests,
  MailOutbox,
  MailQueueJobs,
  MailSender,
  MailSweeper,
  MailTransport,
  OverdueEscalation,
  PasswordHasher,
  PrincipalCache,
  PrincipalRevocations,
  ReauthenticationService,
  UserDirectory,
  UserNames,
  UsersService,
];

@Module({ providers: SERVICES, exports: SERVICES })
export class IdentityModule {}
