import { Module } from '@nestjs/common';
import { AdminBootstrap } from './admin-bootstrap';
import { ApiTokensService } from './api-tokens.service';
import { AuthenticationService } from './authentication.service';
import { InboxService } from './inbox.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { ReauthenticationService } from './reauthentication.service';
import { UserDirectory } from './user-directory';
import { UserNames } from './user-names';
import { UsersService } from './users.service';

const SERVICES = [
  AdminBootstrap,
  ApiTokensService,
  AuthenticationService,
  InboxService,
  LoginRateLimiter,
  PasswordHasher,
  ReauthenticationService,
  UserDirectory,
  UserNames,
  UsersService,
];

@Module({ providers: SERVICES, exports: SERVICES })
export class IdentityModule {}
