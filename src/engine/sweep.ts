/**
 * Batched sweeps and curves for the charts, each computed in ONE call (one worker `extras` entry):
 * gammaSweep, alphaSweep, labelSmoothingSweep, gradientCurve, ctcLattice. Pure: no DOM.
 *
 * - gammaSweep evaluates once at gamma = 0 (steps give per-entry bce and q = 1 − p_t), then walks
 *   the grid with q^gamma = exp(gamma·log q) taken incrementally (one exp per entry), in float64.
 * - alpha and label smoothing enter the losses linearly (except label smoothing in binary focal),
 *   so those sweeps interpolate two exact evaluations; binary focal evaluates every point.
 * - gradientCurve stacks the swept row N times into one [N, D] function call per variant.
 */
import { resolveLossCall } from './config';
import { EngineError } from './errors';
import { evaluateLoss } from './loss';
import { ctcLoss } from './losses/ctc';
import { numFor, sigmoid } from './numerics';
import { reduceWeightedValues, squeezeOrExpand, type Dense } from './reduction';
import { FUNCTIONS, LOSS_CLASSES, type FnId } from './registry';
import { broadcastTo, moveAxisLast, resolveAxis, sizeOf, toTensor } from './tensor';
import type { DType, EngineRequest, EvalOptions, LossRequest, LossResult, Tensor } from './types';

export interface SweepParams { from?: number; to?: number; points?: number; samples?: number[] }
export interface SweepCurve {
  label: string;
  /** One curve per entry of `samples` (flat per-sample indices), each xs.length long. */
  perSample: Float64Array[];
  /** Keras's reduction over every sample; null when the call does not reduce. */
  reduced: Float64Array | null;
}
export interface Sweep {
  param: 'gamma' | 'alpha' | 'label_smoothing';
  xs: Float64Array;
  /** The parameter's value in the request. */
  current: number;
  samples: number[];
  /** Number of per-sample values. */
  count: number;
  /** The Keras loss evaluated (a focal counterpart for plain cross-entropy). */
  loss: string;
  curves: SweepCurve[];
}

const CLASS_OF = Object.fromEntries(Object.entries(LOSS_CLASSES).map(([c, f]) => [f, c])) as Record<FnId, string>;
const SCCE = 'sparse_categorical_crossentropy';

function fnOf(req: EngineRequest): FnId {
  if (req.kind === 'metric') throw new EngineError('Sweeps and curves take a loss or a loss function, not a metric.', 'kind');
  const fn = req.kind === 'function' ? (req.name in FUNCTIONS ? (req.name as FnId) : undefined) : LOSS_CLASSES[req.name];
  if (!fn) throw new EngineError(`Unknown loss ${JSON.stringify(req.name)}.`, 'name');
  return fn;
}

/** The same call as another Keras loss: keeps the kwargs that loss accepts, then applies `patch`. */
function retarget(req: LossRequest, fn: FnId, patch: Record<string, unknown> = {}, extra: Partial<LossRequest> = {}): LossRequest {
  const keep = new Set(FUNCTIONS[fn].params.map((p) => p.name));
  if (req.kind === 'loss') ['reduction', 'dtype'].forEach((k) => keep.add(k));
  const config = Object.fromEntries(Object.entries(req.config ?? {}).filter(([k]) => keep.has(k)));
  return { ...req, name: req.kind === 'loss' ? CLASS_OF[fn] : fn, config: { ...config, ...patch }, ...extra };
}

/** Nested lists already converted: the extras of one job share their request (structured clone keeps the sharing). */
const converted = new WeakMap<object, Tensor>();

/** Tensors converted once, so repeated evaluations skip walking nested lists. */
function prepared(req: LossRequest): LossRequest {
  const t = (x: LossRequest['y_true'] | null | undefined, f: string) => {
    if (x == null || typeof x !== 'object') return x == null ? x : toTensor(x, f, 'float64');
    let out = converted.get(x);
    if (!out) converted.set(x, (out = toTensor(x, f, 'float64')));
    return out;
  };
  return { ...req, y_true: t(req.y_true, 'y_true')!, y_pred: t(req.y_pred, 'y_pred')!, sample_weight: t(req.sample_weight, 'sample_weight'), mask: t(req.mask, 'mask') };
}

/** Sparse labels as one-hot rows (ignored labels: a zero row, masked out of the reduction). */
function oneHot(req: LossRequest): { y_true: Tensor; mask: Tensor | null } {
  const p = req.y_pred as Tensor, t = req.y_true as Tensor;
  const C = p.shape[p.shape.length - 1], n = sizeOf(p.shape) / C;
  if (t.data.length !== n) throw new EngineError(`y_true has ${t.data.length} labels for ${n} rows of y_pred.`, 'y_true');
  const ignore = (req.config?.ignore_class as number | null | undefined) ?? null;
  const y = new Float64Array(n * C), m = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = t.data[i];
    if (l === ignore) continue;
    m[i] = 1;
    if (Number.isInteger(l) && l >= 0 && l < C) y[i * C + l] = 1;
  }
  return { y_true: { shape: p.shape, data: y }, mask: ignore === null ? null : { shape: p.shape.slice(0, -1), data: m } };
}

/** `req` as the loss a sweep evaluates: a focal counterpart (gamma, alpha) or a smoothable one. */
function counterpart(req: LossRequest, focal: boolean): { req: LossRequest; binary: boolean } {
  const fn = fnOf(req);
  const cat: FnId = focal || fn === 'categorical_focal_crossentropy' ? 'categorical_focal_crossentropy' : 'categorical_crossentropy';
  if (fn === 'binary_crossentropy' || fn === 'binary_focal_crossentropy') {
    return { req: focal ? retarget(req, 'binary_focal_crossentropy') : req, binary: true };
  }
  if (fn === 'categorical_crossentropy' || fn === 'categorical_focal_crossentropy') return { req: retarget(req, cat), binary: false };
  if (fn === SCCE) {
    const oh = oneHot(req);
    return { req: retarget(req, cat, {}, { y_true: oh.y_true, mask: req.kind === 'loss' ? oh.mask : null }), binary: false };
  }
  const what = focal ? 'gamma and alpha sweeps' : 'label_smoothing sweep';
  throw new EngineError(`The ${what} apply to the cross-entropy losses, not ${req.name}.`, 'name');
}

function grid(from: number, to: number, points: number): Float64Array {
  const n = Math.max(2, Math.floor(points));
  return Float64Array.from({ length: n }, (_, i) => (i === n - 1 ? to : from + ((to - from) * i) / (n - 1)));
}

function pickSamples(wanted: number[] | undefined, count: number): number[] {
  const list = wanted ?? Array.from({ length: Math.min(count, 8) }, (_, i) => i);
  return [...new Set(list)].filter((i) => Number.isInteger(i) && i >= 0 && i < count);
}

const scalarOf = (r: LossResult): number | null => (r.value.shape.length === 0 ? r.value.data[0] : null);
const dense = (t: Tensor): Dense => ({ shape: t.shape, data: new Float64Array(t.data) });

/** Curve through evaluations at x0 and x1, exact where the loss is linear in the parameter. */
function linearCurve(label: string, xs: Float64Array, x0: number, r0: LossResult, x1: number, r1: LossResult, samples: number[]): SweepCurve {
  const lerp = (a: number, b: number) => xs.map((x) => (x1 === x0 ? a : a + ((x - x0) / (x1 - x0)) * (b - a)));
  const a = scalarOf(r0), b = scalarOf(r1);
  return { label, perSample: samples.map((s) => lerp(r0.perSample.data[s], r1.perSample.data[s])), reduced: a === null || b === null ? null : lerp(a, b) };
}

function pointwiseCurve(label: string, results: LossResult[], samples: number[]): SweepCurve {
  const reduced = results.map(scalarOf);
  return {
    label,
    perSample: samples.map((s) => Float64Array.from(results, (r) => r.perSample.data[s])),
    reduced: reduced.includes(null) ? null : Float64Array.from(reduced as number[]),
  };
}

/** One evaluation with steps, laid out as rows x D, plus the reduction's coefficients. */
interface Base { res: LossResult; D: number; count: number; rows(name: string): Float64Array | null; coef: Float64Array | null }

function baseOf(req: LossRequest, opts: EvalOptions, patch: Record<string, unknown>): Base {
  const res = evaluateLoss(retarget(req, fnOf(req), patch), { ...opts, grad: false, steps: true });
  const E = res.steps!.find((s) => s.name === 'per_entry')!.tensor;
  const axis = resolveAxis((req.config?.axis as number | undefined) ?? -1, E.shape.length)!;
  const D = E.shape[axis];
  const rows = (name: string) => {
    const t = name === 'y_true' || name === 'y_pred' ? (req[name] as Tensor) : res.steps!.find((s) => s.name === name)?.tensor;
    return t ? moveAxisLast(new Float64Array(t.data), E.shape, axis) : null;
  };
  // The reduction is linear in the per-sample values: reduced = sum_i coef_i v_i.
  const coef = res.reduction && res.reduction.denominator !== null
    ? reduceWeightedValues(dense(res.perSample), req.sample_weight ? dense(req.sample_weight as Tensor) : null,
      req.mask ? dense(req.mask as Tensor) : null, res.reduction.reduction, numFor('float64'), opts.semantics ?? 'keras3').coef
    : null;
  return { res, D, count: sizeOf(E.shape) / D, rows, coef };
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

/** Loss against gamma on a uniform grid (default [0, 5], 101 points); binary focal with apply_class_balancing off and on. */
export function gammaSweep(input: EngineRequest, opts: EvalOptions = {}, params: SweepParams = {}): Sweep {
  const { req, binary } = counterpart(prepared(input as LossRequest), true);
  const xs = grid(params.from ?? 0, params.to ?? 5, params.points ?? 101);
  const { D, count, rows, coef } = baseOf(req, opts, { gamma: 0, ...(binary ? { apply_class_balancing: false } : {}) });
  // At gamma = 0 each per-entry value is (weight ·) bce; the focal factor is q^gamma.
  const bce = rows('per_entry')!;
  const q = each(rows(binary ? 'p_t' : 'p_clipped')!, (v) => 1 - v);
  const terms = [binary ? each(bce, (b) => b / D) : bce];
  if (binary) {
    const alpha = (req.config?.alpha as number | undefined) ?? 0.25;
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
  return { param: 'gamma', xs, current: (req.config?.gamma as number | undefined) ?? 2, samples, count, loss: req.name, curves };
}

/**
 * Binary focal against label_smoothing, walked from one evaluation: y' = y(1 − ls) + ls/2 changes
 * p_t, the weight and the bce, so each point costs one pow per entry (Keras 3 formulas, float64).
 */
function binaryFocalSmoothing(req: LossRequest, opts: EvalOptions, xs: Float64Array, wanted?: number[]): { count: number; samples: number[]; curve: SweepCurve } {
  const cfg = req.config ?? {};
  const gamma = (cfg.gamma as number | undefined) ?? 2, alpha = (cfg.alpha as number | undefined) ?? 0.25;
  const balance = cfg.apply_class_balancing === true;
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
  const { req, binary } = counterpart(prepared(input as LossRequest), true);
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
  const alpha = req.config?.alpha;
  return { param: 'alpha', xs, current: typeof alpha === 'number' ? alpha : 0.25, samples, count, loss: req.name, curves };
}

/** Loss against label_smoothing (default [0, 1]); sparse labels are smoothed as one-hot (CategoricalCrossentropy). */
export function labelSmoothingSweep(input: EngineRequest, opts: EvalOptions = {}, params: SweepParams = {}): Sweep {
  const { req } = counterpart(prepared(input as LossRequest), false);
  const [x0, x1] = [params.from ?? 0, params.to ?? 1];
  const xs = grid(x0, x1, params.points ?? 51);
  const o = { ...opts, grad: false, steps: false };
  const at = (ls: number) => evaluateLoss(retarget(req, fnOf(req), { label_smoothing: ls }), o);
  const base = { param: 'label_smoothing' as const, xs, current: (req.config?.label_smoothing as number | undefined) ?? 0, loss: req.name };
  // Binary focal is the one loss here that is not linear in the smoothed labels (p_t depends on them).
  if (fnOf(req) === 'binary_focal_crossentropy') {
    if (opts.semantics !== 'tf_keras2') {
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

export interface CurveVariant {
  label: string;
  /** Another Keras loss FUNCTION name to evaluate (e.g. a focal counterpart); defaults to the request's. */
  name?: string;
  /** Kwargs patched over the request's (e.g. { gamma: 2 }, { label_smoothing: 0.1 }). */
  config?: Record<string, unknown>;
  dtype?: DType;
}
export interface CurveParams { row?: number; col?: number; space?: 'linear' | 'logit'; points?: number; variants?: CurveVariant[] }
export interface CurveSeries { label: string; loss: Float64Array; grad: Float64Array; current: { loss: number; grad: number } }
export interface GradientCurve {
  xs: Float64Array;
  /** Per-sample row (flat index) and class (entry along the feature axis) that sweep. */
  row: number;
  col: number;
  D: number;
  count: number;
  /** What x is: the entry's probability, its logit, or (Poisson) the predicted rate. */
  input: 'probability' | 'logit' | 'value';
  space: 'linear' | 'logit';
  x0: number;
  /** Range of x inside Keras's clip bounds (outside it the entry's own gradient is 0), or null. */
  clip: [number, number] | null;
  /** Per variant: the per-sample loss v and dv/dx along xs, and both at x0. */
  curves: CurveSeries[];
}

const logit = (p: number) => Math.log(p / (1 - p));

function clipRange(fn: FnId, input: GradientCurve['input'], keras3: boolean, p: Float64Array, col: number, dtype: DType): [number, number] | null {
  const { LO, HI } = numFor(dtype);
  if (input === 'logit') return fn === 'binary_focal_crossentropy' && keras3 ? [logit(LO), logit(HI)] : null;
  if (input !== 'probability') return null;
  if (fn === 'kl_divergence') return [LO, 1];
  if (fn.startsWith('binary') || (fn === SCCE && !keras3)) return [LO, HI];
  // Categorical: Keras clips r = x / (x + s) with s the rest of the row.
  let s = 0;
  p.forEach((v, j) => { if (j !== col) s += v; });
  return s > 0 ? [(LO * s) / (1 - LO), (HI * s) / (1 - HI)] : [0, 0];
}

/**
 * The per-sample loss v and dv/dx as one y_pred entry x sweeps its range, the rest of the row held
 * (Keras then renormalises categorical probability rows itself). One stacked call per variant.
 */
export function gradientCurve(input: EngineRequest, opts: EvalOptions = {}, params: CurveParams = {}): GradientCurve {
  const fn = fnOf(input);
  if (fn === 'ctc') throw new EngineError('CTC has no per-entry curve: see the lattice and its per-time gradient.', 'name');
  const req = prepared(input as LossRequest);
  const semantics = opts.semantics ?? 'keras3';
  const call = resolveLossCall(req.kind, req.name, req.config ?? {}, semantics);
  const dtype = call.dtype ?? opts.dtype ?? 'float64';
  const P = req.y_pred as Tensor, T = req.y_true as Tensor, sparse = fn === SCCE;
  const [ts, ps] = req.kind === 'loss' ? squeezeOrExpand(T.shape, P.shape) : [T.shape, P.shape];
  const axis = ps.length === 0 ? null : sparse || !('axis' in call.kwargs) ? ps.length - 1 : resolveAxis(call.kwargs.axis as number, ps.length);
  if (axis === null) throw new EngineError('y_pred needs a feature axis for a gradient curve.', 'y_pred');
  const D = ps[axis], rowsP = moveAxisLast(P.data as Float64Array, ps, axis), count = rowsP.length / D;
  const { row = 0, col = 0 } = params;
  if (!(row >= 0 && row < count && col >= 0 && col < D)) {
    throw new EngineError(`Selected cell [${row}, ${col}] is outside ${count} samples x ${D} entries.`, 'view.selected');
  }
  const p = rowsP.slice(row * D, row * D + D), x0 = p[col];
  const yRow = sparse
    ? Float64Array.from({ length: D }, (_, j) => (j === T.data[row] ? 1 : 0))
    : moveAxisLast(broadcastTo({ shape: ts, data: T.data }, ps), ps, axis).slice(row * D, row * D + D);
  const input_: GradientCurve['input'] = call.kwargs.from_logits === true ? 'logit' : fn === 'poisson' ? 'value' : 'probability';
  const space = input_ === 'probability' && params.space === 'logit' ? 'logit' : 'linear';
  const clip = clipRange(fn, input_, semantics === 'keras3', p, col, dtype);
  const N = params.points ?? 201;
  let base: number[];
  if (input_ === 'probability' && space === 'logit') {
    // Logit-spaced probabilities reaching past the clip bounds, so the clipped ends show.
    const a = clip && clip[0] > 0 ? logit(clip[0]) - 2 : -18, b = clip && clip[1] < 1 ? logit(clip[1]) + 2 : 18;
    base = [0, 1, ...Array.from(grid(Math.max(-36, Math.min(-18, a)), Math.min(36, Math.max(18, b)), N), sigmoid)];
  } else if (input_ === 'probability') base = [...grid(0, 1, N)];
  else if (input_ === 'logit') base = [...grid(Math.min(-10, x0 - 5), Math.max(10, x0 + 5), N)];
  else base = [...grid(0, Math.max(2, 2 * x0, 2 * Math.max(...yRow)), N)];
  const [lo, hi] = [base[0], base[base.length - 1]];
  const extra = (clip ?? []).filter((c) => c > lo && c < hi);
  const xs = Float64Array.from(new Set([...base, ...extra].sort((a, b) => a - b)));
  const M = xs.length + 1; // the last row is the current point
  const yp = new Float64Array(M * D);
  for (let m = 0; m < M; m++) { yp.set(p, m * D); yp[m * D + col] = m < xs.length ? xs[m] : x0; }
  const variants = params.variants?.length ? params.variants : [{ label: req.name }];
  const curves = variants.map((v): CurveSeries => {
    const vfn = (v.name ?? fn) as FnId;
    if (!(vfn in FUNCTIONS) || vfn === 'ctc' || (vfn === SCCE && !sparse)) {
      throw new EngineError(`Cannot compare with ${JSON.stringify(v.name)} on these labels.`, 'variants');
    }
    const keep = new Set(FUNCTIONS[vfn].params.map((s) => s.name));
    const config = Object.fromEntries(Object.entries({ ...call.kwargs, ...v.config }).filter(([k]) => keep.has(k)));
    if (keep.has('axis')) config.axis = -1;
    const yt: Tensor = vfn === SCCE
      ? { shape: [M], data: new Float64Array(M).fill(T.data[row]) }
      : { shape: [M, D], data: Float64Array.from({ length: M * D }, (_, k) => yRow[k % D]) };
    const res = evaluateLoss({ kind: 'function', name: vfn, config, y_true: yt, y_pred: { shape: [M, D], data: yp } },
      { dtype: v.dtype ?? dtype, semantics, grad: true, steps: false });
    const g = res.grad!.data, ls = res.perSample.data;
    return {
      label: v.label,
      loss: Float64Array.from(xs, (_, m) => ls[m]),
      grad: Float64Array.from(xs, (_, m) => g[m * D + col]),
      current: { loss: ls[M - 1], grad: g[(M - 1) * D + col] },
    };
  });
  return { xs, row, col, D, count, input: input_, space, x0, clip, curves };
}

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
