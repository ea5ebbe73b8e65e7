/**
 * The Keras `Loss.__call__` pipeline (and the bare-function call): convert to the compute dtype,
 * align y_true/y_pred ranks, run the loss function, merge masks, weight, reduce, and carry the
 * gradient back through the reduction.
 */
import { runFamily } from './bind';
import { BACKEND_LABELS } from './backendNotes';
import { BACKENDS, REDUCTIONS } from './catalog';
import { checkConfig, resolveLossCall, type ResolvedCall } from './config';
import { EngineError } from './errors';
import type { FamilyContext } from './losses/common';
import { numFor } from './numerics';
import { reduceWeightedValues, squeezeOrExpand, type Dense } from './reduction';
import { tryKernel } from './kernelPath';
import { nonFiniteWarning } from './nonFinite';
import { broadcastShapes, broadcastTo, storage } from './tensor';
import { toTensor } from './tensorInput';
import type { DType, EngineWarning, EvalOptions, KerasBackend, LossRequest, LossResult, ReducedValue, Reduction, Semantics, Step, Tensor } from './types';
import { DEFAULT_KERAS_BACKEND } from './types';

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

/**
 * The dtype the backend really computes in. Keras's NumPy backend maps float64 to float32 in its
 * type promotion, so a float64 run gives the float32 answer; only SCCE without ignore_class (a
 * plain NumPy take/log) stays float64.
 */
export function computeDtype(dtype: DType, backend: KerasBackend, call: ResolvedCall): DType {
  if (BACKENDS[backend].float64 || dtype === 'float32') return dtype;
  return call.fn === 'sparse_categorical_crossentropy' && call.kwargs.ignore_class === null ? 'float64' : 'float32';
}

/** The backend a request runs on: the option, Keras 3's default TensorFlow, and always TensorFlow under tf.keras 2. */
export function kerasBackendOf(opts: EvalOptions): KerasBackend {
  return opts.semantics === 'tf_keras2' ? 'tensorflow' : opts.kerasBackend ?? DEFAULT_KERAS_BACKEND;
}

export function evaluateLoss(req: LossRequest, opts: EvalOptions = {}): LossResult {
  const semantics = opts.semantics ?? 'keras3';
  const kerasBackend = kerasBackendOf(opts);
  const call = resolveLossCall(req.kind, req.name, checkConfig(req.config), semantics);
  if (req.kind === 'function' && req.mask != null) {
    throw new EngineError('a loss function takes no mask (only a loss class applies one): remove mask, or call the loss class.', 'mask');
  }
  const requested = call.dtype ?? opts.dtype ?? 'float64';
  const dtype = computeDtype(requested, kerasBackend, call);
  const num = numFor(dtype, kerasBackend);
  // NumPy has no autodiff: Keras on NumPy cannot give a gradient, so neither do we.
  const noAutodiff = !BACKENDS[kerasBackend].autodiff && opts.grad !== false;
  const wantGrad = opts.grad !== false && !noAutodiff;
  const wantSteps = opts.steps === true;
  const yTrueIn = toTensor(req.y_true, 'y_true', dtype);
  const yPredIn = toTensor(req.y_pred, 'y_pred', dtype);
  const sw = req.sample_weight != null ? toTensor(req.sample_weight, 'sample_weight', dtype) : null;
  const inMask = req.kind === 'loss' && req.mask != null ? toTensor(req.mask, 'mask', dtype) : null;
  let tShape = yTrueIn.shape;
  let pShape = yPredIn.shape;
  if (req.kind === 'loss') [tShape, pShape] = alignPair(tShape, pShape, semantics);
  const warnings: EngineWarning[] = [...call.warnings];
  const ctx: Omit<FamilyContext, 'cfg'> = {
    yTrue: { shape: tShape, data: yTrueIn.data },
    yPred: { shape: pShape, data: yPredIn.data },
    num, semantics, backend: kerasBackend, caller: req.kind, wantGrad, wantSteps,
    warn: (w) => warnings.push(w),
  };
  // A non-finite weight reaches the gradient through the backend's own NaN conventions: reference path.
  const finiteWeights = !sw || sw.data.every(Number.isFinite);
  const fast = tryKernel(call, ctx, finiteWeights ? opts.kernels : 'never');
  const fam = fast ? fast.family : runFamily(call, ctx);
  const steps: Step[] = fam.steps;
  const label = BACKEND_LABELS[kerasBackend];
  const gradError = noAutodiff ? `The ${label} backend has no automatic differentiation: Keras on ${label} gives no gradient.` : fam.gradError;
  const base = {
    kind: req.kind, name: req.name, config: call.config, dtype: requested, semantics, kerasBackend, warnings,
    backend: fast ? fast.backend : 'ts' as const, gradError,
    perSample: { shape: fam.values.shape, data: storage(fam.values.data, requested) },
  };
  if (dtype !== requested) {
    warnings.push({
      code: 'numpy_float32',
      message: 'Keras on NumPy computes this loss in float32 even with float64 inputs and floatx "float64" (its type promotion maps float64 to float32).',
    });
  }
  const inputs = [{ field: 'y_pred', tensor: yPredIn }, { field: 'y_true', tensor: yTrueIn }];
  if (sw) inputs.push({ field: 'sample_weight', tensor: sw });
  const traceNonFinite = (reduced: Dense | null): void => {
    if (warnings.some((w) => w.code === 'ctc_infeasible')) return;
    const outputs = [{ what: 'per-sample value', values: fam.values }];
    if (reduced) outputs.push({ what: 'loss', values: reduced });
    const w = nonFiniteWarning(outputs, inputs, fam.steps, warnings.some((x) => x.code === 'nan'));
    if (w) warnings.push(w);
  };
  if (req.kind === 'function') {
    traceNonFinite(null);
    const grad = fam.backward && !fam.gradError ? fam.backward(new Float64Array(fam.values.data.length).fill(1)) : null;
    return {
      ...base, value: base.perSample, weights: null, reduction: null,
      grad: grad ? { shape: yPredIn.shape, data: storage(grad, requested) } : undefined,
      steps: wantSteps ? steps : undefined,
    };
  }
  const mask = combineMasks(inMask ? dense(inMask) : null, fam.outMask);
  const weights = sw ? dense(sw) : null;
  const red = reduceWeightedValues(fam.values, weights, mask, call.reduction!, num, semantics);
  traceNonFinite({ shape: red.valueShape, data: red.value });
  const grad = fam.backward && !fam.gradError ? fam.backward(red.coef) : null;
  if (wantSteps && red.weights) {
    steps.push({ name: 'weights', label: 'merged sample_weight × mask, aligned to the per-sample values', tensor: { shape: red.weights.shape, data: storage(red.weights.data, requested) }, alignsWith: 'per_sample' });
  }
  // Every other reduction from the same per-sample values, weights and mask: only the reduction differs.
  const reductions: readonly Reduction[] = REDUCTIONS[semantics];
  const everyReduction = opts.everyReduction ? reductions.map((r): ReducedValue => {
    const o = r === call.reduction ? red : reduceWeightedValues(fam.values, weights, mask, r, num, semantics);
    return { reduction: r, value: { shape: o.valueShape, data: storage(o.value, requested) } };
  }) : undefined;
  return {
    ...base,
    ...(everyReduction ? { everyReduction } : {}),
    value: { shape: red.valueShape, data: storage(red.value, requested) },
    weights: red.weights ? { shape: red.weights.shape, data: storage(red.weights.data, requested) } : null,
    reduction: { reduction: call.reduction!, numerator: red.numerator, denominator: red.denominator },
    grad: grad ? { shape: yPredIn.shape, data: storage(grad, requested) } : undefined,
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

