import { Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';

/** The decimals of a number as JavaScript writes it, exponent notation included (8e-323 has 323). */
export function decimalPlaces(value: number): number {
  const match = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (match === null) return Number.POSITIVE_INFINITY;
  return Math.max(0, (match[1]?.length ?? 0) - Number(match[2] ?? 0));
}

/**
 * The decimal places a DTO property allows through `@IsNumber({ maxDecimalPlaces })`, if it says. class-validator
 * itself throws (a 500) on a number written in exponent notation without a decimal point, such as 8e-323, so the
 * check is made here first.
 */
export function maxDecimalPlacesOf(shape: Type, key: string): number | undefined {
  let byKey = cache.get(shape);
  if (byKey === undefined) cache.set(shape, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, lookUp(shape, key));
  return byKey.get(key);
}

const cache = new WeakMap<Type, Map<string, number | undefined>>();

function lookUp(shape: Type, key: string): number | undefined {
  const rules = getMetadataStorage().getTargetValidationMetadatas(shape, '', true, false);
  for (const rule of rules) {
    if (rule.propertyName !== key || rule.name !== 'isNumber') continue;
    const places = (rule.constraints?.[0] as { maxDecimalPlaces?: number } | undefined)?.maxDecimalPlaces;
    if (typeof places === 'number') return places;
  }
  return undefined;
}
