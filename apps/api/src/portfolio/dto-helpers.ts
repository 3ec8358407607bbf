import { Transform } from 'class-transformer';

/** Trims strings before validation, so "   " fails a minimum length like "" does. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Money: numeric(16,2) in the database; at most two decimals, and a range the column can hold. */
export const MONEY = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };
export const MONEY_LIMIT = 1e13;

/** Probabilities: numeric(4,3), 0 to 1 with at most three decimals. */
export const PROBABILITY = { maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false };

export const READ_RULE =
  'Readable by any signed-in user: the portfolio is transparent inside the organisation (leadership reads everything, ' +
  'gatekeepers need the context of what they score, innovation leads see what exists before proposing a duplicate).';
