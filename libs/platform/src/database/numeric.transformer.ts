import { ValueTransformer } from 'typeorm';

/** pg returns numeric as a string to keep precision; our figures fit a double. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
