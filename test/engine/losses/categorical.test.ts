/**
 * CategoricalCrossentropy / categorical_crossentropy (spec §3.1). Test names follow
 * keras/src/losses/losses_test.py::CategoricalCrossentropyTest.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, fromConfig, type LossResult } from '../../../src/engine';
import { expectClose, kerasAlmostEqual, SPEC_TOL } from '../../helpers/close';
import { DTYPES, fn, grad, loss, scalar, SPEC, value, warningCodes } from '../../helpers/engine';

const { P, Yc } = SPEC;

/** Keras's CCE fixtures: the middle row of CP is not normalised (sums to 1.99). */
const CY = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
const CP = [[0.9, 0.05, 0.05], [0.5, 0.89, 0.6], [0.05, 0.01, 0.94]];
const C_LOGITS = [[8, 1, 1], [0, 9, 1], [2, 3, 5]];

/** Spec §11: the C = 1 label-smoothing case with axis=−2. */
const AXIS_Y = [[1], [0], [0], [1]];
const AXIS_P = [[0.75094], [0.11344], [0.0776994], [0.0579205]];

describe.each(DTYPES)('CategoricalCrossentropy (%s)', (dtype) => {
  const o = { dtype };

  it('test_config: get_config holds name, reduction, from_logits, label_smoothing, axis', () => {
    const r = loss('CategoricalCrossentropy', { name: 'cce', axis: -1 }, Yc, P, o);
    expect(r.config).toEqual({ name: 'cce', reduction: 'sum_over_batch_size', from_logits: false, label_smoothing: 0, axis: -1 });
    expect(fromConfig('loss', 'CategoricalCrossentropy', r.config, 'keras3').config).toEqual(r.config);
  });

  it('test_all_correct_unweighted: one-hot predictions and logits of 10 give ~0', () => {
    expectClose(scalar(loss('CategoricalCrossentropy', {}, CY, CY, o)), 0, kerasAlmostEqual(3));
    const logits = CY.map((row) => row.map((y) => (y ? 10 : 0)));
    expectClose(scalar(loss('CategoricalCrossentropy', { from_logits: true }, CY, logits, o)), 0, kerasAlmostEqual(3));
  });

  it('test_unweighted: 0.3239 on probabilities (rows renormalised), 0.0573 on logits', () => {
    expectClose(scalar(loss('CategoricalCrossentropy', {}, CY, CP, o)), 0.3239, kerasAlmostEqual(3));
    expectClose(scalar(loss('CategoricalCrossentropy', { from_logits: true }, CY, C_LOGITS, o)), 0.0573, kerasAlmostEqual(3));
  });

  it('test_scalar_weighted: sample_weight=2.3 gives 0.7449, and 0.1317 on logits', () => {
    expectClose(scalar(loss('CategoricalCrossentropy', {}, CY, CP, { ...o, sample_weight: 2.3 })), 0.7449, kerasAlmostEqual(3));
    expectClose(scalar(loss('CategoricalCrossentropy', { from_logits: true }, CY, C_LOGITS, { ...o, sample_weight: 2.3 })), 0.1317, kerasAlmostEqual(3));
  });

  it('test_sample_weighted: [[1.2], [3.4], [5.6]] gives 1.0696, and 0.31829 on logits', () => {
    const sw = { ...o, sample_weight: [[1.2], [3.4], [5.6]] };
    expectClose(scalar(loss('CategoricalCrossentropy', {}, CY, CP, sw)), 1.0696, kerasAlmostEqual(3));
    expectClose(scalar(loss('CategoricalCrossentropy', { from_logits: true }, CY, C_LOGITS, sw)), 0.31829, kerasAlmostEqual(3));
  });

  it('test_no_reduction: logits give (0.001822, 0.000459, 0.169846)', () => {
    const v = value(loss('CategoricalCrossentropy', { from_logits: true, reduction: null }, CY, C_LOGITS, o));
    expectClose(v, [0.001822, 0.000459, 0.169846], { rtol: 1e-4, atol: 1e-6 });
  });

  it('test_sum_reduction and the doc examples: 1.1769392, 0.8135988, 2.3538785, [0.051293306, 2.3025851] (spec §11 row 5)', () => {
    expectClose(scalar(loss('CategoricalCrossentropy', {}, Yc, P, o)), 1.1769392, SPEC_TOL);
    expectClose(scalar(loss('CategoricalCrossentropy', {}, Yc, P, { ...o, sample_weight: [0.3, 0.7] })), 0.8135988, SPEC_TOL);
    expectClose(scalar(loss('CategoricalCrossentropy', { reduction: 'sum' }, Yc, P, o)), 2.3538785, SPEC_TOL);
    expectClose(value(loss('CategoricalCrossentropy', { reduction: null }, Yc, P, o)), [0.051293306, 2.3025851], SPEC_TOL);
  });

  it('test_mean_with_sample_weight_reduction: the doc example with weights [0.3, 0.7] gives 1.6271976 (spec §5.2)', () => {
    const r = loss('CategoricalCrossentropy', { reduction: 'mean_with_sample_weight' }, Yc, P, { ...o, sample_weight: [0.3, 0.7] });
    expectClose(scalar(r), 1.6271976, SPEC_TOL);
  });

  it('test_label_smoothing: label_smoothing=0.1 on logits [100, −100, −100] gives 400·0.1/3', () => {
    const r = scalar(loss('CategoricalCrossentropy', { from_logits: true, label_smoothing: 0.1 }, [[1, 0, 0]], [[100, -100, -100]], o));
    expectClose(r, (400 * 0.1) / 3, kerasAlmostEqual(3));
  });

  it('test_label_smoothing: label_smoothing=0.3 on the doc probabilities gives [1.9524175, 2.094641] (spec §11)', () => {
    expectClose(value(loss('CategoricalCrossentropy', { label_smoothing: 0.3, reduction: null }, Yc, P, o)), [1.9524175, 2.094641], SPEC_TOL);
  });

  it('test_label_smoothing with axis=−2 counts the classes on y_true\'s LAST axis (C = 1): 5.5008073 (spec §3.1)', () => {
    const r = loss('CategoricalCrossentropy', { label_smoothing: 0.5, axis: -2, reduction: 'mean_with_sample_weight' }, AXIS_Y, AXIS_P,
      { ...o, sample_weight: [1] });
    expectClose(scalar(r), dtype === 'float64' ? 5.50080760215 : 5.5008073, SPEC_TOL);
  });

  it('renormalises unnormalised probabilities: [1, 2, 1] with target class 1 gives log 2 (spec §11)', () => {
    expectClose(value(fn('categorical_crossentropy', {}, [[0, 1, 0]], [[1, 2, 1]], o)), [Math.LN2], SPEC_TOL);
  });

  it('sums (not averages) over the class axis: soft labels add their terms', () => {
    const v = value(fn('categorical_crossentropy', {}, [[0.5, 0.5, 0]], [[0.25, 0.25, 0.5]], o));
    expectClose(v, [-0.5 * Math.log(0.25) - 0.5 * Math.log(0.25)], SPEC_TOL);
  });

  it('clips the renormalised probability: a true class at p = 0 costs −log(1e-7) = 16.118', () => {
    expectClose(value(fn('categorical_crossentropy', {}, [[1, 0, 0]], [[0, 0.5, 0.5]], o)), [16.118095], SPEC_TOL);
  });

  it('the renormalisation Jacobian reaches every class, even a clipped one: y=[0,1,0], p=[0.05,0.95,0] → [1, −0.0526316, 1]', () => {
    expectClose(grad(fn('categorical_crossentropy', {}, [[0, 1, 0]], [[0.05, 0.95, 0]], o)), [[1, -0.0526316, 1]], SPEC_TOL);
  });

  it('the gradient of Σ CCE over the doc rows is [[1, −0.0526316, 1], [1, 1, −9]] (spec §11)', () => {
    expectClose(grad(loss('CategoricalCrossentropy', { reduction: 'sum' }, Yc, P, o)), [[1, -0.0526316, 1], [1, 1, -9]], SPEC_TOL);
  });

  it('test_from_logits: on JAX the gradient is (Σy)·softmax − y, also when the labels do not sum to 1 (spec §3.1; TensorFlow differs, B5)', () => {
    const z = [[0.3, -1.2, 2.0]];
    const ez = z[0].map(Math.exp);
    const s = ez.reduce((a, b) => a + b);
    const softmax = ez.map((e) => e / s);
    const y = [[1, 1, 0]];
    const r = evaluate({ kind: 'function', name: 'categorical_crossentropy', config: { from_logits: true }, y_true: y, y_pred: z },
      { dtype, kerasBackend: 'jax', grad: true }) as LossResult;
    expectClose(grad(r), [softmax.map((p, k) => 2 * p - y[0][k])], { rtol: 1e-6, atol: 1e-7 });
  });

  it('test_from_logits: logits are not clipped: a class 30 below the leader costs LSE(z) − z ≈ 30, not the 16.118 cap', () => {
    const v = value(fn('categorical_crossentropy', { from_logits: true }, [[0, 1, 0]], [[30, 0, -5]], o)) as number[];
    expectClose(v, [30 + Math.log1p(Math.exp(-30) + Math.exp(-35))], SPEC_TOL);
  });

  it('test_axis: axis=0 treats columns as the class axis (the transposed problem)', () => {
    const byColumn = value(fn('categorical_crossentropy', { axis: 0 }, [[0, 0], [1, 0], [0, 1]], [[0.05, 0.1], [0.95, 0.8], [0, 0.1]], o));
    expectClose(byColumn, [0.051293306, 2.3025851], SPEC_TOL);
  });

  it('test_shape_mismatch: y_true [3, 1] against y_pred [3, 3] raises "must have the same shape"', () => {
    expect(() => loss('CategoricalCrossentropy', {}, [[0], [1], [2]], CP, o)).toThrow(/must have the same shape/);
  });

  it('warns (single_class) when y_pred\'s last axis has size 1, and still computes', () => {
    const r = loss('CategoricalCrossentropy', {}, [[1], [1]], [[0.3], [0.9]], o);
    expect(warningCodes(r)).toContain('single_class');
    expectClose(scalar(r), 0, { rtol: 0, atol: 1e-6 });
  });
});

describe.each(DTYPES)('CategoricalCrossentropy in tf_keras2 semantics (%s, spec §9)', (dtype) => {
  const o = { dtype, semantics: 'tf_keras2' as const };

  it('gives the same doc numbers as Keras 3 on the doc example', () => {
    expectClose(value(loss('CategoricalCrossentropy', { reduction: 'none' }, Yc, P, o)), [0.051293306, 2.3025851], SPEC_TOL);
  });

  it('label smoothing counts the classes along y_true.shape[axis] (§9.11): axis=−2 uses C = 4', () => {
    // targets 0.5·y + 0.125 → [0.625, 0.125, 0.125, 0.625] against the renormalised column.
    const s = AXIS_P.reduce((a, [p]) => a + p, 0);
    const targets = AXIS_Y.map(([y]) => 0.5 * y + 0.125);
    const expected = -targets.reduce((a, t, i) => a + t * Math.log(AXIS_P[i][0] / s), 0);
    const r = loss('CategoricalCrossentropy', { label_smoothing: 0.5, axis: -2, reduction: 'sum' }, AXIS_Y, AXIS_P, { ...o, sample_weight: [1] });
    expectClose(scalar(r), expected, SPEC_TOL);
  });
});
