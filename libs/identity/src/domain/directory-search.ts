/** Most people a directory search answers; the picker asks the user to type more when it gets this many. */
export const DIRECTORY_MAX_LIMIT = 50;
export const DIRECTORY_DEFAULT_LIMIT = 20;

/** A LIKE pattern matching the text anywhere, its wildcards taken literally ("50%" finds "50%", not "500"). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
