/**
 * Thin, readable wrappers over the engine's public API for tests: one call per Keras call
 * (`loss('BinaryCrossentropy', {from_logits: true}, y_true, y_pred)`), plus the spec's shared inputs.
 */
import {
  evaluate, toNested,
  type DType, type KerasBackend, type LossResult, type MetricResult, type MetricUpdate, type Nested, type Semantics, type TensorLike,
} from '../../src/engine';

export const DTYPES: readonly DType[] = ['float32', 'float64'];
export const SEMANTICS: readonly Semantics[] = ['keras3', 'tf_keras2'];

export interface CallOptions {
  sample_weight?: TensorLike | null;
  mask?: TensorLike | null;
  dtype?: DType;
  semantics?: Semantics;
  grad?: boolean;
  steps?: boolean;
  /** The Keras backend to follow (the engine's default: TensorFlow). */
  kerasBackend?: KerasBackend;
}

function opts(o: CallOptions) {
  return { dtype: o.dtype ?? 'float64', semantics: o.semantics ?? 'keras3', grad: o.grad, steps: o.steps, kerasBackend: o.kerasBackend };
}

/** A Keras loss object call: `Name(**config)(y_true, y_pred, sample_weight)`. */
export function loss(
  name: string, config: Record<string, unknown>, yTrue: TensorLike, yPred: TensorLike, o: CallOptions = {},
): LossResult {
  return evaluate(
    { kind: 'loss', name, config, y_true: yTrue, y_pred: yPred, sample_weight: o.sample_weight ?? null, mask: o.mask ?? null },
    opts(o),
  ) as LossResult;
}

/** A bare Keras loss function call: `name(y_true, y_pred, **kwargs)` (per-sample values). */
export function fn(
  name: string, config: Record<string, unknown>, yTrue: TensorLike, yPred: TensorLike, o: CallOptions = {},
): LossResult {
  return evaluate({ kind: 'function', name, config, y_true: yTrue, y_pred: yPred }, opts(o)) as LossResult;
}

/** A Keras metric object: update_state for each update (reset_state before the listed ones). */
export function metric(
  name: string, config: Record<string, unknown>, updates: MetricUpdate[], o: CallOptions & { reset_before?: number[] } = {},
): MetricResult {
  return evaluate({ kind: 'metric', name, config, updates, reset_before: o.reset_before }, opts(o)) as MetricResult;
}

/** The loss output as Keras prints it: a number when reduced, a nested list otherwise. */
export function value(r: LossResult): Nested {
  return toNested(r.value);
}

export function scalar(r: LossResult): number {
  if (r.value.shape.length !== 0) throw new Error(`expected a reduced (scalar) loss, got shape [${r.value.shape}]`);
  return r.value.data[0];
}

export function grad(r: LossResult): Nested {
  if (!r.grad) throw new Error('the result carries no gradient');
  return toNested(r.grad);
}

export function warningCodes(r: { warnings: { code: string }[] }): string[] {
  return r.warnings.map((w) => w.code);
}

/** The inputs of the spec's doc-example table (§11). */
export const SPEC = {
  /** Probabilities; the first row has an exact 0 (clipped to 1e-7). */
  P: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]],
  Yc: [[0, 1, 0], [0, 0, 1]],
  Ys: [1, 2],
  Bt: [[0, 1], [0, 0]],
  Bp: [[0.6, 0.4], [0.4, 0.6]],
  Z1: [-18.6, 0.51, 2.94, -12.8],
  Y1: [0, 1, 0, 0],
  Z2: [[-18.6, 0.51], [2.94, -12.8]],
  Y2: [[0, 1], [0, 0]],
} as const satisfies Record<string, Nested>;

/** A deterministic PRNG (mulberry32) so random inputs are reproducible without fast-check. */
export { mulberry32 as rng } from '../../src/ui/inputs/random';

/** Reshape a flat list into a nested list of `shape`. */
export function reshape(flat: ArrayLike<number>, shape: number[]): Nested {
  if (shape.length === 0) return flat[0];
  let k = 0;
  const build = (d: number): Nested[] =>
    Array.from({ length: shape[d] }, () => (d === shape.length - 1 ? flat[k++] : build(d + 1)));
  return build(0);
}
