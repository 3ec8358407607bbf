/** Outbox event types of the identity context and their payloads. */
export const USER_CREATED_EVENT = 'identity.user-created';
/** Recorded with a mail delivery row; carries the send job, which the relay puts on the mail queue after the commit. */
export const MAIL_PENDING_EVENT = 'identity.mail-pending';

export interface UserCreatedPayload {
  userId: string;
}

export interface MailPendingPayload {
  deliveryId: string;
}

declare module '@ambidex/platform' {
  interface DomainEventMap {
    [USER_CREATED_EVENT]: UserCreatedPayload;
    [MAIL_PENDING_EVENT]: MailPendingPayload;
  }
}
