/**
 * How a tensor of any rank is laid out as 2-D tables: rank 0 is one cell, rank 1 a row or a
 * column, rank 2 one table, rank 3+ one table per leading index (a CTC sample's [T, C] logits).
 * The whole tensor is described by its geometry (tables x rows x columns, never materialised, so
 * a 100,000-entry tensor costs nothing to navigate); only the window on screen becomes tables.
 * Pure, so keyboard navigation and windowing can be tested without a DOM.
 */
import type { Nested } from '../../engine/types';
import { shapeOf } from '../inputs/tensorOps';

export type Orientation = 'row' | 'column';

/** The whole tensor as equal tables: `tables` of `rows` x `cols` cells. */
export interface GridGeometry {
  shape: number[];
  /** Leading axes that pick a table (rank 3+); empty otherwise. */
  lead: number[];
  tables: number;
  rows: number;
  cols: number;
  /** A rank-1 tensor drawn as one row: its entries are columns, and the pager pages them. */
  entriesAsColumns: boolean;
}

/** A range of indices start <= i < end. */
export interface AxisWindow {
  start: number;
  end: number;
}

/** Where a cell is: table s, row r, column c (all in the whole tensor). */
export interface CellAt {
  s: number;
  r: number;
  c: number;
}

export interface TableSlice {
  /** Index prefix of this table (empty for rank <= 2). */
  prefix: number[];
  /** The table's number in the whole tensor. */
  s: number;
  /** First row / column drawn, and how many. */
  r0: number;
  rows: number;
  c0: number;
  cols: number;
}

export interface GridLayout {
  geometry: GridGeometry;
  slices: TableSlice[];
  /** Index path of drawn cell (r, c) of slice i (r, c count from the slice's r0, c0). */
  path(i: number, r: number, c: number): number[];
}

export function gridGeometry(v: Nested, orientation: Orientation): GridGeometry {
  const shape = shapeOf(v);
  if (shape.length === 0) return { shape, lead: [], tables: 1, rows: 1, cols: 1, entriesAsColumns: false };
  if (shape.length === 1) {
    const col = orientation === 'column';
    return { shape, lead: [], tables: 1, rows: col ? shape[0] : 1, cols: col ? 1 : shape[0], entriesAsColumns: !col };
  }
  const lead = shape.slice(0, -2);
  return { shape, lead, tables: lead.reduce((a, b) => a * b, 1), rows: shape[shape.length - 2], cols: shape[shape.length - 1], entriesAsColumns: false };
}

/** The leading index of table s (row-major over the leading axes). */
export function tablePrefix(g: GridGeometry, s: number): number[] {
  const prefix = new Array<number>(g.lead.length);
  let rest = s;
  for (let k = g.lead.length - 1; k >= 0; k--) {
    prefix[k] = rest % g.lead[k];
    rest = Math.floor(rest / g.lead[k]);
  }
  return prefix;
}

/** The full index path of cell (s, r, c). */
export function cellPath(g: GridGeometry, { s, r, c }: CellAt): number[] {
  const n = g.shape.length;
  if (n === 0) return [];
  if (n === 1) return [g.entriesAsColumns ? c : r];
  return [...tablePrefix(g, s), r, c];
}

/** (s, r, c) of an index path. */
export function locate(g: GridGeometry, path: readonly number[]): CellAt {
  const n = g.shape.length;
  if (n === 0) return { s: 0, r: 0, c: 0 };
  if (n === 1) return g.entriesAsColumns ? { s: 0, r: 0, c: path[0] } : { s: 0, r: path[0], c: 0 };
  let s = 0;
  for (let k = 0; k < g.lead.length; k++) s = s * g.lead[k] + path[k];
  return { s, r: path[n - 2], c: path[n - 1] };
}

/**
 * The axis the pager pages: the entries of a rank-1 row, otherwise table rows counted through
 * every table (table s's row r is flat row s * rows + r), so a window can hold part of a table.
 */
export const pagedLength = (g: GridGeometry): number => (g.entriesAsColumns ? g.cols : g.tables * g.rows);
export const pagedIndex = (g: GridGeometry, at: CellAt): number => (g.entriesAsColumns ? at.c : at.s * g.rows + at.r);

/**
 * The tables to draw for a window on the paged axis (`paged`) and on the columns of every table
 * (`cols`); either absent means all. Paths are always full tensor indices.
 */
export function windowLayout(g: GridGeometry, paged?: AxisWindow | null, cols?: AxisWindow | null): GridLayout {
  const clip = (w: AxisWindow | null | undefined, n: number) => (w ? { start: Math.max(0, Math.min(w.start, n)), end: Math.max(0, Math.min(w.end, n)) } : { start: 0, end: n });
  const slices: TableSlice[] = [];
  if (g.entriesAsColumns) {
    const e = clip(paged, g.cols);
    slices.push({ prefix: [], s: 0, r0: 0, rows: 1, c0: e.start, cols: e.end - e.start });
  } else {
    const rows = clip(paged, g.tables * g.rows);
    const cw = clip(cols, g.cols);
    const first = g.rows ? Math.floor(rows.start / g.rows) : 0;
    for (let s = first; s < g.tables && s * g.rows < rows.end; s++) {
      const r0 = Math.max(0, rows.start - s * g.rows);
      const r1 = Math.min(g.rows, rows.end - s * g.rows);
      slices.push({ prefix: tablePrefix(g, s), s, r0, rows: Math.max(0, r1 - r0), c0: cw.start, cols: cw.end - cw.start });
    }
  }
  return {
    geometry: g, slices,
    path: (i, r, c) => cellPath(g, { s: slices[i].s, r: slices[i].r0 + r, c: slices[i].c0 + c }),
  };
}

/** The whole tensor's tables (small tensors draw everything). */
export const gridLayout = (v: Nested, orientation: Orientation): GridLayout => windowLayout(gridGeometry(v, orientation));

/** Where a navigation key moves from `at`, or null when it does not move. PageUp / PageDown change tables. */
export function moveFrom(g: GridGeometry, at: CellAt, key: string, ctrl: boolean): CellAt | null {
  const { s, r, c } = at;
  const lastS = g.tables - 1;
  switch (key) {
    case 'ArrowUp': return r > 0 ? { s, r: r - 1, c } : s > 0 ? { s: s - 1, r: g.rows - 1, c } : null;
    case 'ArrowDown':
    case 'Enter': return r < g.rows - 1 ? { s, r: r + 1, c } : s < lastS ? { s: s + 1, r: 0, c } : null;
    case 'ArrowLeft': return c > 0 ? { s, r, c: c - 1 } : null;
    case 'ArrowRight': return c < g.cols - 1 ? { s, r, c: c + 1 } : null;
    case 'Home': return ctrl ? { s: 0, r: 0, c: 0 } : { s, r, c: 0 };
    case 'End': return ctrl ? { s: lastS, r: g.rows - 1, c: g.cols - 1 } : { s, r, c: g.cols - 1 };
    case 'PageUp': return s > 0 ? { s: s - 1, r, c } : { s, r: 0, c };
    case 'PageDown': return s < lastS ? { s: s + 1, r, c } : { s, r: g.rows - 1, c };
    default: return null;
  }
}
