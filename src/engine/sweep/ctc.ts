/**
 * ctcLattice: the CTC alignment lattice of one sample for the CTC chart, in ONE call. It reads the
 * CTC kernel's own lattices, so the view shows exactly the numbers the loss was computed from.
 */
import { EngineError } from '../errors';
import { ctcLoss } from '../losses/ctc';
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
  /** dv/dz of this sample's logits, [T x C]. */
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
  const out = ctcLoss(Y.data.subarray(b * L, b * L + L), 1, L, P.data.subarray(b * T * C, (b + 1) * T * C), T, C,
    { grad: true, lattices: true, float32: (opts.dtype ?? 'float64') === 'float32' });
  const lat = out.lattices![0];
  return {
    sample: b, count: B, T, C, labels: lat.labels, extended: lat.extended, occupancy: lat.occupancy,
    bestPath: lat.bestPath, logP: lat.logP, loss: out.perSample[0], feasible: lat.feasible, grad: out.grad!,
  };
}
