/**
 * The maps between the logits z that training moves and the y_pred a loss reads: identity
 * (from_logits, CTC), softmax along the class axis, element-wise sigmoid, element-wise exp
 * (Poisson rates); their backward passes (the chain rule dL/dz from the engine's dL/dy_pred);
 * and the inverse maps that turn the current y_pred into the starting z.
 *
 * Inverse maps at the edges: a probability of exactly 0 or 1 has no finite logit. Such entries
 * (and rates of 0) start at Keras's epsilon from the edge, p = ε or 1 − ε with ε = 1e-7: the
 * values Keras's own clip already gives them, so the first loss is the one Keras prints for
 * them. Whether an entry sitting there still learns is then Keras's clip rule, and the run's
 * `clipped` count shows it. A softmax row that does not sum to 1 starts from p / Σp (categorical
 * losses renormalise so anyway; KL divergence does not, and a warning says so).
 */
import { EngineError, describeAt } from '../errors';
import { EPSILON } from '../numerics';
import { sizeOf, unravel } from '../tensor';
import type { EngineWarning } from '../types';
import type { TrainReads } from './types';

/** Entries laid out along one axis: element (row r, class j) sits at ((r / inner) · D + j) · inner + r % inner. */
export interface Layout {
  outer: number;
  D: number;
  inner: number;
  rows: number;
}

export function layoutOf(shape: number[], axis: number): Layout {
  const outer = sizeOf(shape.slice(0, axis)), inner = sizeOf(shape.slice(axis + 1)), D = shape[axis];
  return { outer, D, inner, rows: outer * inner };
}

/** Flat index of (row, class) in the tensor. */
export function at(L: Layout, row: number, j: number): number {
  if (L.inner === 1) return row * L.D + j;
  return (Math.floor(row / L.inner) * L.D + j) * L.inner + (row % L.inner);
}

/** Visits each row along the axis: `f(base, stride)` where entry j sits at base + j·stride. */
function eachRow(L: Layout, f: (base: number, stride: number) => void): void {
  for (let o = 0; o < L.outer; o++) for (let i = 0; i < L.inner; i++) f(o * L.D * L.inner + i, L.inner);
}

export function softmaxInto(z: Float64Array, out: Float64Array, L: Layout): void {
  eachRow(L, (b, s) => {
    let m = -Infinity, sum = 0;
    for (let j = 0; j < L.D; j++) m = Math.max(m, z[b + j * s]);
    for (let j = 0; j < L.D; j++) sum += out[b + j * s] = Math.exp(z[b + j * s] - m);
    for (let j = 0; j < L.D; j++) out[b + j * s] /= sum;
  });
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** y_pred as the loss reads it from z. */
export function forward(reads: TrainReads, z: Float64Array, out: Float64Array, L: Layout | null): Float64Array {
  if (reads === 'logits') out.set(z);
  else if (reads === 'softmax') softmaxInto(z, out, L!);
  else if (reads === 'sigmoid') for (let k = 0; k < z.length; k++) out[k] = sigmoid(z[k]);
  else for (let k = 0; k < z.length; k++) out[k] = Math.exp(z[k]);
  return out;
}

/** dL/dz from g = dL/dy_pred, with y = forward(z): the chain rule through the map. */
export function backward(reads: TrainReads, y: Float64Array, g: ArrayLike<number>, out: Float64Array, L: Layout | null): void {
  if (reads === 'logits') {
    for (let k = 0; k < out.length; k++) out[k] = g[k];
  } else if (reads === 'sigmoid') {
    for (let k = 0; k < out.length; k++) out[k] = g[k] * y[k] * (1 - y[k]);
  } else if (reads === 'exp') {
    for (let k = 0; k < out.length; k++) out[k] = g[k] * y[k];
  } else {
    eachRow(L!, (b, s) => {
      let dot = 0;
      for (let j = 0; j < L!.D; j++) dot += y[b + j * s] * g[b + j * s];
      for (let j = 0; j < L!.D; j++) out[b + j * s] = y[b + j * s] * (g[b + j * s] - dot);
    });
  }
}

const DOMAIN: Record<TrainReads, { ok: (v: number) => boolean; what: string }> = {
  logits: { ok: Number.isFinite, what: 'training starts from finite logits' },
  softmax: { ok: (v) => v >= 0 && v < Infinity, what: 'the loss reads y_pred as probabilities softmax(z), which are finite and >= 0; set from_logits=True to train scores' },
  sigmoid: { ok: (v) => v >= 0 && v <= 1, what: 'the loss reads y_pred as probabilities sigmoid(z) in [0, 1]; set from_logits=True to train logits' },
  exp: { ok: (v) => v >= 0 && v < Infinity, what: 'Poisson reads y_pred as rates exp(z), which are finite and >= 0' },
};

export interface Start {
  z: Float64Array;
  warnings: EngineWarning[];
}

/** The starting logits: the inverse of the map at the current y_pred (see the header for the edges). */
export function startLogits(reads: TrainReads, pred: ArrayLike<number>, shape: number[], L: Layout | null): Start {
  const dom = DOMAIN[reads];
  for (let k = 0; k < pred.length; k++) {
    if (!dom.ok(pred[k])) {
      const index = unravel(k, shape);
      throw new EngineError(`${describeAt('y_pred', index)} = ${pred[k]}: ${dom.what}.`, 'y_pred', index);
    }
  }
  const z = Float64Array.from(pred);
  const warnings: EngineWarning[] = [];
  if (reads === 'logits') return { z, warnings };
  let clamped = 0;
  // Only the exact edges move: any other probability has a finite logit, however far out.
  const edge = (to: number) => (clamped++, to);
  if (reads === 'sigmoid') {
    for (let k = 0; k < z.length; k++) {
      const p = z[k] === 0 ? edge(EPSILON) : z[k] === 1 ? edge(1 - EPSILON) : z[k];
      z[k] = Math.log(p) - Math.log1p(-p);
    }
  } else {
    for (let k = 0; k < z.length; k++) z[k] = Math.log(z[k] === 0 ? edge(EPSILON) : z[k]);
  }
  if (clamped > 0) {
    warnings.push({
      code: 'train_start_clamped',
      message: `${clamped} entr${clamped === 1 ? 'y' : 'ies'} of y_pred ${reads === 'exp' ? 'is 0' : 'sit at 0 or 1'}, which no finite logit gives: ` +
        `training starts ${clamped === 1 ? 'it' : 'them'} at ${EPSILON} from the edge, where Keras's clip already puts ${clamped === 1 ? 'it' : 'them'}.`,
      field: 'y_pred',
    });
  }
  if (reads === 'softmax') {
    let off = 0;
    eachRow(L!, (b, s) => {
      let sum = 0;
      for (let j = 0; j < L!.D; j++) sum += pred[b + j * s];
      if (Math.abs(sum - 1) > 1e-6) off++;
    });
    if (off > 0) {
      warnings.push({
        code: 'train_start_renormalised',
        message: `${off} row${off === 1 ? '' : 's'} of y_pred do${off === 1 ? 'es' : ''} not sum to 1: softmax(z) always does, so training starts from y_pred / Σ y_pred.`,
        field: 'y_pred',
      });
    }
  }
  return { z, warnings };
}
