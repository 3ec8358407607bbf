import { createContext, useContext } from 'react';
import type { InsightInitiative, Selection } from './selections';

/** One initiative behind a bar or bubble (ECV ranking, risk × reward), with the set it belongs to. */
export interface SingleInitiative {
  item: Partial<InsightInitiative> & { id: string; title: string; probability?: number; remainingCost?: number };
  related: Selection;
}

/**
 * How the figures behave where they are drawn: on screen a click lists the initiatives behind it; on paper there is
 * nothing to click, and data tables are open.
 */
export interface FigureMode {
  print: boolean;
  drill: (selection: Selection) => void;
  showOne: (single: SingleInitiative) => void;
}

export const FigureContext = createContext<FigureMode>({
  print: true,
  drill: () => undefined,
  showOne: () => undefined,
});

export const useFigureMode = (): FigureMode => useContext(FigureContext);
