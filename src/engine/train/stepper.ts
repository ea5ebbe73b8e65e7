/**
 * A stepper evaluates the loss and dL/dz at the current logits. The reference stepper calls the
 * engine (evaluateLoss with its gradient) on y_pred = map(z) and carries the gradient through the
 * map; the fused steppers (fusedPlan.ts) compute the same numbers in one typed-array pass.
 */
import { EngineError } from '../errors';
import { evaluateLoss } from '../loss';
import type { EvalOptions, LossResult } from '../types';
import { backward, forward } from './maps';
import type { Problem } from './problem';

export interface Evaluation {
  /** The objective descended: the reduced loss, or the sum of an unreduced output. */
  loss: number;
  /** dL/dz in y_pred's layout (owned by the stepper: overwritten by the next call). */
  gz: Float64Array;
  /** The family's probabilities at z (softmax / sigmoid / exp), or null for CTC. */
  probs: Float64Array | null;
  /** The loss function's per-sample values. */
  perSample: ArrayLike<number>;
  /** Entries whose engine gradient is exactly 0 while their probability sits on or past a clip bound. */
  clipped: number;
}

export interface Stepper {
  path: 'fused' | 'reference';
  evaluate(z: Float64Array): Evaluation;
}

/** The objective of one engine result: a scalar Keras returns, else the sum its gradient is of. */
export function objectiveOf(res: LossResult): { objective: 'reduced' | 'sum'; loss: number } {
  if (res.value.shape.length === 0) return { objective: 'reduced', loss: res.value.data[0] };
  let s = 0;
  for (const v of res.value.data) s += v;
  return { objective: 'sum', loss: s };
}

/** The engine's gradient, or the reason the backend gives none (NumPy has no autodiff). */
export function gradOf(res: LossResult): ArrayLike<number> {
  if (!res.grad) throw new EngineError(res.gradError ?? 'This backend gives no gradient here.', 'kerasBackend');
  return res.grad.data;
}

/** Entries with an exactly-zero engine gradient whose probability (rounded to the compute dtype) is clipped. */
export function countClipped(p: Problem, g: ArrayLike<number>, probs: Float64Array | null): number {
  if (!p.clip || !probs) return 0;
  const { lo, hi } = p.clip;
  const r = p.dtype === 'float32' ? Math.fround : (x: number) => x;
  let c = 0;
  for (let k = 0; k < g.length; k++) {
    if (g[k] === 0) {
      const q = r(probs[k]);
      if (q <= lo || q >= hi) c++;
    }
  }
  return c;
}

export function referenceStepper(p: Problem, opts: EvalOptions): Stepper {
  const n = p.shape.reduce((a, b) => a * b, 1);
  const pred = new Float64Array(n), gz = new Float64Array(n);
  const probs = p.probs && p.reads === 'logits' ? new Float64Array(n) : null;
  const evalOpts: EvalOptions = { ...opts, grad: true, steps: false };
  const yPred = { shape: p.shape, data: pred };
  return {
    path: 'reference',
    evaluate(z) {
      forward(p.reads, z, pred, p.layout);
      const res = evaluateLoss({ ...p.req, y_pred: yPred }, evalOpts);
      const g = gradOf(res);
      backward(p.reads, pred, g, gz, p.layout);
      const q = p.probs === null ? null : probs ? forward(p.probs, z, probs, p.layout) : pred;
      return { loss: objectiveOf(res).loss, gz, probs: q, perSample: res.perSample.data, clipped: countClipped(p, g, q) };
    },
  };
}
