import { createLogger } from '@ambidex/platform';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { toProblem } from './problem-details.filter';

/** A failed query as TypeORM hands it over: PostgreSQL's error (message quoting the value, SQLSTATE) inside. */
function refusedValue(code: string, message: string): QueryFailedError {
  const driverError = Object.assign(new Error(message), { code, severity: 'ERROR', detail: 'secret-detail' });
  return new QueryFailedError('INSERT INTO experiment_results (value) VALUES ($1)', ['s3cret-value'], driverError);
}

function capturingLogger(): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ logLevel: 'info' }, 'test', destination), lines };
}

describe('a value PostgreSQL refuses (SQLSTATE class 22) as the client sees it', () => {
  it.each([
    ['22P02', 'invalid input syntax for type uuid: "s3cret-value"', 'A value is malformed for its field'],
    ['22003', 'value "s3cret-value" is out of range for type integer', 'A number is out of range for its field'],
    ['22001', 'value too long for type character varying(10)', 'A text value is longer than its field allows'],
    [
      '22021',
      'invalid byte sequence for encoding "UTF8": 0x00',
      'A text value holds a character that cannot be stored (such as a NUL character)',
    ],
    ['22012', 'division by zero', 'A value is out of range or malformed for its field'],
  ])('%s is a 422 VALUE_REFUSED in our words, never the server’s', (code, serverText, detail) => {
    const { logger } = capturingLogger();
    const body = toProblem(refusedValue(code, serverText), logger);
    expect(body).toMatchObject({ status: 422, code: 'REQUEST.VALUE_REFUSED', detail });
    const sent = JSON.stringify(body);
    expect(sent).not.toContain(serverText);
    expect(sent).not.toContain('s3cret-value');
    expect(sent).not.toContain('type ');
  });

  it("logs the server's message (its quoted value redacted) with the SQLSTATE, for whoever investigates", () => {
    const { logger, lines } = capturingLogger();
    toProblem(refusedValue('22P02', 'invalid input syntax for type uuid: "s3cret-value"'), logger);
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; level: number; err: { database: unknown } });
    expect(logged).toEqual([
      expect.objectContaining({
        msg: 'database refused a value',
        level: 40,
        err: expect.objectContaining({ database: { code: '22P02', message: 'invalid input syntax for type uuid' } }),
      }),
    ]);
    expect(lines.join('')).not.toContain('s3cret');
  });
});
