/**
 * Pitfall text built from the engine's own steps, so a message that explains a number states the
 * numbers the engine computed: which entries the clip changed (the same diff the explain view
 * outlines), what each became and its log term; and engine warnings named by their cell.
 */
import { unravel } from '../../engine/tensor';
import type { DType, EngineResult, EngineWarning, Nested, Step } from '../../engine/types';
import { cellName, formatNumber } from '../common/format';
import type { CellRef } from './pitfallRules';
import { flatten, shapeOf } from '../inputs/tensorOps';

/** Flat indices a `p_clipped` step changed relative to the step before it that lines up with y_pred (or y_pred itself). */
export function clipChanged(steps: readonly Step[], k: number, y_pred: Nested): number[] {
  const s = steps[k];
  const prev = [...steps.slice(0, k)].reverse().find((p) => p.alignsWith === 'y_pred' && p.tensor.data.length === s.tensor.data.length);
  const a = prev ? prev.tensor.data : flatten(y_pred);
  if (a.length !== s.tensor.data.length) return [];
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (Math.fround(a[i]) !== Math.fround(s.tensor.data[i])) out.push(i);
  return out;
}

export interface ClipReport {
  cells: CellRef[];
  message: string;
}

const termOf = (steps: readonly Step[], i: number): { name: string; value: number } | null => {
  const log = steps.find((s) => s.name === 'log_p');
  if (log && i < log.tensor.data.length) return { name: 'log p', value: log.tensor.data[i] };
  const per = steps.find((s) => s.name === 'per_entry');
  return per && i < per.tensor.data.length ? { name: 'its term', value: per.tensor.data[i] } : null;
};

/** The clip pitfall from the engine's steps (null when nothing was clipped or there are no steps). */
export function clipFromSteps(result: EngineResult | null, y_pred: Nested, dtype: DType): ClipReport | null {
  if (!result || result.kind === 'metric' || !result.steps) return null;
  const steps = result.steps;
  const k = steps.findIndex((s) => s.name === 'p_clipped');
  if (k < 0) return null;
  const changed = clipChanged(steps, k, y_pred);
  if (!changed.length) return null;
  const clipped = steps[k].tensor;
  const shape = clipped.shape.length ? clipped.shape : shapeOf(y_pred);
  const cells = changed.map((i) => ({ field: 'y_pred', index: unravel(i, shape) }));
  const fmt = (v: number) => formatNumber(v, dtype);
  const described = changed.slice(0, 3).map((i, n) => {
    const to = clipped.data[i] < 0.5 ? 'ε' : '1 − ε';
    const term = termOf(steps, i);
    return `${cellName('y_pred', cells[n].index)} → ${to}${term ? ` (${term.name} = ${fmt(term.value)})` : ''}`;
  });
  const more = changed.length > 3 ? `, and ${changed.length - 3} more` : '';
  const n = changed.length;
  return {
    cells,
    message: `${n} entr${n > 1 ? 'ies are' : 'y is'} clipped to [ε, 1 − ε]: ${described.join('; ')}${more}. A clipped entry passes no gradient: moving it does not change the loss.`,
  };
}

const WARNING_TITLES: Record<string, string> = {
  nan: 'NaN in the loss',
  inf: 'Infinite loss',
  infinity: 'Infinite loss',
  non_finite: 'Non-finite value',
};

/** A title a person reads, for an engine warning code ("nan" → "NaN in the loss"). */
export function warningTitle(code: string): string {
  const t = WARNING_TITLES[code] ?? code.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

const FLAT_ENTRY = /\s*\(?entry (\d+) in row-major order[^)]*\)?/;

/** The cell an engine warning is about: its index, or the flat entry its message names, in `field`'s shape. */
export function warningCell(w: EngineWarning, tensor: Nested | null): { cell: CellRef | null; message: string } {
  const field = w.field && /y_true|y_pred|sample_weight/.test(w.field) ? w.field : null;
  if (!field) return { cell: null, message: w.message };
  if (w.index) return { cell: { field, index: w.index }, message: w.message };
  const m = FLAT_ENTRY.exec(w.message);
  if (!m || tensor == null) return { cell: null, message: w.message };
  const index = unravel(Number(m[1]), shapeOf(tensor));
  return { cell: { field, index }, message: w.message.replace(FLAT_ENTRY, ` (${cellName(field, index)})`) };
}
