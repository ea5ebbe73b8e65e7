/**
 * The contract between the engine and its fused kernels: what a kernel call carries and returns.
 * Types only, in a module of their own, so the JS and WASM kernel engines and the dispatcher in
 * accelerate.ts depend on it rather than on each other.
 */
import type { KernelFn } from '../catalog';

export type { KernelFn };
export type KernelBackend = 'wasm-simd' | 'js';

export interface KernelCall {
  fn: KernelFn;
  /** y_pred viewed as [rows, cols], class/feature axis last. */
  rows: number;
  cols: number;
  /** [rows*cols], or [rows] integer labels for sparse_categorical_crossentropy. */
  yTrue: Float32Array;
  /** [rows*cols] */
  yPred: Float32Array;
  from_logits: boolean;
  /** The value to use (0 = none): binary smoothing y(1-ls) + ls/2, categorical y(1-ls) + ls/cols. */
  label_smoothing: number;
  /** Focal losses only; an alpha array has length cols. */
  gamma: number;
  alpha: number | Float32Array;
  apply_class_balancing: boolean;
  /** sparse_categorical_crossentropy only: rows with this label get perSample 0 and grad 0. */
  ignore_class: number | null;
  /** Optional per-row coefficient c_i multiplied into the gradient row (null = 1). */
  rowScale: Float32Array | null;
}

export interface KernelResult {
  perSample: Float32Array;
  grad: Float32Array | null;
  backend: KernelBackend;
}

/**
 * Buffers owned by the active engine for a [rows, cols] call. Write y_true / y_pred / rowScale
 * here and pass these same arrays in the KernelCall: nothing is copied, and the result's
 * perSample and grad are then views into these buffers too (overwritten by the next call).
 * A later call with a larger shape may replace the buffers (WASM memory growth detaches them):
 * take them again with kernelBuffers() after changing shape.
 */
export interface KernelBuffers {
  yTrue: Float32Array;
  yPred: Float32Array;
  rowScale: Float32Array;
  perSample: Float32Array;
  grad: Float32Array;
}
