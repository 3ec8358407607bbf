import { UNPARSEABLE } from './ingest-entry';

/** Splits an NDJSON body into entries; a line that does not parse stays in place, marked, to be reported by index. */
export function parseNdjson(body: string): unknown[] {
  return body
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        return { [UNPARSEABLE]: (error as Error).message.slice(0, 200) };
      }
    });
}
