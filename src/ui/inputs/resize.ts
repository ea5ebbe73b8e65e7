/**
 * Batch-level edits: a sample added in any grid is added to y_true, y_pred and sample_weight
 * together (they share the batch axis); a class added to y_pred is added to one-hot y_true too.
 * New entries are neutral: label 0 / one-hot class 0, a uniform probability row, weight 1.
 */
import type { Nested } from '../../engine/types';
import type { UpdateDoc } from '../../document/document';
import type { FamilyId } from '../common/lossInfo';
import { filled, insertCol, insertRow, mapRows, removeCol, removeRow, resizeTo, shapeOf, tidy } from './tensorOps';

export type AxisOp = 'add-sample' | 'remove-sample' | 'add-class' | 'remove-class' | 'add-time' | 'remove-time' | 'add-label' | 'remove-label';

const withRow = (v: Nested, row: Nested): Nested => (Array.isArray(v) ? [...v, row] : v);

function newPredRow(shape: number[], logits: boolean): Nested {
  const c = shape[shape.length - 1] ?? 1;
  return filled(shape, logits ? 0 : tidy(1 / c));
}

export function editAxis(b: UpdateDoc, family: FamilyId, op: AxisOp, logits: boolean): UpdateDoc {
  const p = shapeOf(b.y_pred);
  const t = shapeOf(b.y_true);
  const sameRank = t.length === p.length;
  switch (op) {
    case 'add-sample': {
      const tRow = t.length <= 1 ? 0 : family === 'ctc' ? filled(t.slice(1), 0)
        : sameRank && family !== 'binary' && family !== 'poisson' ? mapRows(filled(t.slice(1), 0), (r) => r.map((_, i) => (i === 0 ? 1 : 0))) : filled(t.slice(1), 0);
      const pRow = family === 'ctc' || family === 'poisson' ? filled(p.slice(1), family === 'poisson' ? 1 : 0) : newPredRow(p.slice(1), logits);
      return {
        y_true: withRow(b.y_true, tRow),
        y_pred: withRow(b.y_pred, pRow),
        sample_weight: b.sample_weight === null ? null : withRow(b.sample_weight, Array.isArray(b.sample_weight) && Array.isArray(b.sample_weight[0]) ? filled(shapeOf(b.sample_weight).slice(1), 1) : 1),
      };
    }
    case 'remove-sample': {
      const n = p[0] ?? 1;
      if (n <= 1) return b;
      return {
        y_true: t.length ? removeRow(b.y_true, n - 1) : b.y_true,
        y_pred: removeRow(b.y_pred, n - 1),
        sample_weight: b.sample_weight !== null && shapeOf(b.sample_weight).length ? removeRow(b.sample_weight, n - 1) : b.sample_weight,
      };
    }
    case 'add-class':
    case 'remove-class': {
      const c = p[p.length - 1] ?? 1;
      const edit = (v: Nested) => (op === 'add-class' ? insertCol(v, c) : removeCol(v, c - 1));
      return { ...b, y_pred: edit(b.y_pred), y_true: sameRank && family !== 'ctc' ? edit(b.y_true) : b.y_true };
    }
    case 'add-time':
    case 'remove-time': {
      if (p.length < 3) return b;
      const T = p[1];
      const y_pred = (b.y_pred as Nested[]).map((s) => (op === 'add-time' ? insertRow(s, T) : removeRow(s, T - 1)));
      return { ...b, y_pred };
    }
    case 'add-label':
    case 'remove-label': {
      const L = t[t.length - 1] ?? 1;
      return { ...b, y_true: op === 'add-label' ? insertCol(b.y_true, L) : removeCol(b.y_true, L - 1) };
    }
  }
}

/** Resize the batch to B samples and C classes (CTC: C classes including the blank), keeping what fits. */
export function resizeBatch(b: UpdateDoc, family: FamilyId, B: number, C: number, logits: boolean): UpdateDoc {
  let out = b;
  const guard = 1000;
  for (let i = 0; i < guard && (shapeOf(out.y_pred)[0] ?? 0) < B; i++) out = editAxis(out, family, 'add-sample', logits);
  for (let i = 0; i < guard && (shapeOf(out.y_pred)[0] ?? 0) > B && B >= 1; i++) out = editAxis(out, family, 'remove-sample', logits);
  const p = shapeOf(out.y_pred);
  const target = [...p.slice(0, -1), C];
  const t = shapeOf(out.y_true);
  const y_pred = resizeTo(out.y_pred, target, 0);
  const y_true = t.length === p.length && family !== 'ctc' ? resizeTo(out.y_true, [...t.slice(0, -1), C], 0) : out.y_true;
  return { ...out, y_pred, y_true };
}
