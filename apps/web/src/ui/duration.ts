/** A duration as a person reads it: minutes under an hour, hours under two days, days beyond. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return 'less than a minute';
  if (seconds < 3_600) return plural(Math.floor(seconds / 60), 'minute');
  if (seconds < 48 * 3_600) return plural(Math.round(seconds / 360) / 10, 'hour');
  return plural(Math.round(seconds / 8_640) / 10, 'day');
}

function plural(value: number, unit: string): string {
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}
