/**
 * How a tensor of any rank is laid out as 2-D tables: rank 0 is one cell, rank 1 a row or a
 * column, rank 2 one table, rank 3+ one table per leading index (a CTC sample's [T, C] logits).
 * Pure, so keyboard navigation can be tested without a DOM.
 */
import type { Nested } from '../../engine/types';
import { shapeOf } from '../tensorOps';

export type Orientation = 'row' | 'column';

export interface TableSlice {
  /** Index prefix of this table (empty for rank ≤ 2). */
  prefix: number[];
  rows: number;
  cols: number;
}

export interface GridLayout {
  shape: number[];
  slices: TableSlice[];
  /** Index path of table cell (r, c) in slice s. */
  path(s: number, r: number, c: number): number[];
}

export function gridLayout(v: Nested, orientation: Orientation): GridLayout {
  const shape = shapeOf(v);
  if (shape.length === 0) return { shape, slices: [{ prefix: [], rows: 1, cols: 1 }], path: () => [] };
  if (shape.length === 1) {
    const col = orientation === 'column';
    return {
      shape,
      slices: [{ prefix: [], rows: col ? shape[0] : 1, cols: col ? 1 : shape[0] }],
      path: (_s, r, c) => [col ? r : c],
    };
  }
  const lead = shape.slice(0, -2);
  const [rows, cols] = shape.slice(-2);
  const count = lead.reduce((a, b) => a * b, 1);
  const slices: TableSlice[] = [];
  for (let i = 0; i < count; i++) {
    const prefix: number[] = [];
    let rest = i;
    for (let k = lead.length - 1; k >= 0; k--) {
      prefix.unshift(rest % lead[k]);
      rest = Math.floor(rest / lead[k]);
    }
    slices.push({ prefix, rows, cols });
  }
  return { shape, slices, path: (s, r, c) => [...slices[s].prefix, r, c] };
}

/** Where a navigation key moves from (s, r, c), or null when it does not move. */
export function moveFrom(l: GridLayout, at: { s: number; r: number; c: number }, key: string, ctrl: boolean): { s: number; r: number; c: number } | null {
  const { s, r, c } = at;
  const t = l.slices[s];
  switch (key) {
    case 'ArrowUp': return r > 0 ? { s, r: r - 1, c } : s > 0 ? { s: s - 1, r: l.slices[s - 1].rows - 1, c } : null;
    case 'ArrowDown':
    case 'Enter': return r < t.rows - 1 ? { s, r: r + 1, c } : s < l.slices.length - 1 ? { s: s + 1, r: 0, c } : null;
    case 'ArrowLeft': return c > 0 ? { s, r, c: c - 1 } : null;
    case 'ArrowRight': return c < t.cols - 1 ? { s, r, c: c + 1 } : null;
    case 'Home': return ctrl ? { s: 0, r: 0, c: 0 } : { s, r, c: 0 };
    case 'End': {
      if (!ctrl) return { s, r, c: t.cols - 1 };
      const last = l.slices.length - 1;
      return { s: last, r: l.slices[last].rows - 1, c: l.slices[last].cols - 1 };
    }
    case 'PageUp': return s > 0 ? { s: s - 1, r, c } : { s, r: 0, c };
    case 'PageDown': return s < l.slices.length - 1 ? { s: s + 1, r, c } : { s, r: t.rows - 1, c };
    default: return null;
  }
}

/** (s, r, c) of an index path. */
export function locate(l: GridLayout, path: readonly number[]): { s: number; r: number; c: number } {
  if (l.shape.length === 0) return { s: 0, r: 0, c: 0 };
  if (l.shape.length === 1) return l.slices[0].cols === 1 ? { s: 0, r: path[0], c: 0 } : { s: 0, r: 0, c: path[0] };
  const n = path.length;
  const s = Math.max(0, l.slices.findIndex((t) => t.prefix.every((x, i) => x === path[i])));
  return { s, r: path[n - 2], c: path[n - 1] };
}
