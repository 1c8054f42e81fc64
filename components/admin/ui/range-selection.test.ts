import { describe, expect, it } from 'vitest';
import { clickRow, emptySelection, headerState, type SelectionState, toggleAllShown } from './range-selection';

const rows = ['a', 'b', 'c', 'd', 'e', 'f'];
const click = (s: SelectionState, id: string, checked: boolean, shiftKey = false) =>
  clickRow(s, rows, { id, checked, shiftKey });
const ids = (s: SelectionState) => [...s.selected].sort();

describe('row selection', () => {
  it('a plain click toggles one row and moves the anchor', () => {
    const s = click(emptySelection, 'b', true);
    expect(ids(s)).toEqual(['b']);
    expect(s.anchor).toBe('b');
    expect(ids(click(s, 'b', false))).toEqual([]);
  });

  it('a shift-click selects the whole range from the anchor, in either direction', () => {
    const down = click(click(emptySelection, 'b', true), 'e', true, true);
    expect(ids(down)).toEqual(['b', 'c', 'd', 'e']);
    const up = click(click(emptySelection, 'e', true), 'b', true, true);
    expect(ids(up)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('a shift-click that unchecks clears the range, and the anchor stays for the next range', () => {
    let s = click(emptySelection, 'a', true);
    s = click(s, 'f', true, true);
    s = click(s, 'c', false, true);
    expect(ids(s)).toEqual(['d', 'e', 'f']);
    expect(s.anchor).toBe('a');
  });

  it('a shift-click without an anchor (or with one no longer shown) is a plain click', () => {
    expect(ids(click(emptySelection, 'c', true, true))).toEqual(['c']);
    const stale: SelectionState = { selected: new Set(['zz']), anchor: 'zz' };
    expect(ids(click(stale, 'c', true, true))).toEqual(['c', 'zz']);
  });

  it('the header box selects every shown row, then clears them; it reports mixed states', () => {
    const some = click(emptySelection, 'a', true);
    expect(headerState(some, rows)).toBe('some');
    const all = toggleAllShown(some, rows);
    expect(headerState(all, rows)).toBe('all');
    expect(headerState(toggleAllShown(all, rows), rows)).toBe('none');
    expect(headerState(emptySelection, [])).toBe('none');
  });
});
