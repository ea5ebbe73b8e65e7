/** Pure shaping of a CTC lattice view: state labels, heatmap cells, best path, gradient cells. */
import type { CtcLatticeView } from '../engine/sweep';
import { exactNumber } from '../ui/common/format';
import type { TableData } from './DataTable';

/** Label of lattice state s: blanks are '∅', emissions show their class id. */
export function stateLabels(extended: number[]): string[] {
  return extended.map((k, s) => (s % 2 === 0 ? '∅' : String(k)));
}

export interface Cell { row: number; col: number; value: number }

/** Row-major [rows x cols] data as cells (row = state or class, col = time). */
export function cellsOf(data: ArrayLike<number>, T: number, rows: number): Cell[] {
  const out: Cell[] = [];
  for (let t = 0; t < T; t++) for (let r = 0; r < rows; r++) out.push({ row: r, col: t, value: data[t * rows + r] });
  return out;
}

export function occupancyCells(lat: CtcLatticeView): Cell[] {
  return cellsOf(lat.occupancy, lat.T, lat.extended.length);
}

export function gradientCells(lat: CtcLatticeView): Cell[] {
  return cellsOf(lat.grad, lat.T, lat.C);
}

/** Largest |gradient|, for a symmetric colour domain (at most 1: softmax − occupancy). */
export function gradientScale(lat: CtcLatticeView): number {
  let m = 0;
  for (const g of lat.grad) if (Math.abs(g) > m) m = Math.abs(g);
  return m || 1;
}

/** The decoded labels along the best path (collapse repeats, drop blanks), for the caption. */
export function decodePath(lat: CtcLatticeView): number[] {
  const out: number[] = [];
  let prev = -1;
  for (const s of lat.bestPath) {
    if (s !== prev && s % 2 === 1) out.push(lat.extended[s]);
    prev = s;
  }
  return out;
}

export function latticeTable(lat: CtcLatticeView): TableData {
  const labels = stateLabels(lat.extended);
  const S = lat.extended.length;
  return {
    caption: `CTC occupancy γ_t(s) of sample ${lat.sample} (rows: time; best path state in the last column)`,
    columns: ['t', ...labels.map((l, s) => `s${s} (${l})`), 'best path'],
    rows: Array.from({ length: lat.T }, (_, t) => [
      String(t), ...labels.map((_, s) => exactNumber(lat.occupancy[t * S + s])), `s${lat.bestPath[t]} (${labels[lat.bestPath[t]]})`,
    ]),
  };
}
