/**
 * Checkbox selection with shift-click ranges, as file managers do it: a plain click toggles one row
 * and becomes the anchor; a shift-click sets every row between the anchor and the clicked one to the
 * clicked box's new state. Pure, so the rules are tested without a browser.
 */

export interface SelectionState {
  selected: ReadonlySet<string>;
  /** The row the last plain click landed on; ranges start here. */
  anchor: string | null;
}

export const emptySelection: SelectionState = { selected: new Set(), anchor: null };

export interface Click {
  id: string;
  /** The box's state after the click. */
  checked: boolean;
  shiftKey: boolean;
}

/** The selection after one click on a row's box; `order` is the rows as shown, top to bottom. */
export function clickRow(state: SelectionState, order: readonly string[], click: Click): SelectionState {
  const selected = new Set(state.selected);
  const from = state.anchor === null ? -1 : order.indexOf(state.anchor);
  const to = order.indexOf(click.id);
  if (click.shiftKey && from !== -1 && to !== -1) {
    const [lo, hi] = from < to ? [from, to] : [to, from];
    for (const id of order.slice(lo, hi + 1)) {
      if (click.checked) selected.add(id);
      else selected.delete(id);
    }
    // The anchor stays, so a second shift-click re-draws the range from the same row.
    return { selected, anchor: state.anchor };
  }
  if (click.checked) selected.add(click.id);
  else selected.delete(click.id);
  return { selected, anchor: click.id };
}

/** The header box: selects every shown row, or clears them when all are selected already. */
export function toggleAllShown(state: SelectionState, order: readonly string[]): SelectionState {
  const all = order.length > 0 && order.every((id) => state.selected.has(id));
  const selected = new Set(state.selected);
  for (const id of order) {
    if (all) selected.delete(id);
    else selected.add(id);
  }
  return { selected, anchor: null };
}

/** Header box display: checked, unchecked or mixed. */
export function headerState(state: SelectionState, order: readonly string[]): 'all' | 'some' | 'none' {
  const count = order.filter((id) => state.selected.has(id)).length;
  if (count === 0) return 'none';
  return count === order.length ? 'all' : 'some';
}
