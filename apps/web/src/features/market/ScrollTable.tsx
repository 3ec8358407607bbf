import type { ReactNode } from 'react';

/**
 * A data table that scrolls sideways on its own when a phone is too narrow for it: the wrapper is the scrolled
 * region, named and reachable with the keyboard.
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="market-table" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
