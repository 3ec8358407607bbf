export * from './identity-config';
export * from './domain/roles';
export * from './domain/identity.errors';
export * from './domain/credentials';
export * from './identity-events';
export * from './principal';
export * from './principal-cache';
export * from './principal-revocations';
// Of the entity classes only UserEntity is public: other contexts' entities declare their foreign keys to users with it.
export { UserEntity } from './user.entity';
export * from './inbox.service';
export * from './overdue-escalation';
export * from './domain/mail-content';
export type { MailDeliveryStatus, MailKind } from './mail/mail-delivery.entity';
export * from './mail/mail-outbox';
export * from './mail/mail-job-types';
export * from './mail/mail-jobs';
export * from './mail/mail-queue-jobs';
export * from './mail/mail-transport';
export * from './mail/mail-sender';
export * from './mail/mail-digests';
export * from './mail/mail-sweeper';
export * from './password-hasher';
export * from './authentication.service';
export * from './api-tokens.service';
export * from './users.service';
export * from './user-names';
export * from './user-directory';
export * from './user-lookup';
export * from './domain/directory-search';
export * from './reauthentication.service';
export * from './admin-bootstrap';
export * from './identity.module';

import { ApiTokenEntity } from './api-token.entity';
import { InboxItemEntity } from './inbox-item.entity';
import { MailDeliveryEntity } from './mail/mail-delivery.entity';
import { SessionEntity } from './session.entity';
import { SpentRefreshTokenEntity } from './spent-refresh-token.entity';
import { UserEntity } from './user.entity';

export const IDENTITY_ENTITIES = [
  UserEntity,
  SessionEntity,
  SpentRefreshTokenEntity,
  ApiTokenEntity,
  InboxItemEntity,
  MailDeliveryEntity,
];
