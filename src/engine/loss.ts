/**
 * The Keras `Loss.__call__` pipeline (and the bare-function call): convert to the compute dtype,
 * align y_true/y_pred ranks, run the loss function, merge masks, weight, reduce, and carry the
 * gradient back through the reduction.
 */
import { resolveLossCall } from './config';
import { EngineError } from './errors';
import type { FamilyContext } from './losses/common';
import { numFor } from './numerics';
import { reduceWeightedValues, squeezeOrExpand, type Dense } from './reduction';
import { tryKernel } from './kernelPath';
import { FUNCTIONS } from './registry';
import { broadcastShapes, broadcastTo, storage, toTensor, unravel } from './tensor';
import type { EngineWarning, EvalOptions, LossRequest, LossResult, Semantics, Step, Tensor } from './types';

/** tf.keras 2 only squeezes a trailing size-1 axis, it never expands. */
function alignPair(a: number[], b: number[], semantics: Semantics): [number[], number[]] {
  if (semantics === 'keras3') return squeezeOrExpand(a, b);
  if (a.length === b.length + 1 && a[a.length - 1] === 1) return [a.slice(0, -1), b];
  if (b.length === a.length + 1 && b[b.length - 1] === 1) return [a, b.slice(0, -1)];
  return [a, b];
}

function dense(t: Tensor): Dense {
  return { shape: t.shape, data: t.data instanceof Float64Array ? t.data : Float64Array.from(t.data) };
}

function nonFiniteWarning(values: Dense, warnings: EngineWarning[]): void {
  const i = values.data.findIndex((v) => !Number.isFinite(v));
  if (i < 0 || warnings.some((w) => w.code === 'nan' || w.code === 'ctc_infeasible')) return;
  warnings.push({
    code: 'non_finite',
    message: `The per-sample value at ${JSON.stringify(unravel(i, values.shape))} is ${values.data[i]}: ` +
      'an input outside the range the formula accepts (e.g. a probability outside [0, 1] with a fractional gamma).',
    field: 'y_pred',
    index: unravel(i, values.shape),
  });
}

export function evaluateLoss(req: LossRequest, opts: EvalOptions = {}): LossResult {
  const semantics = opts.semantics ?? 'keras3';
  const call = resolveLossCall(req.kind, req.name, req.config ?? {}, semantics);
  const dtype = call.dtype ?? opts.dtype ?? 'float64';
  const num = numFor(dtype);
  const wantGrad = opts.grad !== false;
  const wantSteps = opts.steps === true;
  const yTrueIn = toTensor(req.y_true, 'y_true', dtype);
  const yPredIn = toTensor(req.y_pred, 'y_pred', dtype);
  const sw = req.sample_weight != null ? toTensor(req.sample_weight, 'sample_weight', dtype) : null;
  const inMask = req.kind === 'loss' && req.mask != null ? toTensor(req.mask, 'mask', dtype) : null;
  let tShape = yTrueIn.shape;
  let pShape = yPredIn.shape;
  if (req.kind === 'loss') [tShape, pShape] = alignPair(tShape, pShape, semantics);
  const warnings: EngineWarning[] = [...call.warnings];
  const ctx: FamilyContext = {
    yTrue: { shape: tShape, data: yTrueIn.data },
    yPred: { shape: pShape, data: yPredIn.data },
    cfg: call.kwargs, num, semantics, wantGrad, wantSteps,
    warn: (w) => warnings.push(w),
  };
  const fast = tryKernel(call.fn, ctx, opts.kernels);
  const fam = fast ? fast.family : FUNCTIONS[call.fn].family(ctx);
  nonFiniteWarning(fam.values, warnings);
  const steps: Step[] = fam.steps;
  const base = {
    kind: req.kind, name: req.name, config: call.config, dtype, semantics, warnings, backend: fast ? fast.backend : 'ts' as const,
    perSample: { shape: fam.values.shape, data: storage(fam.values.data, dtype) },
  };
  if (req.kind === 'function') {
    const grad = fam.backward ? fam.backward(new Float64Array(fam.values.data.length).fill(1)) : null;
    return {
      ...base, value: base.perSample, weights: null, reduction: null,
      grad: grad ? { shape: yPredIn.shape, data: storage(grad, dtype) } : undefined,
      steps: wantSteps ? steps : undefined,
    };
  }
  const mask = combineMasks(inMask ? dense(inMask) : null, fam.outMask);
  const red = reduceWeightedValues(fam.values, sw ? dense(sw) : null, mask, call.reduction!, num, semantics);
  const grad = fam.backward ? fam.backward(red.coef) : null;
  if (wantSteps && red.weights) {
    steps.push({ name: 'weights', label: 'merged sample_weight × mask, aligned to the per-sample values', tensor: { shape: red.weights.shape, data: storage(red.weights.data, dtype) }, alignsWith: 'per_sample' });
  }
  return {
    ...base,
    value: { shape: red.valueShape, data: storage(red.value, dtype) },
    weights: red.weights ? { shape: red.weights.shape, data: storage(red.weights.data, dtype) } : null,
    reduction: { reduction: call.reduction!, numerator: red.numerator, denominator: red.denominator },
    grad: grad ? { shape: yPredIn.shape, data: storage(grad, dtype) } : undefined,
    steps: wantSteps ? steps : undefined,
  };
}

/** Keras ANDs the input mask (from masking layers) with the loss's output mask. */
function combineMasks(a: Dense | null, b: Dense | null): Dense | null {
  if (!a || !b) return a ?? b;
  const shape = broadcastShapes(a.shape, b.shape);
  if (!shape) throw new EngineError('mask does not broadcast against the per-sample values.', 'mask');
  const x = broadcastTo({ shape: a.shape, data: a.data }, shape);
  const y = broadcastTo({ shape: b.shape, data: b.data }, shape);
  return { shape, data: x.map((v, i) => (v && y[i] ? 1 : 0)) };
}

