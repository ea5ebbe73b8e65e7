/**
 * The first of the result's plain sentences: what one sample contributes, with its numbers read
 * from the engine's named steps (p_clipped, p_t, log_p, per_entry, …) and its per-sample value.
 * The sample told about is the one with the largest finite loss: the one that moves the result most.
 * Labels are read from the input (they are what the user typed, not something computed). Pure.
 */
import { unravel } from '../../engine/tensor';
import type { LossResult, Nested } from '../../engine/types';
import type { FamilyId } from '../common/lossInfo';
import { formatList, formatNumber } from '../common/format';
import { flatten, shapeOf } from '../inputs/tensorOps';

export interface SampleInput {
  family: FamilyId | null;
  /** The tensors the result was computed from. */
  y_true: Nested;
  y_pred: Nested;
}

type Row = Float32Array | Float64Array | number[];

/** Entries of a step in sample i's row, when the step is laid out as [...per-sample shape, C]. */
function rowOf(r: LossResult, name: string, i: number): Row | null {
  const t = r.steps?.find((s) => s.name === name)?.tensor;
  const ps = r.perSample.shape;
  if (!t || t.shape.length !== ps.length + 1 || ps.some((d, k) => t.shape[k] !== d)) return null;
  const c = t.shape[t.shape.length - 1];
  return t.data.subarray(i * c, (i + 1) * c);
}

/** Sample i's row of an input tensor shaped like the per-entry steps (n rows of c), if it is. */
function inputRow(v: Nested, i: number, n: number, c: number): number[] | null {
  const flat = flatten(v);
  return flat.length === n * c ? flat.slice(i * c, (i + 1) * c) : null;
}

function argmax(xs: Row, by: (x: number) => number = (x) => x): number {
  let best = 0;
  for (let k = 1; k < xs.length; k++) if (by(xs[k]) > by(xs[best])) best = k;
  return best;
}

/** The class of a one-hot row, or null for soft, smoothed or all-zero rows. */
function hotIndex(y: Row): number | null {
  let hot: number | null = null;
  for (let k = 0; k < y.length; k++) {
    if (y[k] === 1 && hot === null) hot = k;
    else if (y[k] !== 0) return null;
  }
  return hot;
}

/** The sample with the largest finite loss (CTC: among samples with a label, when there are some). */
function focus(r: LossResult, family: FamilyId | null): number | null {
  const v = r.perSample.data;
  const lengths = family === 'ctc' ? r.steps?.find((s) => s.name === 'label_length')?.tensor.data : undefined;
  const withLabel = lengths && Array.prototype.some.call(lengths, (l: number) => l > 0);
  let best: number | null = null;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i]) || (withLabel && !(lengths[i] > 0))) continue;
    if (best === null || v[i] > v[best]) best = i;
  }
  return best;
}

export function sampleSentence(r: LossResult, input: SampleInput): string | null {
  if (!r.steps?.length || !r.perSample.data.length) return null;
  const i = focus(r, input.family);
  if (i === null) return null;
  const f = (x: number) => formatNumber(x, r.dtype);
  const idx = unravel(i, r.perSample.shape);
  // A rank-1 binary call gives one value for its one row.
  const name = idx.length === 0 ? 'the row' : idx.length === 1 ? `sample ${idx[0]}` : `sample [${idx.join(', ')}]`;
  const who = name[0].toUpperCase() + name.slice(1);
  const loss = f(r.perSample.data[i]);
  const n = r.perSample.data.length;
  const pe = rowOf(r, 'per_entry', i);
  const c = pe?.length ?? 0;
  const ls = r.config.label_smoothing;
  const smoothed = rowOf(r, 'y_smoothed', i);

  switch (input.family) {
    case 'binary': {
      if (!pe) return null;
      const j = argmax(pe);
      const p = (rowOf(r, 'p_clipped', i) ?? rowOf(r, 'sigmoid', i))?.[j];
      const raw = inputRow(input.y_true, i, n, c)?.[j];
      const y = smoothed ? smoothed[j] : raw;
      const pt = rowOf(r, 'p_t', i)?.[j];
      const factor = rowOf(r, 'focal_factor', i)?.[j];
      const weight = rowOf(r, 'weight', i)?.[j];
      const label = y === undefined ? '' : smoothed && raw !== undefined && raw !== y
        ? `, whose label ${f(raw)} is smoothed to ${f(y)} (label_smoothing ${f(ls as number)})` : `, whose label is ${f(y)}`;
      const mean = `binary crossentropy averages the ${c} entries of each row, so ${name}'s loss is ${loss}`;
      if (pt !== undefined && factor !== undefined) {
        const balance = weight === undefined ? '' : ` and the class weight ${f(weight)}`;
        return `In ${name}, entry ${j}${label}, has p_t = ${f(pt)}, so focal_factor = (1 − p_t)^${f(r.config.gamma as number)} = ${f(factor)}${balance} scales its crossentropy to ${f(pe[j])}; ${mean}.`;
      }
      const via = rowOf(r, 'p_clipped', i) ? '' : ' (the sigmoid of its logit)';
      const cost = p === undefined || smoothed ? f(pe[j]) : y === 1 ? `−log ${f(p)} = ${f(pe[j])}` : y === 0 ? `−log(1 − ${f(p)}) = ${f(pe[j])}` : f(pe[j]);
      const gives = p === undefined ? `entry ${j}` : `entry ${j} the probability ${f(p)}${via}`;
      return `${who} gives ${gives}${label}, so that entry costs ${cost}; ${mean}.`;
    }
    case 'categorical': {
      if (!pe) return null;
      const y = smoothed ?? inputRow(input.y_true, i, n, c);
      const hot = y ? hotIndex(y) : null;
      const factor = rowOf(r, 'modulating_factor', i);
      if (hot !== null) {
        const p = rowOf(r, 'p_clipped', i)?.[hot];
        const logp = rowOf(r, 'log_softmax', i)?.[hot];
        const given = inputRow(input.y_pred, i, n, c)?.[hot];
        const renorm = rowOf(r, 'p_renormalised', i)?.[hot];
        const divided = given !== undefined && renorm !== undefined && Math.fround(given) !== Math.fround(renorm) ? ' once Keras divides the row by its sum' : '';
        if (factor && p !== undefined) {
          const alpha = r.config.alpha;
          const a = Array.isArray(alpha) ? alpha[hot] as number : alpha as number;
          return `${who}'s true class is ${hot}, which gets probability ${f(p)}${divided}; focal crossentropy scales its −log p by alpha = ${f(a)} and (1 − p)^${f(r.config.gamma as number)} = ${f(factor[hot])}, so its loss is ${loss}.`;
        }
        if (logp !== undefined) return `${who}'s true class is ${hot}; the log-softmax of its logits gives that class log p = ${f(logp)}, so its loss is −log p = ${loss}.`;
        if (p !== undefined) return `${who}'s true class is ${hot}, which gets probability ${f(p)}${divided}, so its loss is −log ${f(p)} = ${loss}.`;
        return null;
      }
      const term = factor ? 'alpha·(1 − p)^gamma·(−y·log p)' : '−y·log p';
      if (!y) return `${who}'s loss sums ${term} over its ${c} classes: ${loss}.`;
      const top = argmax(y);
      const part = `of which ${f(pe[top])} comes from class ${top}`;
      if (smoothed) return `label_smoothing ${f(ls as number)} turns ${name}'s label into ${formatList(smoothed, r.dtype)}, so every class counts: its loss sums ${term} over the ${c} classes, ${loss}, ${part}.`;
      return `${who}'s label ${formatList(y, r.dtype)} is not one-hot, so its loss sums ${term} over the ${c} classes: ${loss}, ${part}.`;
    }
    case 'sparse': {
      const oneHot = rowOf(r, 'one_hot', i);
      if (!oneHot) return null;
      const hot = hotIndex(oneHot);
      const mask = r.steps.find((s) => s.name === 'valid_mask')?.tensor.data;
      if (mask && mask[i] === 0) return `${who}'s label equals ignore_class (${String(r.config.ignore_class)}), so it is masked: it scores 0 and leaves the mean.`;
      if (hot === null) {
        const label = flatten(input.y_true)[i];
        return `${who}'s label ${label === undefined ? '' : `${f(label)} `}is not one of the ${oneHot.length} classes, so Keras gives it ${loss} (see the pitfalls).`;
      }
      const logp = rowOf(r, 'log_p', i)?.[hot];
      if (logp === undefined) return null;
      const where = r.config.from_logits ? 'the log-softmax of the logits' : 'log p';
      return `${who}'s label is class ${hot}, where ${where} is ${f(logp)}, so its loss is −log p = ${loss}.`;
    }
    case 'kld': {
      const y = rowOf(r, 'y_clipped', i);
      const p = rowOf(r, 'p_clipped', i);
      if (!pe || !y || !p) return null;
      const j = argmax(pe, Math.abs);
      return `${who}'s loss sums y·log(y / p) over its ${c} entries: ${loss}; entry ${j}, with y = ${f(y[j])} and p = ${f(p[j])}, gives ${f(pe[j])}.`;
    }
    case 'poisson':
      if (!pe) return null;
      return `${who}'s ${c} entries give y_pred − y_true·log(y_pred + ε) = ${formatList(pe, r.dtype)}, and Poisson averages them: ${loss}.`;
    case 'ctc': {
      const labels = rowOf(r, 'labels', i);
      const length = r.steps.find((s) => s.name === 'label_length')?.tensor.data[i];
      const t = shapeOf(input.y_pred)[1];
      if (!labels || length === undefined || t === undefined) return null;
      const label = formatList(labels.slice(0, length), r.dtype);
      if (r.warnings.some((w) => w.code === 'ctc_infeasible' && w.index?.[0] === i)) {
        return `${who}'s label ${label} needs more than its ${t} time steps (a repeated label needs a blank between), so no alignment exists: the loss is infinite in truth, and Keras gives ${loss}.`;
      }
      if (length === 0) return `${who}'s label is empty (all padding), so its only alignment is blanks at all ${t} time steps; its loss is −log of that path's probability: ${loss}.`;
      return `${who}'s label ${label} (zeros are padding) can be aligned to its ${t} time steps in many ways; CTC adds up their probabilities, and the loss is −log of the sum: ${loss}.`;
    }
    default:
      return null;
  }
}
