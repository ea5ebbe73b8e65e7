/**
 * Pitfall detection: rule -> message -> one-click fix (DESIGN.md table). Fixes return a new
 * document; the panel applies them as one undo step. Engine warnings the rules do not cover are
 * passed through, so NaN and infinity always come with where they came from.
 */
import { PARAMS } from '../../engine/catalog';
import type { EngineResult, KerasBackend, Nested } from '../../engine/types';
import { effectiveBackend, type ExampleDoc } from '../../document/document';
import { ctcInfeasibleReturns } from '../../engine/backendNotes';
import { KERAS_BACKENDS } from '../../engine/types';
import { BACKEND_LABELS } from '../common/backendNames';
import { readTensor, writeTensor } from '../../document/tensorFields';
import { cellName } from '../common/format';
import { familyOf, fnIdOf } from '../common/lossInfo';
import {
  cellsWhere, clipBounds, clippedCells, infeasibleCtc, perSampleShape, predRows, rowCells, type BatchInfo, type CellRef,
} from './pitfallRules';
import { clipFromSteps, warningCell, warningTitle } from './pitfallSteps';
import { clampNumber, logRows, normaliseRows, shapeOf, toColumn } from '../inputs/tensorOps';

export type { CellRef } from './pitfallRules';

export interface Pitfall {
  id: string;
  tone: 'warn' | 'info';
  title: string;
  message: string;
  cells: CellRef[];
  /** How many cells the pitfall concerns when `cells` lists only the first of them (a large tensor). */
  cellCount?: number;
  fix?: { label: string; apply: (doc: ExampleDoc) => ExampleDoc };
}

/** Rows whose cells a row-level pitfall marks; the count still covers every row. */
const MARKED_ROWS = 200;

const setKw = (key: string, value: unknown) => (d: ExampleDoc): ExampleDoc => ({ ...d, config: { ...d.config, [key]: value } });

function mapTensor(field: string, f: (v: import('../../engine/types').Nested) => import('../../engine/types').Nested) {
  return (d: ExampleDoc): ExampleDoc => {
    const v = readTensor(d, field as never);
    return v == null ? d : writeTensor(d, field as never, f(v)) ?? d;
  };
}

const rowSum = (row: number[] | undefined) => (row ? ` (row 0 sums to ${+row.reduce((a, x) => a + x, 0).toPrecision(6)})` : '');
const first = (cells: CellRef[]) => (cells.length ? ` (e.g. ${cellName(cells[0].field, cells[0].index)})` : '');

function batchesOf(doc: ExampleDoc): BatchInfo[] {
  const fn = fnIdOf(doc.kind, doc.name);
  const family = familyOf(fn);
  if (!fn || !family) return [];
  const common = { family, fn, config: doc.config, dtype: doc.dtype, semantics: doc.semantics, backend: effectiveBackend(doc) };
  if (doc.kind === 'metric') return doc.updates.map((u, i) => ({ ...common, prefix: `updates.${i}.`, ...u }));
  return [{ ...common, prefix: '', y_true: doc.y_true, y_pred: doc.y_pred, sample_weight: doc.sample_weight }];
}

/** Whether Keras divides y_pred's rows by their sums here: the engine's steps say so when there are any. */
function renormalises(b: BatchInfo, result: EngineResult | null): boolean {
  if (result && result.kind !== 'metric' && result.steps && !b.prefix) return result.steps.some((s) => s.name === 'p_renormalised');
  return b.family === 'categorical';
}

function batchPitfalls(b: BatchInfo, out: Pitfall[], result: EngineResult | null): void {
  const probFamily = b.family === 'binary' || b.family === 'categorical' || b.family === 'sparse';
  const logits = b.config.from_logits === true;
  const categorical = b.family === 'categorical' || b.family === 'sparse';
  const tag = (id: string) => (b.prefix ? `${id}@${b.prefix}` : id);
  const rows = predRows(b);
  const offRows = rows.filter((r) => Math.abs(r.row.reduce((a, x) => a + x, 0) - 1) > 1e-3);
  const outside = cellsWhere(b, 'y_pred', (x) => x < 0 || x > 1);
  if (probFamily && !logits && outside.length) {
    out.push({ id: tag('looks_like_logits'), tone: 'warn', title: 'These look like logits', cells: outside,
      message: renormalises(b, result)
        ? `y_pred has values outside [0, 1]${first(outside)} but from_logits=False: Keras reads them as probabilities, first divides each row by its sum${rowSum(rows[0]?.row)}, then clips to [ε, 1 − ε].`
        : `y_pred has values outside [0, 1]${first(outside)} but from_logits=False: Keras reads them as probabilities and clips them to [ε, 1 − ε].`,
      fix: { label: 'Set from_logits=True', apply: setKw('from_logits', true) } });
  }
  if (probFamily && logits && !outside.length && (!categorical || !offRows.length)) {
    out.push({ id: tag('looks_like_probabilities'), tone: 'warn', title: 'These look like probabilities', cells: [],
      message: `from_logits=True, but every y_pred entry is in [0, 1]${categorical ? ' and every row sums to 1' : ''}: Keras will apply ${categorical ? 'softmax' : 'sigmoid'} to them again.`,
      fix: { label: 'Set from_logits=False', apply: setKw('from_logits', false) } });
  }
  if (b.family === 'ctc' && !outside.length && !offRows.length) {
    out.push({ id: tag('ctc_probabilities'), tone: 'warn', title: 'CTC takes logits; these look like probabilities', cells: [],
      message: 'Every time step is in [0, 1] and sums to 1. CTC applies log_softmax itself, so probabilities are silently treated as logits.',
      fix: { label: 'Take the log (log p are logits with softmax p)', apply: mapTensor(`${b.prefix}y_pred`, logRows) } });
  }
  if (categorical && !logits && offRows.length && !cellsWhere(b, 'y_pred', (x) => x < 0).length) {
    // Cells to mark for the first rows only: on a 10,000-row batch, one object per cell cost more than the rest of the scan.
    const cells = offRows.slice(0, MARKED_ROWS).flatMap((r) => rowCells(b, r.index, r.row.length));
    const cellCount = offRows.reduce((n, r) => n + r.row.length, 0);
    const s = offRows[0].row.reduce((a, x) => a + x, 0);
    out.push({ id: tag('rows_not_normalised'), tone: 'warn', title: 'Rows do not sum to 1', cells, cellCount,
      message: `Row ${offRows[0].index.join(', ')} of y_pred sums to ${+s.toPrecision(6)}. Keras divides each row by its sum before clipping, so the loss sees normalised probabilities.`,
      fix: { label: 'Normalise rows', apply: mapTensor(`${b.prefix}y_pred`, normaliseRows) } });
  }
  // From the engine's steps when it computed them (the same clip the explain view outlines); otherwise from the rule.
  const fromSteps = b.prefix ? null : clipFromSteps(result, b.y_pred, b.dtype);
  const clipped = fromSteps ? fromSteps.cells : result && result.kind !== 'metric' && result.steps && !b.prefix ? [] : clippedCells(b);
  if (clipped.length) {
    const [lo] = clipBounds(b.dtype);
    out.push({ id: tag('clipped'), tone: 'info', title: 'Clipped entries: dead gradient', cells: clipped,
      message: fromSteps?.message ?? `${clipped.length} entr${clipped.length > 1 ? 'ies are' : 'y is'} clipped to [${+lo.toPrecision(2)}, 1 − ε]${first(clipped)}: a clipped entry passes no gradient.` });
  }
  if (b.family === 'sparse') sparsePitfalls(b, out, tag);
  if (b.family === 'ctc') {
    for (const x of infeasibleCtc(b)) {
      const cells = cellsWhere(b, 'y_true', (_, idx) => idx[0] === x.sample);
      out.push({ id: tag(`ctc_infeasible_${x.sample}`), tone: 'warn', title: `Sample ${x.sample}: no CTC alignment`, cells,
        message: `T = ${x.T} time steps is shorter than the label length plus its repeats (${x.need}): the loss is infinite. ` +
          `${onBackend(b)} it returns ${ctcInfeasibleReturns(b.backend)}. Elsewhere: ${KERAS_BACKENDS.filter((k) => k !== b.backend)
            .map((k) => `${BACKEND_LABELS[k]} ${ctcInfeasibleReturns(k, true)}`).join('; ')}.` });
    }
  }
  weightPitfalls(b, out, tag);
}

function sparsePitfalls(b: BatchInfo, out: Pitfall[], tag: (id: string) => string): void {
  const C = shapeOf(b.y_pred).at(-1) ?? 0;
  const ic = typeof b.config.ignore_class === 'number' ? b.config.ignore_class : null;
  const ignored = ic === null ? [] : cellsWhere(b, 'y_true', (x) => x === ic);
  if (ignored.length) {
    const total = cellsWhere(b, 'y_true', () => true).length;
    out.push({ id: tag('ignored_labels'), tone: 'info', title: `Labels equal to ignore_class=${ic}`, cells: ignored,
      message: `${ignored.length} of ${total} labels are ignored: they score 0 and the loss's mean divides by the ${total - ignored.length} valid entries. The metric without sample_weight still counts them as zeros.` });
  }
  // Keras casts labels to int32 (truncating toward 0) on every backend; ignore_class is compared first.
  const cls = (x: number) => Math.trunc(x);
  const fractional = cellsWhere(b, 'y_true', (x) => x !== ic && Number.isFinite(x) && !Number.isInteger(x) && cls(x) >= 0 && cls(x) < C);
  if (fractional.length) {
    const [c0] = fractional;
    const v = readCell(b, c0);
    out.push({ id: tag('label_truncated'), tone: 'info', title: 'Fractional labels are truncated', cells: fractional,
      message: `${cellName(c0.field, c0.index)} = ${v} is read as class ${cls(v)}${fractional.length > 1 ? ` (and ${fractional.length - 1} more)` : ''}: ` +
        'every Keras backend casts sparse labels to integers, truncating toward 0.' });
  }
  const bad = cellsWhere(b, 'y_true', (x) => x !== ic && !(cls(x) >= 0 && cls(x) < C));
  if (bad.length) {
    out.push({ id: tag('label_out_of_range'), tone: 'warn', title: 'Labels outside [0, classes)', cells: bad,
      message: `Sparse labels must be class ids in [0, ${C})${first(bad)}. ${onBackend(b)} ${OUT_OF_RANGE[b.backend]} ` +
        'The backends differ: JAX scores such a label 0 (and still counts it); TensorFlow raises; PyTorch raises except for −100, which scores 0; NumPy raises for labels ≥ classes and scores negative ones 0.' });
  }
}

const OUT_OF_RANGE: Record<KerasBackend, string> = {
  jax: 'it scores them 0 and still counts them in the mean.',
  tensorflow: 'it raises an error.',
  torch: 'it raises an error (a label of −100 is skipped as nll_loss\'s ignore_index).',
  numpy: 'it raises for labels ≥ classes and scores negative labels 0.',
};

/** "On TensorFlow," / "Under tf.keras 2 (TensorFlow)," — which backend the sentence after it is about. */
function onBackend(b: BatchInfo): string {
  return b.semantics === 'tf_keras2' ? 'Under tf.keras 2 (TensorFlow)' : `On ${BACKEND_LABELS[b.backend]},`;
}

function readCell(b: BatchInfo, c: CellRef): number {
  let v: unknown = c.field.endsWith('y_true') ? b.y_true : b.y_pred;
  for (const i of c.index) v = (v as unknown[])[i];
  return v as number;
}

function weightPitfalls(b: BatchInfo, out: Pitfall[], tag: (id: string) => string): void {
  if (b.sample_weight === null) return;
  const w = shapeOf(b.sample_weight);
  const ps = perSampleShape(b);
  const p = shapeOf(b.y_pred);
  if (w.length === 1 && ps.length >= 2 && w[0] === ps[0]) {
    const keras3 = b.semantics === 'keras3';
    out.push({ id: tag('sample_weight_rank'), tone: keras3 ? 'warn' : 'info', title: `sample_weight [${w}] against per-sample values [${ps.join(', ')}]`, cells: [],
      message: keras3
        ? `Keras 3 aligns shapes from the right: [${w}] does not broadcast against [${ps.join(', ')}]${ps[1] === w[0] ? ' (here it silently weights along the second axis instead)' : ''}. tf.keras 2 expanded it to [${w}, 1].`
        : `tf.keras 2 expands it to [${w}, 1]; the same code under Keras 3 would fail to broadcast (or weight the wrong axis).`,
      fix: { label: `Reshape to [${w}, 1]`, apply: mapTensor(`${b.prefix}sample_weight`, toColumn) } });
  }
  if (b.family === 'binary' && w.length === p.length && w.length >= 2 && (w.at(-1) ?? 1) > 1) {
    out.push({ id: tag('bce_per_class_weights'), tone: 'info', title: 'Per-class weights with binary crossentropy', cells: [],
      message: 'Binary crossentropy averages over the last axis before weighting, so sample_weight cannot weight classes: Keras broadcasts it against the per-sample values instead.' });
  }
}

function configPitfalls(doc: ExampleDoc, out: Pitfall[]): void {
  const fn = fnIdOf(doc.kind, doc.name);
  const ls = doc.config.label_smoothing;
  if (typeof ls === 'number' && (ls < 0 || ls > 1)) {
    out.push({ id: 'label_smoothing_range', tone: 'warn', title: 'label_smoothing outside [0, 1]', cells: [],
      message: `label_smoothing=${ls}: Keras accepts it silently and the smoothed labels leave [0, 1].`,
      fix: { label: `Clamp to ${clampNumber(ls, 0, 1)}`, apply: setKw('label_smoothing', clampNumber(ls, 0, 1)) } });
  }
  const alpha = doc.config.alpha;
  if (fn === 'binary_focal_crossentropy' && alpha !== undefined && alpha !== PARAMS.alpha.default && doc.config.apply_class_balancing !== true) {
    out.push({ id: 'alpha_ignored', tone: 'warn', title: 'alpha has no effect', cells: [],
      message: `alpha=${JSON.stringify(alpha)} is ignored: BinaryFocalCrossentropy uses alpha only with apply_class_balancing=True.`,
      fix: { label: 'Set apply_class_balancing=True', apply: setKw('apply_class_balancing', true) } });
  }
}

const COVERED = new Set(['label_smoothing_range', 'ctc_infeasible', 'label_out_of_range']);

export function detectPitfalls(doc: ExampleDoc, result: EngineResult | null): Pitfall[] {
  const out: Pitfall[] = [];
  configPitfalls(doc, out);
  for (const b of batchesOf(doc)) batchPitfalls(b, out, result);
  for (const [i, w] of (result?.warnings ?? []).entries()) {
    if (COVERED.has(w.code)) continue;
    const tensor = w.field ? (readTensor(doc, w.field as never) as Nested | null | undefined) ?? null : null;
    const { cell, message } = warningCell(w, tensor);
    out.push({ id: `engine:${w.code}:${i}`, tone: 'warn', title: warningTitle(w.code), message, cells: cell ? [cell] : [] });
  }
  return out;
}
