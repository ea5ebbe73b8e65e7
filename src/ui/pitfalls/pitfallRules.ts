/**
 * Tensor checks behind the pitfall list (DESIGN.md, "Pitfalls"): each looks at one batch
 * (y_true, y_pred, sample_weight) and reports the cells at fault. Pure; no engine numbers needed.
 */
import { kwarg } from '../../engine/catalog';
import { unravel } from '../../engine/tensor';
import type { KerasBackend } from '../../engine/types';
import type { DType, Nested, Semantics } from '../../engine/types';
import type { FamilyId } from '../common/lossInfo';
import { flatten, shapeOf } from '../inputs/tensorOps';

export interface CellRef {
  /** `y_pred`, or `updates.1.y_pred` for a metric update. */
  field: string;
  index: number[];
}

export interface BatchInfo {
  family: FamilyId;
  fn: string;
  prefix: string;
  y_true: Nested;
  y_pred: Nested;
  sample_weight: Nested | null;
  config: Record<string, unknown>;
  dtype: DType;
  semantics: Semantics;
  /** The backend the numbers follow (TensorFlow under tf.keras 2). */
  backend: KerasBackend;
}

/** Keras's clip bounds in the compute dtype (spec section 0). */
export function clipBounds(dtype: DType): [number, number] {
  return dtype === 'float32' ? [Math.fround(1e-7), 1 - 2 ** -23] : [1e-7, 1 - 1e-7];
}

/** Cells of `field` whose value passes `test`. */
export function cellsWhere(b: BatchInfo, name: 'y_true' | 'y_pred' | 'sample_weight', test: (x: number, index: number[]) => boolean): CellRef[] {
  const v = b[name];
  if (v === null) return [];
  const shape = shapeOf(v);
  const out: CellRef[] = [];
  // Most tests read only the value: build the index (an allocation per cell) only for those that need it.
  const needsIndex = test.length >= 2;
  flatten(v).forEach((x, i) => {
    if (needsIndex ? test(x, unravel(i, shape)) : test(x, [])) out.push({ field: b.prefix + name, index: unravel(i, shape) });
  });
  return out;
}

/** Innermost rows of y_pred with their index prefix. */
export function predRows(b: BatchInfo): { index: number[]; row: number[] }[] {
  const shape = shapeOf(b.y_pred);
  const c = shape[shape.length - 1] ?? 1;
  const flat = flatten(b.y_pred);
  const out: { index: number[]; row: number[] }[] = [];
  for (let i = 0; i * c < flat.length; i++) out.push({ index: unravel(i, shape.slice(0, -1)), row: flat.slice(i * c, (i + 1) * c) });
  return out;
}

export const rowCells = (b: BatchInfo, index: number[], n: number): CellRef[] =>
  Array.from({ length: n }, (_, j) => ({ field: `${b.prefix}y_pred`, index: [...index, j] }));

/** The label weight of y_pred entry (row, j): does the loss read log p there? */
function labelWeight(b: BatchInfo, rowIndex: number[], j: number): number {
  const ls = kwarg(b.config, 'label_smoothing');
  if (b.family === 'sparse') {
    let v: Nested = b.y_true;
    for (const k of rowIndex) v = Array.isArray(v) ? v[k] : v;
    if (Array.isArray(v)) v = v[0];
    return v === j ? 1 : 0;
  }
  let v: Nested = b.y_true;
  for (const k of [...rowIndex, j]) v = Array.isArray(v) ? v[k] : v;
  return typeof v === 'number' ? Math.abs(v) + Math.abs(ls) : ls;
}

/** Entries Keras clips where the clip changes the loss (the log term is capped and passes no gradient). */
export function clippedCells(b: BatchInfo): CellRef[] {
  const [lo, hi] = clipBounds(b.dtype);
  if (b.config.from_logits === true) return [];
  if (b.family === 'binary') return cellsWhere(b, 'y_pred', (p) => p < lo || p > hi);
  if (b.family === 'kld') {
    return cellsWhere(b, 'y_pred', (p, idx) => {
      let t: Nested = b.y_true;
      for (const k of idx) t = Array.isArray(t) ? t[k] : t;
      return p < lo && typeof t === 'number' && t > 0;
    });
  }
  if (b.family !== 'categorical' && b.family !== 'sparse') return [];
  const out: CellRef[] = [];
  for (const { index, row } of predRows(b)) {
    const s = row.reduce((a, x) => a + x, 0);
    row.forEach((p, j) => {
      const r = p / s;
      if ((r < lo || r > hi) && labelWeight(b, index, j) > 0) out.push({ field: `${b.prefix}y_pred`, index: [...index, j] });
    });
  }
  return out;
}

/** Per-sample label rows of a CTC batch that admit no alignment: T < L + repeats. */
export function infeasibleCtc(b: BatchInfo): { sample: number; need: number; T: number }[] {
  const p = shapeOf(b.y_pred);
  const T = p[1] ?? 0;
  const rows = Array.isArray(b.y_true) ? (b.y_true as Nested[]) : [];
  const out: { sample: number; need: number; T: number }[] = [];
  rows.forEach((r, i) => {
    const labels = Array.isArray(r) ? (r as number[]) : [];
    const L = labels.filter((x) => x !== 0).length;
    const seq = labels.slice(0, L);
    const repeats = seq.filter((x, k) => k > 0 && x === seq[k - 1]).length;
    if (T < L + repeats) out.push({ sample: i, need: L + repeats, T });
  });
  return out;
}

/** The shape of the per-sample values Keras computes for this batch (before weighting). */
export function perSampleShape(b: BatchInfo): number[] {
  const p = shapeOf(b.y_pred);
  if (b.family === 'ctc') return p.slice(0, 1);
  if (b.family === 'sparse' || b.family === 'kld' || b.family === 'poisson') return p.slice(0, -1);
  const axis = kwarg(b.config, 'axis');
  const a = axis < 0 ? p.length + axis : axis;
  return p.filter((_, i) => i !== a);
}
