import { safeDatabaseError, serializeError } from './log-redaction';

describe('what of a database error may be logged', () => {
  it.each([
    [
      {
        code: '23505',
        message: 'duplicate key value violates unique constraint "uq_users_email"',
        constraint: 'uq_users_email',
        detail: 'Key (email)=(a@b.c) already exists.',
      },
      {
        code: '23505',
        message: 'duplicate key value violates unique constraint "uq_users_email"',
        constraint: 'uq_users_email',
      },
    ],
    [
      { code: '22P02', message: 'invalid input syntax for type uuid: "s3cret"' },
      { code: '22P02', message: 'invalid input syntax for type uuid' },
    ],
    ['plain text', { message: 'plain text' }],
  ])('%j is logged as %j', (error, expected) => {
    expect(safeDatabaseError(error)).toEqual(expected);
  });

  it("a failed query's parameters, detail and quoted value stay out of the serialized error", () => {
    const error = Object.assign(new Error('invalid input syntax for type uuid: "s3cret"'), {
      name: 'QueryFailedError',
      query: 'SELECT $1::uuid',
      parameters: ['s3cret'],
      driverError: { code: '22P02', message: 'invalid input syntax for type uuid: "s3cret"', detail: 's3cret' },
    });
    const text = JSON.stringify(serializeError(error));
    expect(text).not.toContain('s3cret');
    expect(text).toContain('22P02');
  });
});
