/**
 * A loss request as a training problem: which Keras function it calls with which resolved kwargs,
 * how that function reads the logits z (identity, softmax along its class axis, sigmoid, exp),
 * how its per-sample values are laid out, and which probabilities its clip acts on.
 */
import { checkConfig, resolveLossCall } from '../config';
import { EngineError } from '../errors';
import { kerasBackendOf } from '../loss';
import { numFor } from '../numerics';
import { featureAxis, type FnId } from '../catalog';
import { resolveAxis } from '../tensor';
import type { DType, EvalOptions, KerasBackend, LossRequest, Reduction, Semantics, Tensor } from '../types';
import { fnOf, prepared, retarget } from '../sweep/common';
import { layoutOf, type Layout } from './maps';
import type { TrainCompare, TrainReads } from './types';

export interface Problem {
  /** The request with its tensors converted once (float64). */
  req: LossRequest;
  fn: FnId;
  kwargs: Record<string, unknown>;
  reduction: Reduction | null;
  dtype: DType;
  semantics: Semantics;
  backend: KerasBackend;
  shape: number[];
  reads: TrainReads;
  /** The family's probabilities (what trueProb reads): softmax / sigmoid / exp of z; null for CTC. */
  probs: Exclude<TrainReads, 'logits'> | null;
  /** Rows along the class (or feature) axis, one per per-sample value; null for CTC. */
  layout: Layout | null;
  count: number;
  /** Where Keras clips those probabilities (in the compute dtype), or null when it does not. */
  clip: { lo: number; hi: number } | null;
}

const SOFTMAX = new Set<FnId>(['categorical_crossentropy', 'categorical_focal_crossentropy', 'sparse_categorical_crossentropy', 'kl_divergence']);
const BINARY = new Set<FnId>(['binary_crossentropy', 'binary_focal_crossentropy']);

export function problemOf(input: LossRequest, opts: EvalOptions): Problem {
  if ((input as { kind?: unknown }).kind === 'metric') {
    throw new EngineError('Training takes a loss or a loss function; a metric trains on its function (see sweepRequest).', 'kind');
  }
  const fn = fnOf(input);
  const req = prepared(input);
  const semantics = opts.semantics ?? 'keras3';
  const call = resolveLossCall(req.kind, req.name, checkConfig(req.config), semantics);
  const backend = kerasBackendOf(opts);
  const dtype = call.dtype ?? opts.dtype ?? 'float64';
  const shape = (req.y_pred as Tensor).shape;
  // Read as a plain record: which kwargs exist depends on the function (CTC has none).
  const kw: Record<string, unknown> = call.kwargs;
  const fromLogits = kw.from_logits === true;
  const probs = fn === 'ctc' ? null : SOFTMAX.has(fn) ? 'softmax' : BINARY.has(fn) ? 'sigmoid' : 'exp';
  const reads: TrainReads = fromLogits || probs === null ? 'logits' : probs;
  let layout: Layout | null = null;
  if (probs !== null) {
    if (shape.length === 0) throw new EngineError('y_pred is a scalar: training needs at least one axis.', 'y_pred');
    // KL divergence and Poisson reduce the last axis; the others their `axis` kwarg.
    const raw = featureAxis(call.kwargs);
    const axis = resolveAxis(raw, shape.length);
    if (axis === null) throw new EngineError(`axis ${raw} is out of range for y_pred of rank ${shape.length}.`, 'config.axis');
    layout = layoutOf(shape, axis);
  }
  const count = layout ? layout.rows : shape[0] ?? 1;
  const { LO, HI } = numFor(dtype, backend);
  // The probabilities Keras clips: every probability input, and the sigmoid / softmax the focal
  // losses take of logits (except TensorFlow's binary focal, which keeps the logits for its BCE).
  const clips = probs !== null && probs !== 'exp' && (reads !== 'logits' ||
    fn === 'categorical_focal_crossentropy' || (fn === 'binary_focal_crossentropy' && backend !== 'tensorflow'));
  return {
    req, fn, kwargs: kw, reduction: call.reduction, dtype, semantics, backend, shape, reads, probs, layout,
    count, clip: clips ? { lo: LO, hi: fn === 'kl_divergence' ? 1 : HI } : null,
  };
}

/** The compare setting as a request: another loss (class or function name of the same kind) and a config patch. */
export function compareRequest(req: LossRequest, c: TrainCompare): LossRequest {
  let fn = fnOf(req);
  if (c.name !== undefined) {
    try {
      fn = fnOf({ ...req, name: c.name });
    } catch {
      throw new EngineError(`train.compare.name: unknown Keras loss ${JSON.stringify(c.name)} for a ${req.kind === 'loss' ? 'loss class' : 'loss function'}.`, 'train.compare.name');
    }
  }
  return retarget(req, fn, c.config ?? {});
}
