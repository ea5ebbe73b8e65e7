/**
 * Every analytic gradient against central finite differences (test/helpers/fd.ts), in float64:
 * each loss class × probabilities and logits × every reduction × with and without sample_weight ×
 * the options that change the formula (label_smoothing, gamma, alpha, apply_class_balancing,
 * ignore_class, axis). Inputs are random but seeded, and kept away from the clip bounds so that the
 * loss is smooth where it is differenced. CTC has its own suite (losses/ctc.test.ts).
 * Then the spec's facts at the clip bounds, where finite differences do not apply.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, toNested, type LossResult, type Nested } from '../../src/engine';
import { EXACT, expectClose, FD_TOL, SPEC_TOL } from '../helpers/close';
import { centralDifference } from '../helpers/fd';
import { fn, grad, loss, reshape, rng } from '../helpers/engine';

const REDUCTIONS = ['sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none'] as const;

interface Problem {
  /** What the options exercise, for the test name. */
  what: string;
  name: string;
  config: Record<string, unknown>;
  yTrue: Nested;
  predShape: number[];
  /** Draw one y_pred entry (probability or logit). */
  draw: (u: number) => number;
  /** Shape of the per-sample values (what a sample_weight of full rank has). */
  weightShape: number[];
}

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
const prob = (u: number) => 0.05 + 0.9 * u;
const logit = (u: number) => -3 + 6 * u;
const positive = (u: number) => 0.2 + 0.8 * u;

function labels01(seed: number, shape: number[]): Nested {
  const r = rng(seed);
  return reshape(Array.from({ length: size(shape) }, () => (r() < 0.5 ? 0 : 1)), shape);
}
function oneHot(seed: number, rows: number, C: number): Nested {
  const r = rng(seed);
  return Array.from({ length: rows }, () => {
    const k = Math.floor(r() * C);
    return Array.from({ length: C }, (_, j) => (j === k ? 1 : 0));
  });
}
function soft(seed: number, shape: number[]): Nested {
  const r = rng(seed);
  return reshape(Array.from({ length: size(shape) }, () => r()), shape);
}
function distributions(seed: number, rows: number, C: number): Nested {
  const r = rng(seed);
  return Array.from({ length: rows }, () => {
    const raw = Array.from({ length: C }, () => (r() < 0.2 ? 0 : r()));
    const s = raw.reduce((a, b) => a + b, 0) || 1;
    return raw.map((x) => x / s);
  });
}
function sparse(seed: number, shape: number[], C: number): Nested {
  const r = rng(seed);
  return reshape(Array.from({ length: size(shape) }, () => Math.floor(r() * C)), shape);
}

const BINARY_LOGIT_VARIANTS = (name: string, variants: Record<string, unknown>[]): Problem[] =>
  variants.flatMap((config, i) =>
    [false, true].map((from_logits) => ({
      what: `${JSON.stringify(config)}${from_logits ? ' from_logits' : ' probabilities'}`,
      name,
      config: { ...config, from_logits },
      yTrue: labels01(10 + i, [3, 4]),
      predShape: [3, 4],
      draw: from_logits ? logit : prob,
      weightShape: [3],
    })),
  );

const PROBLEMS: Problem[] = [
  ...BINARY_LOGIT_VARIANTS('BinaryCrossentropy', [{}, { label_smoothing: 0.2 }]),
  { what: '{"axis":0} probabilities', name: 'BinaryCrossentropy', config: { axis: 0 }, yTrue: labels01(3, [3, 4]), predShape: [3, 4], draw: prob, weightShape: [4] },
  { what: '[2, 3, 4] inputs, timestep weights', name: 'BinaryCrossentropy', config: {}, yTrue: labels01(4, [2, 3, 4]), predShape: [2, 3, 4], draw: prob, weightShape: [2, 3] },

  ...BINARY_LOGIT_VARIANTS('BinaryFocalCrossentropy', [
    {},
    { gamma: 0 },
    { gamma: 1.5, apply_class_balancing: true, alpha: 0.6 },
    { gamma: 3, label_smoothing: 0.1 },
    { gamma: 2, apply_class_balancing: true, label_smoothing: 0.2 },
  ]),
  { what: '[2, 3, 4] inputs, timestep weights', name: 'BinaryFocalCrossentropy', config: { gamma: 2.5 }, yTrue: labels01(5, [2, 3, 4]), predShape: [2, 3, 4], draw: prob, weightShape: [2, 3] },

  ...[{}, { label_smoothing: 0.1 }].flatMap((config, i): Problem[] => [
    { what: `${JSON.stringify(config)} unnormalised probabilities`, name: 'CategoricalCrossentropy', config, yTrue: oneHot(20 + i, 3, 4), predShape: [3, 4], draw: positive, weightShape: [3] },
    { what: `${JSON.stringify(config)} from_logits`, name: 'CategoricalCrossentropy', config: { ...config, from_logits: true }, yTrue: oneHot(20 + i, 3, 4), predShape: [3, 4], draw: logit, weightShape: [3] },
  ]),
  { what: 'soft labels that do not sum to 1, from_logits ((Σy)·softmax − y)', name: 'CategoricalCrossentropy', config: { from_logits: true }, yTrue: soft(22, [3, 4]), predShape: [3, 4], draw: logit, weightShape: [3] },
  { what: 'soft labels, unnormalised probabilities', name: 'CategoricalCrossentropy', config: {}, yTrue: soft(23, [3, 4]), predShape: [3, 4], draw: positive, weightShape: [3] },
  { what: '{"axis":0} probabilities', name: 'CategoricalCrossentropy', config: { axis: 0 }, yTrue: soft(24, [3, 4]), predShape: [3, 4], draw: positive, weightShape: [4] },

  ...[{}, { gamma: 0, alpha: 1 }, { gamma: 0.5, alpha: [0.1, 0.2, 0.3, 0.4] }, { gamma: 3, label_smoothing: 0.2 }].flatMap((config, i): Problem[] => [
    { what: `${JSON.stringify(config)} unnormalised probabilities`, name: 'CategoricalFocalCrossentropy', config, yTrue: oneHot(30 + i, 3, 4), predShape: [3, 4], draw: positive, weightShape: [3] },
    { what: `${JSON.stringify(config)} from_logits`, name: 'CategoricalFocalCrossentropy', config: { ...config, from_logits: true }, yTrue: oneHot(30 + i, 3, 4), predShape: [3, 4], draw: logit, weightShape: [3] },
  ]),
  { what: 'soft labels, from_logits', name: 'CategoricalFocalCrossentropy', config: { from_logits: true, gamma: 1.5 }, yTrue: soft(34, [3, 4]), predShape: [3, 4], draw: logit, weightShape: [3] },

  ...[{}, { ignore_class: 1 }].flatMap((config, i): Problem[] => [
    { what: `${JSON.stringify(config)} unnormalised probabilities`, name: 'SparseCategoricalCrossentropy', config, yTrue: sparse(40 + i, [4], 4), predShape: [4, 4], draw: positive, weightShape: [4] },
    { what: `${JSON.stringify(config)} from_logits`, name: 'SparseCategoricalCrossentropy', config: { ...config, from_logits: true }, yTrue: sparse(40 + i, [4], 4), predShape: [4, 4], draw: logit, weightShape: [4] },
  ]),
  { what: '[2, 3] labels over [2, 3, 4], ignore_class=0, timestep weights', name: 'SparseCategoricalCrossentropy', config: { ignore_class: 0 }, yTrue: sparse(42, [2, 3], 4), predShape: [2, 3, 4], draw: positive, weightShape: [2, 3] },

  { what: 'distributions with zeros in y_true', name: 'KLDivergence', config: {}, yTrue: distributions(50, 3, 4), predShape: [3, 4], draw: prob, weightShape: [3] },
  { what: '[2, 3, 4] inputs, timestep weights', name: 'KLDivergence', config: {}, yTrue: soft(51, [2, 3, 4]), predShape: [2, 3, 4], draw: prob, weightShape: [2, 3] },

  { what: 'counts', name: 'Poisson', config: {}, yTrue: sparse(60, [3, 4], 4), predShape: [3, 4], draw: (u) => 0.2 + 3 * u, weightShape: [3] },
  { what: '[2, 3, 4] inputs, timestep weights', name: 'Poisson', config: {}, yTrue: soft(61, [2, 3, 4]), predShape: [2, 3, 4], draw: (u) => 0.2 + 3 * u, weightShape: [2, 3] },
];

interface GradCase {
  label: string;
  problem: Problem;
  reduction: (typeof REDUCTIONS)[number];
  weighted: boolean;
  seed: number;
}

const CASES: GradCase[] = PROBLEMS.flatMap((problem, p) =>
  REDUCTIONS.flatMap((reduction) =>
    [false, true].map((weighted) => ({
      label: `${problem.name} ${problem.what}, reduction=${reduction}${weighted ? `, sample_weight [${problem.weightShape}]` : ''}`,
      problem, reduction, weighted, seed: 1000 + p,
    })),
  ),
);

function totalOutput(r: LossResult): number {
  let s = 0;
  for (const v of r.value.data) s += v;
  return s;
}

describe('gradients match central finite differences (float64)', () => {
  it('covers every loss class but CTC', () => {
    expect(new Set(PROBLEMS.map((p) => p.name))).toEqual(new Set([
      'BinaryCrossentropy', 'BinaryFocalCrossentropy', 'CategoricalCrossentropy', 'CategoricalFocalCrossentropy',
      'SparseCategoricalCrossentropy', 'KLDivergence', 'Poisson',
    ]));
  });

  it.each(CASES)('$label', ({ problem, reduction, weighted, seed }) => {
    const r = rng(seed);
    const x = Float64Array.from({ length: size(problem.predShape) }, () => problem.draw(r()));
    const w = rng(seed + 7);
    const sampleWeight = weighted ? reshape(Array.from({ length: size(problem.weightShape) }, () => 0.2 + 1.8 * w()), problem.weightShape) : null;
    const call = (data: Float64Array, wantGrad: boolean) => evaluate(
      { kind: 'loss', name: problem.name, config: { ...problem.config, reduction }, y_true: problem.yTrue,
        y_pred: { shape: problem.predShape, data }, sample_weight: sampleWeight },
      { dtype: 'float64', grad: wantGrad },
    ) as LossResult;
    const analytic = call(x, true).grad!;
    expect(analytic.shape).toEqual(problem.predShape);
    const numeric = centralDifference((d) => totalOutput(call(d, false)), x);
    expectClose(analytic.data, numeric, FD_TOL, 'grad');
  });
});

/** tf.keras 2 has its own formulas (§9.2-9.4, 9.11), so its gradients get their own check. */
const LEGACY_PROBLEMS: Problem[] = [
  ...BINARY_LOGIT_VARIANTS('BinaryCrossentropy', [{}, { label_smoothing: 0.2 }]),
  ...BINARY_LOGIT_VARIANTS('BinaryFocalCrossentropy', [{}, { gamma: 1.5, apply_class_balancing: true, alpha: 0.6 }]),
  { what: 'unnormalised probabilities (clip, then renormalise)', name: 'SparseCategoricalCrossentropy', config: {}, yTrue: sparse(70, [4], 4), predShape: [4, 4], draw: positive, weightShape: [4] },
  { what: 'from_logits', name: 'SparseCategoricalCrossentropy', config: { from_logits: true }, yTrue: sparse(71, [4], 4), predShape: [4, 4], draw: logit, weightShape: [4] },
  { what: '{"axis":0,"label_smoothing":0.2} (C counted along the axis)', name: 'CategoricalCrossentropy', config: { axis: 0, label_smoothing: 0.2 }, yTrue: soft(72, [3, 4]), predShape: [3, 4], draw: positive, weightShape: [4] },
];

describe('tf_keras2 gradients match central finite differences (float64)', () => {
  const cases = LEGACY_PROBLEMS.flatMap((problem, p) => (['auto', 'sum', 'none'] as const).flatMap((reduction) => [false, true].map((weighted) => ({
    label: `${problem.name} ${problem.what}, reduction=${reduction}${weighted ? `, sample_weight [${problem.weightShape}]` : ''}`,
    problem, reduction, weighted, seed: 2000 + p,
  }))));
  it.each(cases)('$label', ({ problem, reduction, weighted, seed }) => {
    const r = rng(seed);
    const x = Float64Array.from({ length: size(problem.predShape) }, () => problem.draw(r()));
    const sampleWeight = weighted ? reshape(Array.from({ length: size(problem.weightShape) }, (_, i) => 0.5 + i / 4), problem.weightShape) : null;
    const call = (data: Float64Array, wantGrad: boolean) => evaluate(
      { kind: 'loss', name: problem.name, config: { ...problem.config, reduction }, y_true: problem.yTrue,
        y_pred: { shape: problem.predShape, data }, sample_weight: sampleWeight },
      { dtype: 'float64', grad: wantGrad, semantics: 'tf_keras2' },
    ) as LossResult;
    const numeric = centralDifference((d) => totalOutput(call(d, false)), x);
    expectClose(call(x, true).grad!.data, numeric, FD_TOL, 'grad');
  });
});

describe('gradients of the bare functions are d(Σ per-sample values)/d(y_pred)', () => {
  it.each([
    ['binary_crossentropy', { label_smoothing: 0.1 }],
    ['binary_focal_crossentropy', { gamma: 2, apply_class_balancing: true }],
    ['categorical_crossentropy', {}],
    ['categorical_focal_crossentropy', { alpha: [0.2, 0.3, 0.5] }],
    ['kl_divergence', {}],
    ['poisson', {}],
  ] as const)('%s %j', (name, config) => {
    const yTrue = [[0, 1, 0], [0.2, 0.3, 0.5]];
    const x = Float64Array.from([0.3, 0.5, 0.2, 0.4, 0.4, 0.2]);
    const call = (data: Float64Array) => fn(name, config, yTrue, { shape: [2, 3], data });
    const numeric = centralDifference((d) => Array.from(call(d).value.data).reduce((a, b) => a + b, 0), x);
    expectClose(call(x).grad!.data, numeric, FD_TOL, 'grad');
  });

  it('sparse_categorical_crossentropy', () => {
    const x = Float64Array.from([0.3, 0.5, 0.2, 0.4, 0.4, 0.2]);
    const call = (data: Float64Array) => fn('sparse_categorical_crossentropy', {}, [1, 2], { shape: [2, 3], data });
    const numeric = centralDifference((d) => Array.from(call(d).value.data).reduce((a, b) => a + b, 0), x);
    expectClose(call(x).grad!.data, numeric, FD_TOL, 'grad');
  });
});

describe('gradients at the clip bounds (spec §2-§4, §12.2)', () => {
  it('binary_crossentropy passes exactly 0 where p is clipped: p = 0, p = 1, p < 0, p > 1', () => {
    expectClose(grad(fn('binary_crossentropy', {}, [[1, 0, 1, 0, 1]], [[0, 1, 1, -0.2, 1.3]])), [[0, 0, 0, 0, 0]], EXACT);
  });

  it('binary_crossentropy passes the full gradient exactly on the bound p = 1e-7 (inclusive ≤; JAX passes half)', () => {
    const g = grad(fn('binary_crossentropy', {}, [[1]], [[1e-7]])) as number[][];
    expectClose(g[0][0], (1e-7 - 1) / (1e-7 * (1 - 1e-7)), SPEC_TOL);
  });

  it('binary_focal_crossentropy keeps only the focal-factor term where p is clipped (y=1, p=0, gamma=2: −2·16.118)', () => {
    const g = grad(fn('binary_focal_crossentropy', { gamma: 2 }, [[1]], [[0]])) as number[][];
    expectClose(g[0][0], 2 * Math.log(1e-7), SPEC_TOL);
  });

  it('categorical_crossentropy: the renormalisation Jacobian reaches the clipped class: y=[0,1,0], p=[0.05,0.95,0] → [1, −0.0526316, 1]', () => {
    expectClose(grad(fn('categorical_crossentropy', {}, [[0, 1, 0]], [[0.05, 0.95, 0]])), [[1, -0.0526316, 1]], SPEC_TOL);
  });

  it('sparse_categorical_crossentropy on JAX: the same Jacobian, [1, −0.0526316, 1] for label 1', () => {
    expectClose(grad(fn('sparse_categorical_crossentropy', {}, [1], [[0.05, 0.95, 0]], { kerasBackend: 'jax' })), [[1, -0.0526316, 1]], SPEC_TOL);
  });

  it('sparse_categorical_crossentropy in tf_keras2 (clip, then renormalise) gives the clipped class 0: [1, −0.0526317, 0]', () => {
    expectClose(grad(fn('sparse_categorical_crossentropy', {}, [1], [[0.05, 0.95, 0]], { semantics: 'tf_keras2' })), [[1, -0.0526317, 0]], SPEC_TOL);
  });

  it('categorical_crossentropy: a clipped true class gets no g term, only the −Σ g·r / s share', () => {
    // y = [1, 0, 0], p = [0, 0.5, 0.5]: r_0 = 0 is clipped, so g = 0 everywhere and the gradient vanishes.
    expectClose(grad(fn('categorical_crossentropy', {}, [[1, 0, 0]], [[0, 0.5, 0.5]])), [[0, 0, 0]], EXACT);
  });

  it('categorical_focal_crossentropy: the clipped class still receives −g_t·r_t/s (y=[0,1,0], p=[0.05,0.95,0])', () => {
    const r = 0.95;
    const gt = 0.25 * (2 * (1 - r) * Math.log(r) - (1 - r) ** 2 / r);
    expectClose(grad(fn('categorical_focal_crossentropy', {}, [[0, 1, 0]], [[0.05, 0.95, 0]])), [[-gt * r, gt * (1 - r), -gt * r]], SPEC_TOL);
  });

  it('kl_divergence: 0 beyond the bounds (p > 1, p < 1e-7), the full −y_c exactly at p = 1', () => {
    expectClose(grad(fn('kl_divergence', {}, [[0.5, 0.5]], [[1.5, 0]])), [[0, 0]], EXACT);
    expectClose(grad(fn('kl_divergence', {}, [[0.3, 0.7]], [[0.5, 1]])), [[-0.6, -0.7]], SPEC_TOL);
  });

  it('the loss object gradient has y_pred\'s shape, also when y_true was aligned ([B] vs [B, 1])', () => {
    const r = loss('BinaryCrossentropy', { reduction: 'sum' }, [0, 1], [[0.2], [0.6]]);
    expect(r.grad!.shape).toEqual([2, 1]);
    expectClose(toNested(r.grad!), [[1 / 0.8], [-1 / 0.6]], SPEC_TOL);
  });
});
