/**
 * ctcLattice: the CTC alignment lattice of one sample for the CTC chart, in ONE call. The loss and
 * the gradient are the engine's own for the chosen Keras backend (its labels, float32 arithmetic,
 * infeasible-label convention); the occupancy and best path are the textbook lattice over the
 * labels as that backend reads them.
 */
import { EngineError } from '../errors';
import { evaluateLoss, kerasBackendOf } from '../loss';
import { ctcLoss } from '../losses/ctc';
import { readLabels } from '../losses/ctcLabels';
import type { EngineRequest, EvalOptions, LossRequest, Tensor } from '../types';
import { fnOf, prepared } from './common';

export interface CtcLatticeView {
  sample: number;
  count: number;
  T: number;
  C: number;
  labels: number[];
  /** States of the lattice: [0, l1, 0, ..., lL, 0] (0 = blank). */
  extended: number[];
  /** gamma_t(s), [T x S] row-major; sums to 1 over s. */
  occupancy: Float64Array;
  /** Most likely state per time step. */
  bestPath: number[];
  logP: number;
  loss: number;
  feasible: boolean;
  /** dv/dz of this sample's logits, [T x C] (NumPy has no autodiff: JAX's, which runs the same recursion). */
  grad: Float64Array;
}

/** The CTC alignment lattice of one sample: occupancy, best path and per-time gradient w.r.t. logits. */
export function ctcLattice(input: EngineRequest, opts: EvalOptions = {}, params: { sample?: number } = {}): CtcLatticeView {
  if (fnOf(input) !== 'ctc') throw new EngineError('The lattice view is for the CTC loss.', 'name');
  const req = prepared(input as LossRequest);
  const Y = req.y_true as Tensor, P = req.y_pred as Tensor;
  if (Y.shape.length !== 2 || P.shape.length !== 3 || Y.shape[0] !== P.shape[0]) {
    throw new EngineError(`CTC expects y_true [batch, max_length] and y_pred [batch, time, classes]; received ` +
      `${JSON.stringify(Y.shape)} and ${JSON.stringify(P.shape)}.`, 'y_pred');
  }
  const [B, L] = Y.shape, [, T, C] = P.shape;
  const b = params.sample ?? 0;
  if (!(Number.isInteger(b) && b >= 0 && b < B)) throw new EngineError(`Sample ${b} is outside the batch of ${B}.`, 'view.selected');
  const call: LossRequest = { kind: 'function', name: 'ctc', config: {}, y_true: Y, y_pred: P };
  const backend = kerasBackendOf(opts);
  const res = evaluateLoss(call, opts);
  const grad = backend === 'numpy' ? evaluateLoss(call, { ...opts, kerasBackend: 'jax' }).grad : res.grad;
  // The labels as the backend casts them (the values it was given, rounded to the run's dtype).
  const yIn = (opts.dtype ?? 'float64') === 'float32' || backend === 'numpy' ? Float64Array.from(Y.data, Math.fround) : Y.data;
  const lab = readLabels(yIn.subarray(b * L, b * L + L), 1, L, backend, 'function');
  const n = lab.lengths[0];
  const bad = Array.from(lab.ints.subarray(0, n)).findIndex((k) => !(k >= 0 && k < C));
  if (bad >= 0) {
    throw new EngineError(`The lattice needs labels in [0, ${C}): y_true[${b}][${bad}] is read as ${lab.ints[bad]} on ${backend}.`, 'y_true', [b, bad]);
  }
  const out = ctcLoss(lab.ints, 1, L, Float64Array.from(P.data.subarray(b * T * C, (b + 1) * T * C), Math.fround), T, C,
    { grad: false, lattices: true, float32: false, lengths: lab.lengths });
  const lat = out.lattices![0];
  const g = grad ? Float64Array.from(grad.data.subarray(b * T * C, (b + 1) * T * C)) : new Float64Array(T * C).fill(NaN);
  return {
    sample: b, count: B, T, C, labels: lat.labels, extended: lat.extended, occupancy: lat.occupancy,
    bestPath: lat.bestPath, logP: lat.logP, loss: res.perSample.data[b], feasible: lat.feasible, grad: g,
  };
}
