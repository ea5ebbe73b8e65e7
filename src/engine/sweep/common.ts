/**
 * Shared plumbing of the chart sweeps (params.ts, gradient.ts, ctc.ts): the result types, resolving
 * a request to its Keras loss function, retargeting it to a counterpart loss, converting tensors once
 * per job, grids and sample picks, curve builders and the gamma power sums. Kept apart so every
 * sweep evaluates through the same request handling. Pure: no DOM.
 */
import { classOfFn, featureAxis, functionId, functionParams, lossClassFn, type FnId } from '../catalog';
import { resolveLossCall, type ResolvedCall } from '../config';
import { EngineError } from '../errors';
import { evaluateLoss } from '../loss';
import { numFor } from '../numerics';
import { reduceWeightedValues, type Dense } from '../reduction';
import { moveAxisLast, resolveAxis, sizeOf } from '../tensor';
import { toTensor } from '../tensorInput';
import type { EngineRequest, EvalOptions, LossRequest, LossResult, Tensor } from '../types';

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

export const SCCE = 'sparse_categorical_crossentropy' satisfies FnId;

export function fnOf(req: EngineRequest): FnId {
  if (req.kind === 'metric') throw new EngineError('Sweeps and curves take a loss or a loss function, not a metric.', 'kind');
  const fn = req.kind === 'function' ? functionId(req.name) : lossClassFn(req.name);
  if (!fn) throw new EngineError(`Unknown loss ${JSON.stringify(req.name)}.`, 'name');
  return fn;
}

/** The request's call as the engine resolves it: kwargs typed, the catalog's defaults filled in. */
export function resolved(req: LossRequest, opts: EvalOptions): ResolvedCall {
  return resolveLossCall(req.kind, req.name, req.config ?? {}, opts.semantics ?? 'keras3');
}

/** The same call as another Keras loss: keeps the kwargs that loss accepts, then applies `patch`. */
export function retarget(req: LossRequest, fn: FnId, patch: Record<string, unknown> = {}, extra: Partial<LossRequest> = {}): LossRequest {
  const keep = new Set(functionParams(fn).map((p) => p.name));
  if (req.kind === 'loss') ['reduction', 'dtype'].forEach((k) => keep.add(k));
  const config = Object.fromEntries(Object.entries(req.config ?? {}).filter(([k]) => keep.has(k)));
  return { ...req, name: req.kind === 'loss' ? classOfFn(fn) : fn, config: { ...config, ...patch }, ...extra };
}

/** Nested lists already converted: the extras of one job share their request (structured clone keeps the sharing). */
const converted = new WeakMap<object, Tensor>();

/** Tensors converted once, so repeated evaluations skip walking nested lists. */
export function prepared(req: LossRequest): LossRequest {
  const t = (x: LossRequest['y_true'] | null | undefined, f: string) => {
    if (x == null || typeof x !== 'object') return x == null ? x : toTensor(x, f, 'float64');
    let out = converted.get(x);
    if (!out) converted.set(x, (out = toTensor(x, f, 'float64')));
    return out;
  };
  return { ...req, y_true: t(req.y_true, 'y_true')!, y_pred: t(req.y_pred, 'y_pred')!, sample_weight: t(req.sample_weight, 'sample_weight'), mask: t(req.mask, 'mask') };
}

/** Sparse labels as one-hot rows (ignored labels: a zero row, masked out of the reduction). */
function oneHot(req: LossRequest, opts: EvalOptions): { y_true: Tensor; mask: Tensor | null } {
  const p = req.y_pred as Tensor, t = req.y_true as Tensor;
  const call = resolved(req, opts);
  const C = p.shape[p.shape.length - 1], n = sizeOf(p.shape) / C;
  if (t.data.length !== n) throw new EngineError(`y_true has ${t.data.length} labels for ${n} rows of y_pred.`, 'y_true');
  const ignore = call.fn === SCCE ? call.kwargs.ignore_class : null;
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
export function counterpart(req: LossRequest, focal: boolean, opts: EvalOptions): { req: LossRequest; binary: boolean } {
  const fn = fnOf(req);
  const cat: FnId = focal || fn === 'categorical_focal_crossentropy' ? 'categorical_focal_crossentropy' : 'categorical_crossentropy';
  if (fn === 'binary_crossentropy' || fn === 'binary_focal_crossentropy') {
    return { req: focal ? retarget(req, 'binary_focal_crossentropy') : req, binary: true };
  }
  if (fn === 'categorical_crossentropy' || fn === 'categorical_focal_crossentropy') return { req: retarget(req, cat), binary: false };
  if (fn === SCCE) {
    const oh = oneHot(req, opts);
    return { req: retarget(req, cat, {}, { y_true: oh.y_true, mask: req.kind === 'loss' ? oh.mask : null }), binary: false };
  }
  const what = focal ? 'gamma and alpha sweeps' : 'label_smoothing sweep';
  throw new EngineError(`The ${what} apply to the cross-entropy losses, not ${req.name}.`, 'name');
}

export function grid(from: number, to: number, points: number): Float64Array {
  const n = Math.max(2, Math.floor(points));
  return Float64Array.from({ length: n }, (_, i) => (i === n - 1 ? to : from + ((to - from) * i) / (n - 1)));
}

export function pickSamples(wanted: number[] | undefined, count: number): number[] {
  const list = wanted ?? Array.from({ length: Math.min(count, 8) }, (_, i) => i);
  return [...new Set(list)].filter((i) => Number.isInteger(i) && i >= 0 && i < count);
}

const scalarOf = (r: LossResult): number | null => (r.value.shape.length === 0 ? r.value.data[0] : null);
const dense = (t: Tensor): Dense => ({ shape: t.shape, data: new Float64Array(t.data) });

/** Curve through evaluations at x0 and x1, exact where the loss is linear in the parameter. */
export function linearCurve(label: string, xs: Float64Array, x0: number, r0: LossResult, x1: number, r1: LossResult, samples: number[]): SweepCurve {
  const lerp = (a: number, b: number) => xs.map((x) => (x1 === x0 ? a : a + ((x - x0) / (x1 - x0)) * (b - a)));
  const a = scalarOf(r0), b = scalarOf(r1);
  return { label, perSample: samples.map((s) => lerp(r0.perSample.data[s], r1.perSample.data[s])), reduced: a === null || b === null ? null : lerp(a, b) };
}

export function pointwiseCurve(label: string, results: LossResult[], samples: number[]): SweepCurve {
  const reduced = results.map(scalarOf);
  return {
    label,
    perSample: samples.map((s) => Float64Array.from(results, (r) => r.perSample.data[s])),
    reduced: reduced.includes(null) ? null : Float64Array.from(reduced as number[]),
  };
}

/** One evaluation with steps, laid out as rows x D, plus the reduction's coefficients. */
interface Base { res: LossResult; D: number; count: number; rows(name: string): Float64Array | null; coef: Float64Array | null }

export function baseOf(req: LossRequest, opts: EvalOptions, patch: Record<string, unknown>): Base {
  const res = evaluateLoss(retarget(req, fnOf(req), patch), { ...opts, grad: false, steps: true });
  const E = res.steps!.find((s) => s.name === 'per_entry')!.tensor;
  const axis = resolveAxis(featureAxis(resolved(req, opts).kwargs), E.shape.length)!;
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
