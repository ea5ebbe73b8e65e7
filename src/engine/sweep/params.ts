/**
 * Loss against a loss parameter, each sweep in ONE call (one worker `extras` entry), float64:
 * - gammaSweep evaluates once at gamma = 0 (steps give per-entry bce and q = 1 − p_t), then walks
 *   the grid with q^gamma = exp(gamma·log q) taken incrementally (one exp per entry);
 * - alpha and label smoothing enter the losses linearly (except label smoothing in binary focal),
 *   so those sweeps interpolate two exact evaluations; binary focal is walked per point.
 */
import { PARAMS } from '../catalog';
import { EngineError } from '../errors';
import { evaluateLoss, kerasBackendOf } from '../loss';
import type { EngineRequest, EvalOptions, LossRequest } from '../types';
import {
  baseOf, counterpart, fnOf, grid, linearCurve, pickSamples, pointwiseCurve, prepared, resolved, retarget,
  type Sweep, type SweepCurve, type SweepParams,
} from './common';

/** The resolved kwargs of a focal counterpart (what counterpart(req, true) always returns). */
function focalKwargs(req: LossRequest, opts: EvalOptions) {
  const call = resolved(req, opts);
  if (call.fn !== 'binary_focal_crossentropy' && call.fn !== 'categorical_focal_crossentropy') {
    throw new EngineError(`${req.name} is not a focal loss.`, 'name');
  }
  return call.kwargs;
}

/** Loss against gamma on a uniform grid (default [0, 5], 101 points); binary focal with apply_class_balancing off and on. */
export function gammaSweep(input: EngineRequest, opts: EvalOptions = {}, params: SweepParams = {}): Sweep {
  const { req, binary } = counterpart(prepared(input as LossRequest), true, opts);
  const kwargs = focalKwargs(req, opts);
  const xs = grid(params.from ?? 0, params.to ?? 5, params.points ?? 101);
  const { D, count, rows, coef } = baseOf(req, opts, { gamma: 0, ...(binary ? { apply_class_balancing: false } : {}) });
  // At gamma = 0 each per-entry value is (weight ·) bce; the focal factor is q^gamma.
  const bce = rows('per_entry')!;
  const q = each(rows(binary ? 'p_t' : 'p_clipped')!, (v) => 1 - v);
  const terms = [binary ? each(bce, (b) => b / D) : bce];
  if (binary && typeof kwargs.alpha === 'number') {
    const alpha = kwargs.alpha;
    const y = rows('y_smoothed') ?? rows('y_true')!;
    terms.push(each(terms[0], (b, k) => b * (y[k] * alpha + (1 - y[k]) * (1 - alpha))));
  }
  const samples = pickSamples(params.samples, count);
  const curves = terms.map((_, v): SweepCurve => ({
    label: binary ? `apply_class_balancing=${v ? 'True' : 'False'}` : 'gamma',
    perSample: samples.map(() => new Float64Array(xs.length)),
    reduced: coef ? new Float64Array(xs.length) : null,
  }));
  if (coef) powerSums(xs, q, terms.map((t) => each(t, (v, k) => v * coef[(k / D) | 0])), curves.map((c) => c.reduced!), 0, q.length);
  samples.forEach((s, j) => powerSums(xs, q, terms, curves.map((c) => c.perSample[j]), s * D, s * D + D));
  return { param: 'gamma', xs, current: kwargs.gamma, samples, count, loss: req.name, curves };
}

/**
 * Binary focal against label_smoothing, walked from one evaluation: y' = y(1 − ls) + ls/2 changes
 * p_t, the weight and the bce, so each point costs one pow per entry (Keras 3 formulas, float64).
 */
function binaryFocalSmoothing(req: LossRequest, opts: EvalOptions, xs: Float64Array, wanted?: number[]): { count: number; samples: number[]; curve: SweepCurve } {
  const call = resolved(req, opts);
  if (call.fn !== 'binary_focal_crossentropy') throw new EngineError(`${req.name} is not binary focal.`, 'name');
  const { gamma, alpha, apply_class_balancing: balance } = call.kwargs;
  const { D, count, rows, coef } = baseOf(req, opts, { label_smoothing: 0 });
  const y = rows('y_true')!, pc = rows('p_clipped')!, p = rows('sigmoid') ?? rows('y_pred')!;
  const N = xs.length, per = new Float64Array(count * N);
  for (let k = 0; k < y.length; k++) {
    const a = Math.log(pc[k]), b = Math.log(1 - pc[k]), i = Math.floor(k / D) * N;
    for (let n = 0; n < N; n++) {
      const ys = y[k] * (1 - xs[n]) + 0.5 * xs[n];
      const w = balance ? ys * alpha + (1 - ys) * (1 - alpha) : 1;
      per[i + n] += (w * Math.pow(ys + p[k] * (1 - 2 * ys), gamma) * -(ys * a + (1 - ys) * b)) / D;
    }
  }
  const reduced = coef ? new Float64Array(N) : null;
  if (reduced) for (let i = 0; i < count; i++) for (let n = 0; n < N; n++) reduced[n] += coef![i] * per[i * N + n];
  const samples = pickSamples(wanted, count);
  return { count, samples, curve: { label: 'label_smoothing', perSample: samples.map((s) => per.slice(s * N, s * N + N)), reduced } };
}

/** Loss against alpha (default [0, 1]): linear in alpha, so two evaluations per curve. */
export function alphaSweep(input: EngineRequest, opts: EvalOptions = {}, params: SweepParams = {}): Sweep {
  const { req, binary } = counterpart(prepared(input as LossRequest), true, opts);
  const [x0, x1] = [params.from ?? 0, params.to ?? 1];
  const xs = grid(x0, x1, params.points ?? 21);
  const o = { ...opts, grad: false, steps: false };
  const at = (patch: Record<string, unknown>) => evaluateLoss(retarget(req, fnOf(req), patch), o);
  // Binary: without balancing alpha is unused (one evaluation, a flat line); with it, linear.
  const first = at(binary ? { apply_class_balancing: false } : { alpha: x0 });
  const samples = pickSamples(params.samples, first.perSample.data.length);
  const curves = binary
    ? [linearCurve('apply_class_balancing=False', xs, x0, first, x1, first, samples),
      linearCurve('apply_class_balancing=True', xs, x0, at({ apply_class_balancing: true, alpha: x0 }), x1, at({ apply_class_balancing: true, alpha: x1 }), samples)]
    : [linearCurve('alpha (scalar)', xs, x0, first, x1, at({ alpha: x1 }), samples)];
  const count = first.perSample.data.length;
  // A per-class alpha list has no one current value: the marker sits at the default.
  const { alpha } = focalKwargs(req, opts);
  return { param: 'alpha', xs, current: typeof alpha === 'number' ? alpha : PARAMS.alpha_per_class.default, samples, count, loss: req.name, curves };
}

/** Loss against label_smoothing (default [0, 1]); sparse labels are smoothed as one-hot (CategoricalCrossentropy). */
export function labelSmoothingSweep(input: EngineRequest, opts: EvalOptions = {}, params: SweepParams = {}): Sweep {
  const { req } = counterpart(prepared(input as LossRequest), false, opts);
  const kwargs = resolved(req, opts).kwargs;
  if (!('label_smoothing' in kwargs)) throw new EngineError(`${req.name} has no label_smoothing.`, 'name');
  const [x0, x1] = [params.from ?? 0, params.to ?? 1];
  const xs = grid(x0, x1, params.points ?? 51);
  const o = { ...opts, grad: false, steps: false };
  const at = (ls: number) => evaluateLoss(retarget(req, fnOf(req), { label_smoothing: ls }), o);
  const base = { param: 'label_smoothing' as const, xs, current: kwargs.label_smoothing, loss: req.name };
  // Binary focal is the one loss here that is not linear in the smoothed labels (p_t depends on them).
  if (fnOf(req) === 'binary_focal_crossentropy') {
    // The walk below is the shared clipped-probability formula; tf.keras 2 and Keras 3 on TensorFlow
    // keep the logits in the BCE term, so they are evaluated point by point.
    const logitsBce = opts.semantics === 'tf_keras2' || (kerasBackendOf(opts) === 'tensorflow' && kwargs.from_logits);
    if (!logitsBce) {
      const { count, samples, curve } = binaryFocalSmoothing(req, opts, xs, params.samples);
      return { ...base, count, samples, curves: [curve] };
    }
    const results = Array.from(xs, at);
    const samples = pickSamples(params.samples, results[0].perSample.data.length);
    return { ...base, count: results[0].perSample.data.length, samples, curves: [pointwiseCurve('label_smoothing', results, samples)] };
  }
  const r0 = at(x0), count = r0.perSample.data.length, samples = pickSamples(params.samples, count);
  return { ...base, count, samples, curves: [linearCurve('label_smoothing', xs, x0, r0, x1, at(x1), samples)] };
}

/**
 * out[v][n] += sum_k w[v][k] q_k^xs[n] over entries [lo, hi) of a uniform grid: q^x0 once, then
 * repeated products by q^dx (relative error ~N ulps). 0^0 = 1; q < 0 gives NaN, as Keras's pow.
 * Four entries per pass keep four independent product chains in flight; w holds one or two
 * weightings (class balancing off / on) that share the powers.
 */
function powerSums(xs: Float64Array, q: Float64Array, w: Float64Array[], out: Float64Array[], lo: number, hi: number): void {
  const N = xs.length, dx = xs[1] - xs[0], x0 = xs[0], len = hi - lo, pad = len + 3;
  const T0 = new Float64Array(pad), M = new Float64Array(pad), A = new Float64Array(pad), B = new Float64Array(pad);
  for (let u = 0; u < len; u++) {
    const qk = q[lo + u], l = Math.log(qk);
    T0[u] = qk === 0 ? (x0 === 0 ? 1 : 0) : Math.exp(x0 * l);
    M[u] = qk === 0 ? 0 : Math.exp(dx * l);
  }
  A.set(w[0].subarray(lo, hi));
  if (w[1]) B.set(w[1].subarray(lo, hi));
  const o = out[0], p = out[1] ?? new Float64Array(N);
  for (let u = 0; u < len; u += 4) {
    let t0 = T0[u], t1 = T0[u + 1], t2 = T0[u + 2], t3 = T0[u + 3];
    const m0 = M[u], m1 = M[u + 1], m2 = M[u + 2], m3 = M[u + 3];
    const a0 = A[u], a1 = A[u + 1], a2 = A[u + 2], a3 = A[u + 3];
    const b0 = B[u], b1 = B[u + 1], b2 = B[u + 2], b3 = B[u + 3];
    for (let n = 0; n < N; n++) {
      o[n] += a0 * t0 + a1 * t1 + (a2 * t2 + a3 * t3);
      p[n] += b0 * t0 + b1 * t1 + (b2 * t2 + b3 * t3);
      t0 *= m0; t1 *= m1; t2 *= m2; t3 *= m3;
    }
  }
}

/** out[k] = f(a[k], k) without typed-array map's per-element overhead. */
function each(a: Float64Array, f: (v: number, k: number) => number): Float64Array {
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = f(a[k], k);
  return out;
}
