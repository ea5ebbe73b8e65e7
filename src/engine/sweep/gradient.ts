/**
 * gradientCurve: the per-sample loss and its gradient as one y_pred entry sweeps its range, for the
 * gradient chart. The swept row is stacked N times into one [N, D] function call per variant, so a
 * whole curve costs one evaluation. Pure: no DOM.
 */
import { featureAxis, functionId, functionParams, type FnId } from '../catalog';
import { resolveLossCall } from '../config';
import { EngineError } from '../errors';
import { evaluateLoss } from '../loss';
import { numFor, sigmoid } from '../numerics';
import { squeezeOrExpand } from '../reduction';
import { broadcastTo, moveAxisLast, resolveAxis } from '../tensor';
import type { DType, EngineRequest, EvalOptions, LossRequest, Tensor } from '../types';
import { fnOf, grid, prepared, SCCE } from './common';

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
  const axis = ps.length === 0 ? null : sparse ? ps.length - 1 : resolveAxis(featureAxis(call.kwargs), ps.length);
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
  const logits = 'from_logits' in call.kwargs && call.kwargs.from_logits;
  const input_: GradientCurve['input'] = logits ? 'logit' : fn === 'poisson' ? 'value' : 'probability';
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
    if (!functionId(vfn) || vfn === 'ctc' || (vfn === SCCE && !sparse)) {
      throw new EngineError(`Cannot compare with ${JSON.stringify(v.name)} on these labels.`, 'variants');
    }
    const keep = new Set(functionParams(vfn).map((s) => s.name));
    const config = Object.fromEntries(Object.entries({ ...call.kwargs, ...v.config }).filter(([k]) => keep.has(k)));
    if (keep.has('axis')) config.axis = -1;
    const yt: Tensor = vfn === SCCE
      ? { shape: [M], data: new Float64Array(M).fill(T.data[row]) }
      : { shape: [M, D], data: Float64Array.from({ length: M * D }, (_, k) => yRow[k % D]) };
    const res = evaluateLoss({ kind: 'function', name: vfn, config, y_true: yt, y_pred: { shape: [M, D], data: yp } },
      { dtype: v.dtype ?? dtype, semantics, kerasBackend: opts.kerasBackend, grad: true, steps: false });
    // A backend without autodiff (NumPy) or whose autodiff raises here has no curve to draw.
    if (!res.grad) throw new EngineError(res.gradError ?? 'This backend gives no gradient here.', 'kerasBackend');
    const g = res.grad.data, ls = res.perSample.data;
    return {
      label: v.label,
      loss: Float64Array.from(xs, (_, m) => ls[m]),
      grad: Float64Array.from(xs, (_, m) => g[m * D + col]),
      current: { loss: ls[M - 1], grad: g[(M - 1) * D + col] },
    };
  });
  return { xs, row, col, D, count, input: input_, space, x0, clip, curves };
}
