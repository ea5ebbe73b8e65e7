/**
 * What every loss family shares: the call context, the output contract, and the runner that
 * lays y_true / y_pred out as rows along the feature axis so a family only writes a row kernel.
 */
import type { Kwargs } from '../catalog';
import { EngineError, formatShape } from '../errors';
import type { Num } from '../numerics';
import type { Dense } from '../reduction';
import {
  broadcastShapes, broadcastTo, moveAxisBack, moveAxisLast, resolveAxis, sameShape, sizeOf,
  storage, sumToShape, withoutAxis,
} from '../tensor';
import type { EngineWarning, KerasBackend, Semantics, Step, Tensor } from '../types';

export interface FamilyContext<K extends object = Kwargs> {
  yTrue: Tensor;
  yPred: Tensor;
  /** The function's resolved kwargs (config.ts): every catalog param present, typed. */
  cfg: K;
  num: Num;
  semantics: Semantics;
  /** The Keras 3 backend whose arithmetic to follow ('tensorflow' under tf_keras2). */
  backend: KerasBackend;
  /**
   * Who calls the loss function: a Loss object, the bare function, or a metric's update_state.
   * JAX converts inputs to arrays only inside a Loss object, so host-side casts differ by caller.
   */
  caller?: 'loss' | 'function' | 'metric';
  wantGrad: boolean;
  wantSteps: boolean;
  warn: (w: EngineWarning) => void;
}

export interface FamilyOutput {
  /** Per-sample values (unweighted), the loss function's output. */
  values: Dense;
  /** Output mask (SCCE ignore_class): 1 = valid. */
  outMask: Dense | null;
  /** Given c_i = d(total)/d(values_i), returns d(total)/d(y_pred), shaped like y_pred. */
  backward: ((c: Float64Array) => Float64Array) | null;
  /** Set when the backend's autodiff raises on this input although the forward pass ran. */
  gradError?: string;
  steps: Step[];
}

/** A loss function's implementation, reading the kwargs K (engine/bind.ts binds it to its catalog id). */
export type Family<K extends object = Kwargs> = (ctx: FamilyContext<K>) => FamilyOutput;

/** Rows of length D along the feature axis, plus the bookkeeping to map results back. */
export interface Rows {
  y: Float64Array;
  p: Float64Array;
  rows: number;
  D: number;
  /** Common (broadcast) shape of y_true and y_pred, and the resolved axis in it. */
  shape: number[];
  axis: number;
}

export function axisOf(ctx: FamilyContext<{ axis: number }>, rank: number): number {
  const raw = ctx.cfg.axis;
  const axis = resolveAxis(raw, rank);
  if (axis === null) {
    throw new EngineError(
      `axis ${String(raw)} is out of range: expected an integer in [${-rank}, ${rank - 1}] for inputs of rank ${rank}.`,
      'config.axis',
    );
  }
  return axis;
}

export function sameShapeOrThrow(ctx: FamilyContext): void {
  const a = ctx.yTrue.shape;
  const b = ctx.yPred.shape;
  if (!sameShape(a, b)) {
    throw new EngineError(
      `Arguments target and output must have the same shape. Received: target.shape=${formatShape(a)}, ` +
        `output.shape=${formatShape(b)} (y_true vs y_pred).`,
      'y_pred',
    );
  }
}

export function broadcastOrThrow(a: number[], b: number[], what: string, field = 'y_pred'): number[] {
  const shape = broadcastShapes(a, b);
  if (!shape) {
    throw new EngineError(
      `${what}: expected shapes that broadcast, received ${formatShape(a)} and ${formatShape(b)}.`,
      field,
    );
  }
  return shape;
}

export function toRows(ctx: FamilyContext<{ axis: number }>, shape: number[], axisRank = shape.length): Rows {
  if (shape.length === 0) {
    throw new EngineError('y_pred is a scalar: expected at least one axis (rank >= 1).', 'y_pred');
  }
  const axis = axisOf(ctx, axisRank);
  const y = moveAxisLast(broadcastTo(ctx.yTrue, shape), shape, axis);
  const p = moveAxisLast(broadcastTo(ctx.yPred, shape), shape, axis);
  const D = shape[axis];
  return { y, p, rows: sizeOf(shape) / D, D, shape, axis };
}

/** Per-entry data laid out as rows -> tensor in the common shape (for steps). */
export function entryTensor(rows: Rows, data: Float64Array, num: Num): Tensor {
  return { shape: rows.shape.slice(), data: storage(moveAxisBack(data, rows.shape, rows.axis), num.dtype) };
}

export function sampleTensor(rows: Rows, data: Float64Array, num: Num): Tensor {
  return { shape: withoutAxis(rows.shape, rows.axis), data: storage(data, num.dtype) };
}

/** Scale row i of a rows-layout gradient by c_i and map it back onto y_pred's shape. */
export function rowsBackward(
  rows: Rows, yPredShape: number[], rowGrad: Float64Array,
): (c: Float64Array) => Float64Array {
  return (c) => {
    const g = new Float64Array(rowGrad.length);
    for (let i = 0; i < rows.rows; i++) {
      // No shortcut for c_i = 0: 0 · NaN is NaN on every backend, and a zero weight must not hide it.
      const ci = c[i];
      const o = i * rows.D;
      for (let j = 0; j < rows.D; j++) g[o + j] = ci * rowGrad[o + j];
    }
    return sumToShape(moveAxisBack(g, rows.shape, rows.axis), rows.shape, yPredShape);
  };
}

/** The output of a family that works row by row along the feature axis (all but SCCE and CTC). */
export function rowsOutput(ctx: FamilyContext, rows: Rows, values: Float64Array, rowGrad: Float64Array | null): FamilyOutput {
  return {
    values: { shape: withoutAxis(rows.shape, rows.axis), data: values },
    outMask: null,
    backward: rowGrad ? rowsBackward(rows, ctx.yPred.shape, rowGrad) : null,
    steps: [],
  };
}

export function step(name: string, label: string, tensor: Tensor, alignsWith?: Step['alignsWith']): Step {
  return { name, label, tensor, alignsWith };
}
