/** The chart colours of the old dashboard: series colours, and text and grid greys that pass contrast on white. */
export const COLORS = {
  core: '#3461d1',
  adjacent: '#12977f',
  transformational: '#e07b26',
  H1: '#3461d1',
  H2: '#6f8fe0',
  H3: '#9fb3ea',
  current: '#3461d1',
  inflow: '#12977f',
  outflow: '#d0613c',
  conversion: '#12977f',
  kill: '#d6455d',
  recycle: '#e0a526',
  hold: '#8a93a8',
  median: '#3461d1',
  p85: '#a9bbee',
  target: '#c9cfdc',
  targetLine: '#7d869b',
  negative: '#d6455d',
  axis: '#8a93a8',
  grid: '#eceff5',
} as const;

export const colorOf = (key: string): string => (COLORS as Record<string, string>)[key] ?? COLORS.current;
