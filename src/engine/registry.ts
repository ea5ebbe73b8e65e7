/**
 * The one place that lists every Keras loss class, loss function and metric class the engine
 * knows, with each parameter's Keras name, default and a one-line explanation.
 */
import type { Family } from './losses/common';
import { binaryCrossentropy, binaryFocalCrossentropy } from './losses/binary';
import { categoricalCrossentropy, categoricalFocalCrossentropy } from './losses/categorical';
import { ctc } from './losses/ctcFamily';
import { klDivergence, poisson } from './losses/klPoisson';
import { sparseCategoricalCrossentropy } from './losses/sparse';
import type { Kind } from './types';

export type FnId =
  | 'binary_crossentropy' | 'binary_focal_crossentropy' | 'categorical_crossentropy'
  | 'categorical_focal_crossentropy' | 'sparse_categorical_crossentropy' | 'poisson' | 'kl_divergence' | 'ctc';

export type ParamType = 'bool' | 'number' | 'axis' | 'int_or_null' | 'alpha' | 'alpha_or_list' | 'reduction' | 'string' | 'dtype';

export interface ParamSpec {
  name: string;
  type: ParamType;
  default: unknown;
  help: string;
}

const P = {
  from_logits: { name: 'from_logits', type: 'bool', default: false, help: 'Treat y_pred as logits (unbounded scores) instead of probabilities.' },
  label_smoothing: { name: 'label_smoothing', type: 'number', default: 0, help: 'Squeeze the labels toward uniform: 0 = none, 1 = fully uniform.' },
  axis: { name: 'axis', type: 'axis', default: -1, help: 'The feature (class) axis the loss reduces.' },
  ignore_class: { name: 'ignore_class', type: 'int_or_null', default: null, help: 'A label value to skip: those entries score 0 and leave the mean.' },
  alpha_scalar: { name: 'alpha', type: 'alpha', default: 0.25, help: 'Weight of the positive class; used only with apply_class_balancing.' },
  alpha_list: { name: 'alpha', type: 'alpha_or_list', default: 0.25, help: 'Per-class weight (scalar or one per class); always applied.' },
  gamma: { name: 'gamma', type: 'number', default: 2, help: 'Focusing strength: (1 − p)^gamma down-weights easy examples; 0 = plain cross-entropy.' },
  apply_class_balancing: { name: 'apply_class_balancing', type: 'bool', default: false, help: 'Weight positives by alpha and negatives by 1 − alpha.' },
} satisfies Record<string, ParamSpec>;

export const FUNCTIONS: Record<FnId, { family: Family; params: ParamSpec[] }> = {
  binary_crossentropy: { family: binaryCrossentropy, params: [P.from_logits, P.label_smoothing, P.axis] },
  binary_focal_crossentropy: {
    family: binaryFocalCrossentropy,
    params: [P.apply_class_balancing, P.alpha_scalar, P.gamma, P.from_logits, P.label_smoothing, P.axis],
  },
  categorical_crossentropy: { family: categoricalCrossentropy, params: [P.from_logits, P.label_smoothing, P.axis] },
  categorical_focal_crossentropy: {
    family: categoricalFocalCrossentropy,
    params: [P.alpha_list, P.gamma, P.from_logits, P.label_smoothing, P.axis],
  },
  sparse_categorical_crossentropy: { family: sparseCategoricalCrossentropy, params: [P.from_logits, P.ignore_class, P.axis] },
  poisson: { family: poisson, params: [] },
  kl_divergence: { family: klDivergence, params: [] },
  ctc: { family: ctc, params: [] },
};

/** Keras loss class -> its function. */
export const LOSS_CLASSES: Record<string, FnId> = {
  BinaryCrossentropy: 'binary_crossentropy',
  BinaryFocalCrossentropy: 'binary_focal_crossentropy',
  CategoricalCrossentropy: 'categorical_crossentropy',
  CategoricalFocalCrossentropy: 'categorical_focal_crossentropy',
  SparseCategoricalCrossentropy: 'sparse_categorical_crossentropy',
  Poisson: 'poisson',
  KLDivergence: 'kl_divergence',
  CTC: 'ctc',
};

/** Keras metric class -> its function and the function kwargs the metric exposes. */
export const METRIC_CLASSES: Record<string, { fn: FnId; params: ParamSpec[] }> = {
  BinaryCrossentropy: { fn: 'binary_crossentropy', params: [P.from_logits, P.label_smoothing] },
  CategoricalCrossentropy: { fn: 'categorical_crossentropy', params: [P.from_logits, P.label_smoothing, P.axis] },
  SparseCategoricalCrossentropy: { fn: 'sparse_categorical_crossentropy', params: [P.from_logits, P.ignore_class, P.axis] },
  KLDivergence: { fn: 'kl_divergence', params: [] },
  Poisson: { fn: 'poisson', params: [] },
};

export const REDUCTIONS_KERAS3 = ['sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none'] as const;
export const REDUCTIONS_TF_KERAS2 = ['auto', 'sum_over_batch_size', 'sum', 'none'] as const;

export const REDUCTION_PARAM: ParamSpec = {
  name: 'reduction', type: 'reduction', default: 'sum_over_batch_size',
  help: 'How per-sample values become one number: sum_over_batch_size divides the weighted sum by the element count.',
};

/**
 * Lookups by a name the user controls: own keys only, so `constructor` or `toString` is an
 * unknown name rather than a prototype member.
 */
export function functionId(name: unknown): FnId | null {
  return typeof name === 'string' && Object.hasOwn(FUNCTIONS, name) ? (name as FnId) : null;
}

export function lossClassFn(name: unknown): FnId | null {
  return typeof name === 'string' && Object.hasOwn(LOSS_CLASSES, name) ? LOSS_CLASSES[name] : null;
}

export function metricClass(name: unknown): (typeof METRIC_CLASSES)[string] | null {
  return typeof name === 'string' && Object.hasOwn(METRIC_CLASSES, name) ? METRIC_CLASSES[name] : null;
}

/**
 * The shape of input a function takes, which decides an example's tensors, the grid helpers, the
 * pitfalls and the explain notes: binary and KL / Poisson take y_true like y_pred, categorical
 * one-hot rows, sparse class ids, CTC padded label rows against [batch, time, classes] logits.
 */
export type FamilyId = 'binary' | 'categorical' | 'sparse' | 'kld' | 'poisson' | 'ctc';

const FAMILY: Record<FnId, FamilyId> = {
  binary_crossentropy: 'binary',
  binary_focal_crossentropy: 'binary',
  categorical_crossentropy: 'categorical',
  categorical_focal_crossentropy: 'categorical',
  sparse_categorical_crossentropy: 'sparse',
  kl_divergence: 'kld',
  poisson: 'poisson',
  ctc: 'ctc',
};

/** The Keras function behind a loss class, a function or a metric class; null when unknown. */
export function fnIdOf(kind: Kind, name: string): FnId | null {
  if (kind === 'function') return functionId(name);
  if (kind === 'metric') return metricClass(name)?.fn ?? null;
  return lossClassFn(name);
}

export function familyOf(fn: FnId | null): FamilyId | null {
  return fn ? FAMILY[fn] : null;
}
