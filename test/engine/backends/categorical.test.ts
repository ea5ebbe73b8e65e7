/**
 * CategoricalCrossentropy / CategoricalFocalCrossentropy on each Keras 3 backend (spec §8, data
 * README "Where the backends differ"). Expected numbers are the recorded ones of
 * test/conformance/backends.jsonl (ids named) or derived by hand from the backend's autodiff rule;
 * gradients away from kinks are also checked against central finite differences per backend.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluate, toNested, type DType, type KerasBackend, type LossResult, type MetricResult, type Nested,
} from '../../../src/engine';
import { expectClose, F32_TOL, F64_TOL, FD_TOL, GRAD_TOL } from '../../helpers/close';
import { centralDifference } from '../../helpers/fd';
import { reshape, rng } from '../../helpers/engine';

const AUTODIFF: readonly KerasBackend[] = ['jax', 'tensorflow', 'torch'];

interface Call {
  name: string;
  config?: Record<string, unknown>;
  y_true: Nested;
  y_pred: Nested | { shape: number[]; data: Float64Array };
  sample_weight?: Nested;
  kind?: 'loss' | 'function';
}

function run(c: Call, kerasBackend: KerasBackend, dtype: DType = 'float64', extra: { grad?: boolean; steps?: boolean } = {}): LossResult {
  return evaluate(
    { kind: c.kind ?? 'loss', name: c.name, config: c.config ?? {}, y_true: c.y_true, y_pred: c.y_pred, sample_weight: c.sample_weight ?? null },
    { dtype, kerasBackend, grad: extra.grad ?? true, steps: extra.steps },
  ) as LossResult;
}

const gradOf = (r: LossResult): Nested => toNested(r.grad!);
const softmax = (z: number[]): number[] => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

describe('CCE from logits: TensorFlow differentiates softmax − y (B5)', () => {
  // edge-CCE-logit-sumy-002: soft labels whose rows sum to 0.7 and 2.0; default reduction (mean of 2 rows).
  const sumy: Call = {
    name: 'CategoricalCrossentropy', config: { from_logits: true },
    y_true: [[0.2, 0.3, 0.2], [0.5, 0.0, 1.5]],
    y_pred: [[-1.24614, -1.76798, 0.368322], [0.991481, 1.73604, -2.31912]],
  };

  it('test_cce_tensorflow_from_logits_gradient_ignores_the_label_sum: recorded TF gradient, same value on every backend', () => {
    const tf = run(sumy, 'tensorflow');
    expectClose(gradOf(tf), [[-0.02445545166, -0.1051697773, 0.2796252289], [-0.09086604179, 0.3350585699, -0.7441925281]], GRAD_TOL);
    for (const b of ['jax', 'torch'] as const) {
      expectClose(gradOf(run(sumy, b)), [[-0.04711881617, -0.1186188441, 0.1657376603], [0.06826791641, 0.6701171397, -0.7383850561]], GRAD_TOL);
    }
    for (const b of AUTODIFF) expectClose(toNested(run(sumy, b).value), 4.20610224666, { rtol: 2e-6, atol: 1e-9 });
  });

  it('test_cce_tensorflow_from_logits_all_zero_labels_still_get_softmax: edge-CCE-logit-huge-004 row [0, 0] gives [0, 0.25] (JAX: 0)', () => {
    const c: Call = {
      name: 'CategoricalCrossentropy', config: { from_logits: true },
      y_true: [[0, 0], [1, 0], [0, 1], [0, 1]], y_pred: [[-30, 10000], [30, -0.847089], [-100, -0.533963], [1.1553, -1.31483]],
    };
    expectClose(gradOf(run(c, 'tensorflow')), [[0, 0.25], [-1.004751837e-14, 1.002811887e-14], [1.586313436e-44, 0], [0.230505278, -0.230505278]], GRAD_TOL);
    expectClose(gradOf(run(c, 'jax')), [[0, 0], [-1.004751837e-14, 1.002811887e-14], [1.586313436e-44, 0], [0.230505278, -0.230505278]], GRAD_TOL);
  });

  it('test_cce_tensorflow_label_smoothing_along_a_non_last_axis: smoothing counts the LAST axis, so Σy ≠ 1 and TF gives softmax − y', () => {
    const y = [[1, 0, 0], [0, 1, 1]];
    const z = [[0.1, 0.5, 0.2], [1.0, -1, 0.3]];
    const c: Call = { name: 'categorical_crossentropy', kind: 'function', config: { from_logits: true, axis: 0, label_smoothing: 0.3 }, y_true: y, y_pred: z };
    const ys = y.map((row) => row.map((v) => v * 0.7 + 0.3 / 3));
    const cols: number[][] = [0, 1, 2].map((k) => softmax([z[0][k], z[1][k]]));
    const tf = [0, 1].map((i) => [0, 1, 2].map((k) => cols[k][i] - ys[i][k]));
    const jax = [0, 1].map((i) => [0, 1, 2].map((k) => (ys[0][k] + ys[1][k]) * cols[k][i] - ys[i][k]));
    expectClose(gradOf(run(c, 'tensorflow')), tf, GRAD_TOL);
    expectClose(gradOf(run(c, 'jax')), jax, GRAD_TOL);
    expectClose(gradOf(run(c, 'torch')), jax, GRAD_TOL);
  });

  it('test_cce_tensorflow_explain_step_names_softmax_cross_entropy_with_logits', () => {
    const steps = (run(sumy, 'tensorflow', 'float64', { steps: true }).steps ?? []).map((s) => s.label);
    expect(steps.some((l) => l.includes('softmax_cross_entropy_with_logits'))).toBe(true);
    expect((run(sumy, 'jax', 'float64', { steps: true }).steps ?? []).map((s) => s.label).some((l) => l.includes('softmax_cross_entropy'))).toBe(false);
  });
});

describe('CCE from logits with a negative axis other than −1 raises on TensorFlow only (B12)', () => {
  // edge-CCE-rank3-008
  const rank3: Call = {
    name: 'CategoricalCrossentropy', config: { axis: -2, from_logits: true },
    y_true: [[[1, 0, 0], [0, 0, 1], [0, 1, 0]], [[0, 0, 0], [1, 0, 1], [0, 1, 0]]],
    y_pred: [[[3.36205, 0.594528, 0.0427994], [-1.0303, 2.20845, 1.22917], [-1.92521, -2.49629, 0.910576]],
      [[0.557944, 2.81619, -3.14218], [-1.9688, -3.01204, 0.890325], [3.81348, -1.14266, 1.77237]]],
  };

  it('test_cce_tensorflow_from_logits_negative_axis_raises: axis=-2 raises, naming config.axis; axis=1 (the same axis) computes', () => {
    expect(() => run(rank3, 'tensorflow')).toThrow(/range\(-2\)/);
    try { run(rank3, 'tensorflow'); } catch (e) { expect((e as { field?: string }).field).toBe('config.axis'); }
    const positive = run({ ...rank3, config: { axis: 1, from_logits: true } }, 'tensorflow');
    expectClose(toNested(positive.value), 2.77628259941, F64_TOL);
    for (const b of ['jax', 'torch', 'numpy'] as const) expectClose(toNested(run(rank3, b, 'float32').value), 2.77628255, F32_TOL);
  });

  it('test_cce_tensorflow_negative_axis_on_probabilities_computes: only the from_logits op moves the axis', () => {
    const probs = { ...rank3, config: { axis: -2 }, y_pred: [[[0.2, 0.5, 0.3], [0.3, 0.2, 0.4], [0.5, 0.3, 0.3]], [[0.1, 0.6, 0.2], [0.6, 0.2, 0.4], [0.3, 0.2, 0.4]]] };
    expectClose(toNested(run(probs, 'tensorflow').value), toNested(run(probs, 'jax').value) as number, F64_TOL);
  });

  it('test_cce_metric_tensorflow_negative_axis_from_logits_raises (pub-metric-CategoricalCrossentropy-0002)', () => {
    const req = { kind: 'metric' as const, name: 'CategoricalCrossentropy', config: { from_logits: true, axis: -2 },
      updates: [{ y_true: [[1, 0], [0, 1], [0, 0]], y_pred: [[0.1, 0.2], [0.3, -1], [2, 0.5]] }] };
    expect(() => evaluate(req, { dtype: 'float64', kerasBackend: 'tensorflow' })).toThrow(/softmax_cross_entropy_with_logits/);
    const jax = evaluate(req, { dtype: 'float64', kerasBackend: 'jax' }) as MetricResult;
    expect(jax.snapshots.length).toBe(1);
  });
});

describe('clip backward per backend', () => {
  it('test_cce_jax_gradient_on_a_clip_bound_is_half (B6): p/Σp = 1e-7 exactly; TF and torch pass the full derivative', () => {
    // Σp = 1, r = p. TF/torch: dR = [−1/1e-7, 0, −1/0.4999999], d p_k = dR_k − Σ_j dR_j p_j = dR_k + 2.
    // JAX halves dR_0 on the bound: Σ_j dR_j p_j = −0.5 − 1.
    const c: Call = { name: 'categorical_crossentropy', kind: 'function', y_true: [[1, 0, 1]], y_pred: [[1e-7, 0.5, 0.4999999]] };
    const full = [[-1e7 + 2, 2, -1 / 0.4999999 + 2]];
    const half = [[-5e6 + 1.5, 1.5, -1 / 0.4999999 + 1.5]];
    expectClose(gradOf(run(c, 'tensorflow')), full, GRAD_TOL);
    expectClose(gradOf(run(c, 'torch')), full, GRAD_TOL);
    expectClose(gradOf(run(c, 'jax')), half, GRAD_TOL);
  });

  it('test_cfce_jax_gradient_on_a_clip_bound_is_half: edge-CFCE-bound-007 recorded', () => {
    const c: Call = { name: 'CategoricalFocalCrossentropy', y_true: [[0, 1], [1, 0]], y_pred: [[1e-7, 0.9999999], [0.9999999, 1e-7]] };
    const full = [[3.749999871e-15, -3.750000244e-22], [-3.750000244e-22, 3.749999871e-15]];
    expectClose(gradOf(run(c, 'tensorflow')), full, GRAD_TOL);
    expectClose(gradOf(run(c, 'torch')), full, GRAD_TOL);
    expectClose(gradOf(run(c, 'jax')), full.map((r) => r.map((v) => v / 2)), GRAD_TOL);
  });

  it('test_cce_jax_infinite_target_on_a_clipped_entry_is_nan: JAX multiplies Inf by 0, TF and torch select 0', () => {
    // p = [0.5, 0, 0.5]: the middle entry is clipped (outside), its upstream −Inf/1e-7.
    // TF/torch: dR = [−2, 0, 0], Σ dR·p = −1, d p = dR + 1 = [−1, 1, 1].
    const c: Call = { name: 'categorical_crossentropy', kind: 'function', y_true: [[1, Infinity, 0]], y_pred: [[0.5, 0, 0.5]] };
    expectClose(gradOf(run(c, 'tensorflow')), [[-1, 1, 1]], GRAD_TOL);
    expectClose(gradOf(run(c, 'torch')), [[-1, 1, 1]], GRAD_TOL);
    expectClose(gradOf(run(c, 'jax')), [[NaN, NaN, NaN]], GRAD_TOL);
    const focal = { ...c, name: 'categorical_focal_crossentropy' };
    expect((gradOf(run(focal, 'tensorflow')) as number[][])[0].every(Number.isFinite)).toBe(true);
    expectClose(gradOf(run(focal, 'jax')), [[NaN, NaN, NaN]], GRAD_TOL);
  });
});

describe('non-finite inputs', () => {
  it('test_cce_infinite_probability_makes_its_row_nan_on_every_backend (edge-CCE-inf-pred-003): Σp = Inf reaches every class', () => {
    const c: Call = { name: 'CategoricalCrossentropy', config: { reduction: 'sum' }, y_true: [[1, 0], [1, 0]], y_pred: [[0.692157, 0.307843], [Infinity, 0.296804]] };
    for (const b of AUTODIFF) {
      const r = run(c, b);
      expect(r.value.data[0]).toBeNaN();
      expectClose(gradOf(r), [[-0.4447589203, 1], [NaN, NaN]], GRAD_TOL);
    }
  });

  it('test_cce_zero_weight_on_a_nan_row_keeps_a_nan_gradient: autodiff multiplies the 0 upstream by NaN', () => {
    const c: Call = { name: 'CategoricalCrossentropy', config: { reduction: 'sum' }, y_true: [[1, 0], [0, 1]], y_pred: [[NaN, 0.5], [0.3, 0.7]], sample_weight: [0, 1] };
    for (const b of AUTODIFF) {
      expectClose(gradOf(run(c, b)), [[NaN, NaN], [1, 1 - 1 / 0.7]], GRAD_TOL);
      expectClose((gradOf(run({ ...c, name: 'CategoricalFocalCrossentropy' }, b)) as number[][])[0], [NaN, NaN], GRAD_TOL);
    }
  });

  it('test_cce_numpy_has_no_gradient_but_computes', () => {
    const r = run({ name: 'CategoricalCrossentropy', y_true: [[0, 1]], y_pred: [[0.3, 0.7]] }, 'numpy');
    expect(r.grad ?? null).toBeNull();
    expect(r.gradError).toMatch(/NumPy/);
    expectClose(toNested(r.value), -Math.log(0.7), F32_TOL);
  });
});

describe('per-backend gradients match central finite differences away from kinks', () => {
  const r = rng(4242);
  const draw = (n: number, f: (u: number) => number) => Float64Array.from({ length: n }, () => f(r()));
  const soft = reshape(Array.from(draw(12, (u) => u)), [3, 4]);
  const oneHot = [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]];
  const cases: { what: string; call: Omit<Call, 'y_pred'>; pred: Float64Array; backends: readonly KerasBackend[] }[] = [
    { what: 'CCE unnormalised probabilities, soft labels', call: { name: 'CategoricalCrossentropy', y_true: soft }, pred: draw(12, (u) => 0.2 + u), backends: AUTODIFF },
    { what: 'CCE probabilities, axis=0, label smoothing', call: { name: 'CategoricalCrossentropy', config: { axis: 0, label_smoothing: 0.2 }, y_true: oneHot }, pred: draw(12, (u) => 0.2 + u), backends: AUTODIFF },
    { what: 'CCE logits, one-hot labels (every backend agrees)', call: { name: 'CategoricalCrossentropy', config: { from_logits: true }, y_true: oneHot }, pred: draw(12, (u) => 6 * u - 3), backends: AUTODIFF },
    { what: 'CCE logits, soft labels (JAX, torch)', call: { name: 'CategoricalCrossentropy', config: { from_logits: true }, y_true: soft }, pred: draw(12, (u) => 6 * u - 3), backends: ['jax', 'torch'] },
    { what: 'CFCE probabilities, alpha list, gamma 1.5', call: { name: 'CategoricalFocalCrossentropy', config: { alpha: [0.1, 0.2, 0.3, 0.4], gamma: 1.5 }, y_true: soft }, pred: draw(12, (u) => 0.2 + u), backends: AUTODIFF },
    { what: 'CFCE logits, label smoothing, gamma 0', call: { name: 'CategoricalFocalCrossentropy', config: { from_logits: true, label_smoothing: 0.3, gamma: 0 }, y_true: oneHot }, pred: draw(12, (u) => 6 * u - 3), backends: AUTODIFF },
  ];
  it.each(cases.flatMap((c) => c.backends.map((b) => [`${c.what} on ${b}`, c, b] as const)))('%s', (_label, c, b) => {
    const call = (data: Float64Array) => run({ ...c.call, config: { ...c.call.config, reduction: 'sum' }, y_pred: { shape: [3, 4], data } }, b);
    const numeric = centralDifference((d) => call(d).value.data[0], c.pred);
    expectClose(call(c.pred).grad!.data, numeric, FD_TOL, 'grad');
  });

  it('test_cce_tensorflow_logits_gradient_is_not_the_derivative_when_labels_do_not_sum_to_1', () => {
    const pred = cases[3].pred;
    const tf = run({ ...cases[3].call, config: { from_logits: true, reduction: 'sum' }, y_pred: { shape: [3, 4], data: pred } }, 'tensorflow');
    const y = (soft as number[][]).flat();
    const expected: number[] = [];
    for (let i = 0; i < 3; i++) {
      const sm = softmax(Array.from(pred.subarray(4 * i, 4 * i + 4)));
      for (let k = 0; k < 4; k++) expected.push(sm[k] - y[4 * i + k]);
    }
    expectClose(tf.grad!.data, expected, GRAD_TOL);
  });
});
