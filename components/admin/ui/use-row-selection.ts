'use client';
import { useCallback, useMemo, useState } from 'react';
import {
  type Click,
  clickRow,
  emptySelection,
  headerState,
  type SelectionState,
  toggleAllShown,
} from './range-selection';

export interface RowSelection {
  selected: ReadonlySet<string>;
  /** The ids selected, in the order the rows are shown. */
  selectedIds: string[];
  header: 'all' | 'some' | 'none';
  click: (click: Click) => void;
  toggleAll: () => void;
  clear: () => void;
}

/**
 * Selection of the rows shown (`order`, top to bottom) with shift-click ranges. A new set of rows (the
 * next page, a new filter) starts with nothing selected: a selection never reaches rows out of sight.
 */
export function useRowSelection(order: readonly string[]): RowSelection {
  const key = order.join('\n');
  const [state, setState] = useState<{ key: string; value: SelectionState }>({ key, value: emptySelection });
  const value = state.key === key ? state.value : emptySelection;
  const set = useCallback((next: SelectionState) => setState({ key, value: next }), [key]);
  return useMemo(
    () => ({
      selected: value.selected,
      selectedIds: order.filter((id) => value.selected.has(id)),
      header: headerState(value, order),
      click: (c: Click) => set(clickRow(value, order, c)),
      toggleAll: () => set(toggleAllShown(value, order)),
      clear: () => set(emptySelection),
    }),
    [value, order, set],
  );
}
