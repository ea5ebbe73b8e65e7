/**
 * One row per Keras loss function, loss class and metric class the engine knows, and the facts
 * the engine, the page, the charts and the CLI read about each. Pure data: no implementation is
 * imported here (engine/bind.ts binds the implementations to these ids).
 */
import type { KerasBackend } from '../types';
import type { ParamId, ParamName } from './params';

/**
 * The shape of input a function takes, which decides an example's tensors, the grid helpers, the
 * pitfalls and the explain notes: binary and KL / Poisson take y_true like y_pred, categorical
 * one-hot rows, sparse class ids, CTC padded label rows against [batch, time, classes] logits.
 */
export type FamilyId = 'binary' | 'categorical' | 'sparse' | 'kld' | 'poisson' | 'ctc';

/** The fused kernels (kernels/*.ts in JS, wasm/assembly/*.ts in WebAssembly). */
export type KernelId = 'bce' | 'bfce' | 'cce' | 'cfce' | 'scce' | 'kld' | 'poisson';

export interface FunctionRow {
  family: FamilyId;
  /** Keras kwargs, in Keras's signature order. */
  params: readonly ParamId[];
  /** The per-sample value is a MEAN over the last axis (else a sum, or no feature axis at all). */
  meanOverLast: boolean;
  /** A cross-entropy ('focal' when it takes gamma), or null. */
  crossEntropy: 'plain' | 'focal' | null;
  /** The fused kernel that serves 2-D float32 calls, if any. */
  kernel: KernelId | null;
}

export const FUNCTIONS = {
  binary_crossentropy: {
    family: 'binary', params: ['from_logits', 'label_smoothing', 'axis'],
    meanOverLast: true, crossEntropy: 'plain', kernel: 'bce',
  },
  binary_focal_crossentropy: {
    family: 'binary', params: ['apply_class_balancing', 'alpha', 'gamma', 'from_logits', 'label_smoothing', 'axis'],
    meanOverLast: true, crossEntropy: 'focal', kernel: 'bfce',
  },
  categorical_crossentropy: {
    family: 'categorical', params: ['from_logits', 'label_smoothing', 'axis'],
    meanOverLast: false, crossEntropy: 'plain', kernel: 'cce',
  },
  categorical_focal_crossentropy: {
    family: 'categorical', params: ['alpha_per_class', 'gamma', 'from_logits', 'label_smoothing', 'axis'],
    meanOverLast: false, crossEntropy: 'focal', kernel: 'cfce',
  },
  sparse_categorical_crossentropy: {
    family: 'sparse', params: ['from_logits', 'ignore_class', 'axis'],
    meanOverLast: false, crossEntropy: 'plain', kernel: 'scce',
  },
  poisson: { family: 'poisson', params: [], meanOverLast: true, crossEntropy: null, kernel: 'poisson' },
  kl_divergence: { family: 'kld', params: [], meanOverLast: false, crossEntropy: null, kernel: 'kld' },
  ctc: { family: 'ctc', params: [], meanOverLast: false, crossEntropy: null, kernel: null },
} as const satisfies Record<string, FunctionRow>;

export type FnId = keyof typeof FUNCTIONS;

export interface LossClassRow {
  /** The function the class wraps (`LossFunctionWrapper`). */
  fn: FnId;
  /** get_config() keys after name and reduction, in Keras's order (3.15.1 SCCE omits axis). */
  getConfig: readonly ParamName[];
  /** Function kwargs the tf.keras 2 class does not take (it fixed them). */
  tfKeras2Omits?: readonly ParamName[];
}

export const LOSS_CLASSES = {
  BinaryCrossentropy: { fn: 'binary_crossentropy', getConfig: ['from_logits', 'label_smoothing', 'axis'] },
  BinaryFocalCrossentropy: {
    fn: 'binary_focal_crossentropy',
    getConfig: ['from_logits', 'label_smoothing', 'axis', 'apply_class_balancing', 'alpha', 'gamma'],
  },
  CategoricalCrossentropy: { fn: 'categorical_crossentropy', getConfig: ['from_logits', 'label_smoothing', 'axis'] },
  CategoricalFocalCrossentropy: {
    fn: 'categorical_focal_crossentropy', getConfig: ['from_logits', 'label_smoothing', 'axis', 'alpha', 'gamma'],
  },
  // tf.keras 2's class always used axis -1.
  SparseCategoricalCrossentropy: { fn: 'sparse_categorical_crossentropy', getConfig: ['from_logits', 'ignore_class'], tfKeras2Omits: ['axis'] },
  Poisson: { fn: 'poisson', getConfig: [] },
  KLDivergence: { fn: 'kl_divergence', getConfig: [] },
  CTC: { fn: 'ctc', getConfig: [] },
} as const satisfies Record<string, LossClassRow>;

export type LossClassName = keyof typeof LOSS_CLASSES;

export interface MetricClassRow {
  /** The function the metric averages (`MeanMetricWrapper`). */
  fn: FnId;
  /** The function kwargs the metric exposes; the others keep the function's defaults. */
  params: readonly ParamId[];
  /** The default `name` under tf.keras 2, where it differs from the function's id. */
  tfKeras2Name?: string;
}

export const METRIC_CLASSES = {
  BinaryCrossentropy: { fn: 'binary_crossentropy', params: ['from_logits', 'label_smoothing'] },
  CategoricalCrossentropy: { fn: 'categorical_crossentropy', params: ['from_logits', 'label_smoothing', 'axis'] },
  SparseCategoricalCrossentropy: { fn: 'sparse_categorical_crossentropy', params: ['from_logits', 'ignore_class', 'axis'] },
  KLDivergence: { fn: 'kl_divergence', params: [], tfKeras2Name: 'kullback_leibler_divergence' },
  Poisson: { fn: 'poisson', params: [] },
} as const satisfies Record<string, MetricClassRow>;

export type MetricClassName = keyof typeof METRIC_CLASSES;

/** Where the Keras 3 backends part ways as a whole (per-input differences live with each family). */
export interface BackendRow {
  /** Keras can take a gradient (NumPy has no automatic differentiation). */
  autodiff: boolean;
  /** float64 inputs compute in float64 (NumPy's type promotion maps them to float32). */
  float64: boolean;
}

export const BACKENDS = {
  tensorflow: { autodiff: true, float64: true },
  jax: { autodiff: true, float64: true },
  torch: { autodiff: true, float64: true },
  numpy: { autodiff: false, float64: false },
} as const satisfies Record<KerasBackend, BackendRow>;
