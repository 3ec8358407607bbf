/** What a key press does to a list-box popup: which option is active, whether it is open, and whether to pick. */
export interface ComboState {
  open: boolean;
  /** Index of the highlighted option; -1 when none. */
  active: number;
}

export type ComboAction = { state: ComboState; pick: boolean; handled: boolean };

/**
 * The keyboard of the ARIA 1.2 combobox pattern: ArrowDown/ArrowUp open the list and move through it (wrapping),
 * Home/End jump while it is open, Enter picks the highlighted option, Escape closes. Other keys are the input's.
 */
export function comboKey(key: string, state: ComboState, count: number): ComboAction {
  const keep = { state, pick: false, handled: false };
  switch (key) {
    case 'ArrowDown':
      if (!state.open || count === 0)
        return {
          state: { open: true, active: count === 0 ? -1 : Math.max(state.active, 0) },
          pick: false,
          handled: true,
        };
      return { state: { open: true, active: (state.active + 1) % count }, pick: false, handled: true };
    case 'ArrowUp':
      if (count === 0) return { state: { open: true, active: -1 }, pick: false, handled: true };
      if (!state.open) return { state: { open: true, active: count - 1 }, pick: false, handled: true };
      return {
        state: { open: true, active: state.active <= 0 ? count - 1 : state.active - 1 },
        pick: false,
        handled: true,
      };
    case 'Home':
    case 'End':
      if (!state.open || count === 0) return keep;
      return { state: { open: true, active: key === 'Home' ? 0 : count - 1 }, pick: false, handled: true };
    case 'Enter':
      if (!state.open || state.active < 0 || state.active >= count) return keep;
      return { state: { open: false, active: -1 }, pick: true, handled: true };
    case 'Escape':
      if (!state.open) return keep;
      return { state: { open: false, active: -1 }, pick: false, handled: true };
    default:
      return keep;
  }
}
