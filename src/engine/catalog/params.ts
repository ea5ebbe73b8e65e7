/**
 * Every Keras argument the catalog's losses, functions and metrics take: Keras name, value type,
 * default and a one-line help. Pure data (the page reads it without the engine).
 */
import type { DType, Reduction, Semantics } from '../types';

export type ParamType = 'bool' | 'number' | 'axis' | 'int_or_null' | 'alpha' | 'alpha_or_list' | 'reduction' | 'string' | 'dtype';

/** The value a parameter of each type holds once resolved. */
export interface ParamValue {
  bool: boolean;
  number: number;
  axis: number;
  int_or_null: number | null;
  alpha: number;
  alpha_or_list: number | number[];
  reduction: Reduction;
  string: string;
  dtype: DType | null;
}

export interface ParamSpec {
  /** The Keras keyword. Two specs may share one (alpha: a scalar, or scalar-or-list). */
  name: string;
  type: ParamType;
  default: unknown;
  help: string;
  /** What a link may set, where the page draws only a sensible range (Keras itself accepts more). */
  linkRange?: readonly [number, number];
}

/** The loss functions' kwargs. */
export const PARAMS = {
  from_logits: { name: 'from_logits', type: 'bool', default: false, help: 'Treat y_pred as logits (unbounded scores) instead of probabilities.' },
  label_smoothing: { name: 'label_smoothing', type: 'number', default: 0, help: 'Squeeze the labels toward uniform: 0 = none, 1 = fully uniform.' },
  apply_class_balancing: { name: 'apply_class_balancing', type: 'bool', default: false, help: 'Weight positives by alpha and negatives by 1 − alpha.' },
  alpha: { name: 'alpha', type: 'alpha', default: 0.25, help: 'Weight of the positive class; used only with apply_class_balancing.' },
  alpha_per_class: { name: 'alpha', type: 'alpha_or_list', default: 0.25, help: 'Per-class weight (scalar or one per class); always applied.' },
  gamma: {
    name: 'gamma', type: 'number', default: 2, linkRange: [0, 100],
    help: 'Focusing strength: (1 − p)^gamma down-weights easy examples; 0 = plain cross-entropy.',
  },
  axis: { name: 'axis', type: 'axis', default: -1, help: 'The feature (class) axis the loss reduces.' },
  ignore_class: { name: 'ignore_class', type: 'int_or_null', default: null, help: 'A label value to skip: those entries score 0 and leave the mean.' },
} as const satisfies Record<string, ParamSpec>;

export type ParamId = keyof typeof PARAMS;
export type ParamName = (typeof PARAMS)[ParamId]['name'];

/** Reductions a loss class accepts, default first. */
export const REDUCTIONS = {
  keras3: ['sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none'],
  tf_keras2: ['auto', 'sum_over_batch_size', 'sum', 'none'],
} as const satisfies Record<Semantics, readonly Reduction[]>;

/** The arguments every loss class (reduction, name, dtype) or metric class (name, dtype) adds. */
export const CLASS_PARAMS = {
  reduction: {
    name: 'reduction', type: 'reduction', default: REDUCTIONS.keras3[0],
    help: 'How per-sample values become one number: sum_over_batch_size divides the weighted sum by the element count.',
  },
  name: { name: 'name', type: 'string', default: null, help: 'Name of the instance.' },
  dtype: { name: 'dtype', type: 'dtype', default: null, help: 'Compute dtype (floatx when None).' },
} as const satisfies Record<string, ParamSpec>;
