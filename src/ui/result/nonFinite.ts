/**
 * Where a NaN or an infinity comes from: the input cells that hold one, and the first step of the
 * derivation whose tensor holds one. A person chasing a NaN loss reads "y_pred[0, 1] is nan; the
 * first non-finite value appears at step p_clipped". Pure: built from the document and a result.
 */
import { unravel } from '../../engine/tensor';
import type { EngineResult, Nested, Step } from '../../engine/types';
import type { ExampleDoc, TensorName } from '../../document/document';
import { cellText } from '../../document/nonFiniteText';
import { cellName } from '../common/format';
import { flatten, shapeOf } from '../inputs/tensorOps';

export interface NonFiniteCell {
  /** `y_pred`, or `updates.1.y_pred` for a metric update. */
  field: string;
  index: number[];
  value: number;
}

const NAMES: readonly TensorName[] = ['y_true', 'y_pred', 'sample_weight'];

function cellsOf(field: string, v: Nested | null, out: NonFiniteCell[]): void {
  if (v === null) return;
  const flat = flatten(v);
  const shape = shapeOf(v);
  flat.forEach((x, k) => { if (!Number.isFinite(x)) out.push({ field, index: unravel(k, shape), value: x }); });
}

/** Every input cell holding NaN or ±Infinity, in field order (y_true, y_pred, sample_weight; updates in order). */
export function nonFiniteCells(doc: ExampleDoc): NonFiniteCell[] {
  const out: NonFiniteCell[] = [];
  if (doc.kind === 'metric') {
    doc.updates.forEach((u, i) => NAMES.forEach((n) => cellsOf(`updates.${i}.${n}`, u[n], out)));
  } else {
    NAMES.forEach((n) => cellsOf(n, doc[n], out));
  }
  return out;
}

export interface NonFiniteStep {
  name: string;
  /** Index of the first non-finite entry in the step's tensor. */
  index: number[];
  value: number;
}

/** The first step (in the engine's order) whose tensor holds a NaN or an infinity, or null. */
export function firstNonFiniteStep(steps: readonly Step[] | undefined): NonFiniteStep | null {
  for (const s of steps ?? []) {
    const k = Array.prototype.findIndex.call(s.tensor.data, (x: number) => !Number.isFinite(x));
    if (k >= 0) return { name: s.name, index: unravel(k, s.tensor.shape), value: s.tensor.data[k] };
  }
  return null;
}

function headline(r: EngineResult): number[] {
  return r.kind === 'metric' ? [r.results[r.results.length - 1]] : Array.from(r.value.data);
}

export interface NonFiniteReport {
  /** "y_pred[0, 1] is nan", at most `maxCells` of them, then "and N more". */
  cells: string;
  step: NonFiniteStep | null;
}

/**
 * What to say when the result is not finite: the input cells that are (if any) and the first step
 * that produced a non-finite value (if the result has steps). Null when the result is finite.
 */
export function nonFiniteReport(doc: ExampleDoc, result: EngineResult, maxCells = 3): NonFiniteReport | null {
  if (headline(result).every(Number.isFinite)) return null;
  const cells = nonFiniteCells(doc);
  const named = cells.slice(0, maxCells).map((c) => `${cellName(c.field, c.index)} is ${cellText(c.value)}`);
  const more = cells.length > maxCells ? ` and ${cells.length - maxCells} more non-finite input${cells.length - maxCells > 1 ? 's' : ''}` : '';
  const text = cells.length ? `${named.join(', ')}${more}` : 'No input is NaN or infinite';
  return { cells: text, step: result.kind === 'metric' ? null : firstNonFiniteStep(result.steps) };
}
