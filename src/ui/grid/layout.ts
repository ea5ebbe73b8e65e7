/**
 * How a tensor of any rank is laid out as 2-D tables: rank 0 is one cell, rank 1 a row or a
 * column, rank 2 one table, rank 3+ one table per leading index (a CTC sample's [T, C] logits).
 * Pure, so keyboard navigation can be tested without a DOM.
 */
import type { Nested } from '../../engine/types';
import { shapeOf } from '../inputs/tensorOps';

export type Orientation = 'row' | 'column';

export interface TableSlice {
  /** Index prefix of this table (empty for rank ≤ 2). */
  prefix: number[];
  rows: number;
  cols: number;
  /** Index of this table's first row / column in the tensor (a windowed layout); 0 when absent. */
  r0?: number;
  c0?: number;
}

/** A window on the tensor's first axis: indices start ≤ i < end. */
export interface AxisWindow {
  start: number;
  end: number;
}

export interface GridLayout {
  shape: number[];
  slices: TableSlice[];
  /** Index path of table cell (r, c) in slice s. */
  path(s: number, r: number, c: number): number[];
}

/**
 * The layout of the whole tensor, or with `win` only the first-axis indices in the window (the
 * rows of a matrix or a column, the entries of a row, the leading slices of rank 3+). Paths are
 * always full tensor indices.
 */
export function gridLayout(v: Nested, orientation: Orientation, win?: AxisWindow): GridLayout {
  const shape = shapeOf(v);
  if (shape.length === 0) return { shape, slices: [{ prefix: [], rows: 1, cols: 1 }], path: () => [] };
  if (win) return windowed(shape, orientation, win);
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

function windowed(shape: number[], orientation: Orientation, win: AxisWindow): GridLayout {
  const start = Math.max(0, Math.min(win.start, shape[0]));
  const n = Math.max(0, Math.min(win.end, shape[0]) - start);
  if (shape.length === 1) {
    const col = orientation === 'column';
    return {
      shape,
      slices: [col ? { prefix: [], rows: n, cols: 1, r0: start } : { prefix: [], rows: 1, cols: n, c0: start }],
      path: (_s, r, c) => [start + (col ? r : c)],
    };
  }
  if (shape.length === 2) {
    return { shape, slices: [{ prefix: [], rows: n, cols: shape[1], r0: start }], path: (_s, r, c) => [start + r, c] };
  }
  const slices: TableSlice[] = [];
  const inner = shape.slice(1, -2);
  const per = inner.reduce((a, b) => a * b, 1);
  const [rows, cols] = shape.slice(-2);
  for (let i = 0; i < n * per; i++) {
    const prefix: number[] = [];
    let rest = i;
    for (let k = inner.length - 1; k >= 0; k--) {
      prefix.unshift(rest % inner[k]);
      rest = Math.floor(rest / inner[k]);
    }
    prefix.unshift(start + rest);
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
