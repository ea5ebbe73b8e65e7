/**
 * The engine's public data types. Pure data: no DOM, no React, no WASM.
 * Names that users see (loss ids, config keys, step names) are Keras's own.
 */

/** Which Keras the numbers follow: Keras 3 (on the backend `KerasBackend` names) or legacy tf.keras 2. */
export type Semantics = 'keras3' | 'tf_keras2';

/**
 * The Keras 3 backend (`KERAS_BACKEND`) whose numbers to reproduce. The backends agree to float32
 * rounding where their formulas agree and part ways at clip bounds, labels out of range,
 * non-finite inputs and a few stable-vs-clipped choices (shared spec section 8).
 * TensorFlow is Keras 3's own default. tf.keras 2 runs on TensorFlow only.
 */
export type KerasBackend = 'tensorflow' | 'jax' | 'torch' | 'numpy';

export const KERAS_BACKENDS: readonly KerasBackend[] = ['tensorflow', 'jax', 'torch', 'numpy'];
export const DEFAULT_KERAS_BACKEND: KerasBackend = 'tensorflow';

/** Compute dtype. float32 reproduces Keras's default floatx, float64 is the exact reference. */
export type DType = 'float32' | 'float64';

export type Reduction = 'sum_over_batch_size' | 'sum' | 'mean' | 'mean_with_sample_weight' | 'none' | 'auto';

/** A nested list of numbers as a user or a JSON file gives it (Python-list shaped). */
export type Nested = number | Nested[];

/** Row-major dense tensor. float32 mode stores Float32Array, float64 mode Float64Array. */
export interface Tensor {
  shape: number[];
  data: Float64Array | Float32Array;
}

/** What the engine accepts wherever a tensor goes. */
export type TensorLike = Tensor | Nested;

export type Kind = 'loss' | 'function' | 'metric';

export interface EvalOptions {
  /** Defaults to 'float64'. */
  dtype?: DType;
  /** Defaults to 'keras3'. */
  semantics?: Semantics;
  /** Keras 3 backend; defaults to 'tensorflow' (Keras 3's default). tf_keras2 is always TensorFlow. */
  kerasBackend?: KerasBackend;
  /** Compute d(sum of output)/d(y_pred). Defaults to true. */
  grad?: boolean;
  /** Record the named intermediate steps for the explain view. Defaults to false (cheap path). */
  steps?: boolean;
  /**
   * Fused WASM/JS kernels for float32 Keras 3 evaluations without steps: 'auto' (default) uses
   * them from a few thousand entries up, 'always' whenever they cover the call, 'never' not at all.
   * They only run once the host has initialised them (accelerate.ts initKernels).
   */
  kernels?: 'auto' | 'always' | 'never';
  /**
   * Loss classes: also reduce the per-sample values under every reduction the semantics allows
   * (`everyReduction` in the result), from this one evaluation. Defaults to false.
   */
  everyReduction?: boolean;
}

/** What computed a result: the reference TypeScript engine or a fused kernel. */
export type Backend = 'ts' | 'js' | 'wasm-simd';

/** A loss class (`kind: 'loss'`) or a bare loss function (`kind: 'function'`) call. */
export interface LossRequest {
  kind: 'loss' | 'function';
  /** Keras class name (`BinaryCrossentropy`) or function name (`binary_crossentropy`). */
  name: string;
  /** Keras kwargs that were passed explicitly; absent keys take Keras's defaults. */
  config?: Record<string, unknown>;
  y_true: TensorLike;
  y_pred: TensorLike;
  sample_weight?: TensorLike | null;
  /** Optional Keras mask attached to y_pred (boolean as 0/1), loss classes only. */
  mask?: TensorLike | null;
}

/** One named intermediate: what the explain view shows for a step of the derivation. */
export interface Step {
  /** Keras-style identifier: `y_smoothed`, `p_clipped`, `p_t`, `focal_factor`, `per_entry`, ... */
  name: string;
  /** One-line human description with the formula. */
  label: string;
  tensor: Tensor;
  /** Field the step's entries line up with, so the UI can link a step entry to input cells. */
  alignsWith?: 'y_true' | 'y_pred' | 'sample_weight' | 'per_sample';
}

export interface EngineWarning {
  code: string;
  message: string;
  field?: string;
  index?: number[];
  /** The derivation step the warning is about (a non-finite value's first appearance). */
  step?: string;
}

export interface ReductionInfo {
  reduction: Reduction;
  /** Σ v·W (null when unreduced). */
  numerator: number | null;
  /** The divisor the reduction used (1 for "sum", null when unreduced). */
  denominator: number | null;
}

/** The loss reduced another way: what Keras returns with `reduction=<reduction>`. */
export interface ReducedValue {
  reduction: Reduction;
  value: Tensor;
}

export interface LossResult {
  kind: 'loss' | 'function';
  name: string;
  /** Keras get_config() for classes (defaults filled in); resolved kwargs for functions. */
  config: Record<string, unknown>;
  /** Output exactly as Keras returns it: shape [] when reduced, per-sample (weighted) otherwise. */
  value: Tensor;
  /** Per-sample values before weighting (the function's output). */
  perSample: Tensor;
  /** Merged weights W (sample_weight x mask), aligned to perSample; null when there are none. */
  weights: Tensor | null;
  reduction: ReductionInfo | null;
  /** With `everyReduction`: the value under each reduction of the semantics, in Keras's order. */
  everyReduction?: ReducedValue[];
  /** d(sum of value)/d(y_pred), shaped like y_pred (w.r.t. logits when from_logits). */
  grad?: Tensor;
  /**
   * Why there is no gradient although one was asked for: the backend has no autodiff (NumPy),
   * or its autodiff raises on this input (torch on rank-4 SCCE probabilities).
   */
  gradError?: string;
  steps?: Step[];
  warnings: EngineWarning[];
  dtype: DType;
  semantics: Semantics;
  kerasBackend: KerasBackend;
  backend: Backend;
}

export interface MetricUpdate {
  y_true: TensorLike;
  y_pred: TensorLike;
  sample_weight?: TensorLike | null;
}

export interface MetricRequest {
  kind: 'metric';
  name: string;
  config?: Record<string, unknown>;
  updates: MetricUpdate[];
  /** Call reset_state() before these update indices. */
  reset_before?: number[];
}

/** The metric's running state after one update_state call. */
export interface MetricSnapshot {
  total: number;
  count: number;
  result: number;
  /** Per-sample values this update contributed (before weighting). */
  values: Tensor;
  /** The weights those values were multiplied by (sample_weight x mask, aligned); null when none. */
  weights: Tensor | null;
  /** What this update added: Σ w·v to total, and Σ w (or the number of samples) to count. */
  added: { total: number; count: number };
}

export interface MetricResult {
  kind: 'metric';
  name: string;
  config: Record<string, unknown>;
  results: number[];
  snapshots: MetricSnapshot[];
  warnings: EngineWarning[];
  dtype: DType;
  semantics: Semantics;
  kerasBackend: KerasBackend;
}

export type EngineRequest = LossRequest | MetricRequest;

/**
 * An error as data: what crosses the worker boundary and what the store keeps. The message, the
 * input field at fault and the index inside it (EngineError carries the same three).
 */
export interface EngineErrorInfo {
  message: string;
  field?: string;
  index?: number[];
}
export type EngineResult = LossResult | MetricResult;
