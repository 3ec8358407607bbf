import { comboKey } from './combobox-keys';

const closed = { open: false, active: -1 };

describe('combobox keys', () => {
  it('ArrowDown opens on the first option, then moves down and wraps', () => {
    expect(comboKey('ArrowDown', closed, 3)).toEqual({ state: { open: true, active: 0 }, pick: false, handled: true });
    expect(comboKey('ArrowDown', { open: true, active: 1 }, 3).state).toEqual({ open: true, active: 2 });
    expect(comboKey('ArrowDown', { open: true, active: 2 }, 3).state).toEqual({ open: true, active: 0 });
  });

  it('ArrowUp opens on the last option, then moves up and wraps', () => {
    expect(comboKey('ArrowUp', closed, 3).state).toEqual({ open: true, active: 2 });
    expect(comboKey('ArrowUp', { open: true, active: 0 }, 3).state).toEqual({ open: true, active: 2 });
    expect(comboKey('ArrowUp', { open: true, active: 2 }, 3).state).toEqual({ open: true, active: 1 });
  });

  it('opens an empty list without highlighting anything', () => {
    expect(comboKey('ArrowDown', closed, 0).state).toEqual({ open: true, active: -1 });
    expect(comboKey('ArrowUp', closed, 0).state).toEqual({ open: true, active: -1 });
  });

  it('Home and End jump only while open', () => {
    expect(comboKey('End', { open: true, active: 0 }, 4).state).toEqual({ open: true, active: 3 });
    expect(comboKey('Home', { open: true, active: 3 }, 4).state).toEqual({ open: true, active: 0 });
    expect(comboKey('Home', closed, 4).handled).toBe(false);
  });

  it('Enter picks the highlighted option and closes; with none highlighted it is the form’s', () => {
    expect(comboKey('Enter', { open: true, active: 1 }, 3)).toEqual({ state: closed, pick: true, handled: true });
    expect(comboKey('Enter', { open: true, active: -1 }, 3)).toMatchObject({ pick: false, handled: false });
    expect(comboKey('Enter', { open: true, active: 5 }, 3)).toMatchObject({ pick: false, handled: false });
    expect(comboKey('Enter', closed, 3).handled).toBe(false);
  });

  it('Escape closes an open list and is left alone when closed', () => {
    expect(comboKey('Escape', { open: true, active: 2 }, 3)).toEqual({ state: closed, pick: false, handled: true });
    expect(comboKey('Escape', closed, 3).handled).toBe(false);
  });

  it('leaves other keys to the input', () => {
    expect(comboKey('a', { open: true, active: 1 }, 3)).toEqual({
      state: { open: true, active: 1 },
      pick: false,
      handled: false,
    });
  });
});
