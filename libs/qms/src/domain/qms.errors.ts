import { DomainError } from '@ambidex/platform/errors';

export class AlreadySignedError extends DomainError {
  constructor() {
    super('QMS.ALREADY_SIGNED', 'conflict', 'You have already signed this record with this meaning');
  }
}

export class NotRoutedToYouError extends DomainError {
  constructor() {
    super('QMS.NOT_ROUTED', 'forbidden', 'This revision is not routed to you for approval');
  }
}

export class RevisionStateError extends DomainError {
  constructor(message: string) {
    super('QMS.REVISION_STATE', 'conflict', message);
  }
}

export class DocumentNotFoundError extends DomainError {
  constructor(id: string) {
    super('QMS.DOCUMENT_NOT_FOUND', 'not_found', `Controlled document ${id} was not found`);
  }
}

export class RevisionNotFoundError extends DomainError {
  constructor(id: string) {
    super('QMS.REVISION_NOT_FOUND', 'not_found', `Revision ${id} was not found`);
  }
}

export class ChangeRequestError extends DomainError {
  constructor(code: string, kind: 'conflict' | 'not_found' | 'invalid', message: string) {
    super(`QMS.${code}`, kind, message);
  }
}

export class NotDocumentOwnerError extends DomainError {
  constructor() {
    super('QMS.NOT_DOCUMENT_OWNER', 'forbidden', "Only the document's owner or a quality head may do this");
  }
}

export class InvalidApproversError extends DomainError {
  constructor(ids: string[]) {
    super('QMS.INVALID_APPROVERS', 'invalid', 'Approvers must be active quality heads', [
      { field: 'approverIds', reason: `not an active quality head: ${ids.join(', ')}` },
    ]);
  }
}

export class EditThroughPackageError extends DomainError {
  constructor() {
    super(
      'QMS.EDIT_THROUGH_PACKAGE',
      'conflict',
      'This draft belongs to a handover package: edit it through the package while the package is a draft',
    );
  }
}

export class NumberingSchemeError extends DomainError {
  constructor(
    code: 'NUMBERING_SCHEME_NOT_FOUND' | 'NUMBER_ALREADY_ISSUED' | 'PREFIX_IN_USE',
    kind: 'not_found' | 'conflict',
    message: string,
  ) {
    super(`QMS.${code}`, kind, message);
  }
}

/**
 * The password given to sign is wrong. Not a 401: the caller's session is fine, and clients that refresh and retry
 * on 401 would spend the signer's re-authentication attempts.
 */
export class SigningPasswordError extends DomainError {
  constructor() {
    super('QMS.SIGNING_PASSWORD_WRONG', 'invalid', 'The password given to sign does not match your account', [
      { field: 'password', reason: 'wrong password' },
    ]);
  }
}

export class PeriodicReviewError extends DomainError {
  constructor(code: 'REVIEW_NOT_SCHEDULED' | 'REVIEW_ALREADY_RECORDED', message: string) {
    super(`QMS.${code}`, 'conflict', message);
  }
}

export class ReviewIntervalNotFoundError extends DomainError {
  constructor(documentType: string) {
    super('QMS.REVIEW_INTERVAL_NOT_FOUND', 'not_found', `No review interval for ${documentType}`);
  }
}
