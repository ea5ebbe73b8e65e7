/**
 * BinaryFocalCrossentropy / binary_focal_crossentropy (spec §2.2) and
 * CategoricalFocalCrossentropy / categorical_focal_crossentropy (spec §3.2). Test names follow
 * keras/src/losses/losses_test.py::{BinaryFocal,CategoricalFocal}CrossentropyTest.
 */
import { describe, expect, it } from 'vitest';
import { fromConfig } from '../../../src/engine';
import { EXACT, expectClose, KERAS_ALL_CLOSE, kerasAlmostEqual, SPEC_TOL } from '../../helpers/close';
import { DTYPES, fn, grad, loss, scalar, SPEC, value } from '../../helpers/engine';

const { Bt, Bp, Y1, Z1, Y2, Z2, P, Yc } = SPEC;

/** Keras's BFCE fixtures. */
const BY = [[1, 0], [1, 0]];
const BP = [[0.9, 0.8], [0.7, 0.2]];
const BY_LOGITS = [[1, 1, 0], [0, 1, 0]];
const B_LOGITS = [[1.5, -2.7, 2.9], [-3.8, 1.2, -4.5]];

/** Keras's CFCE (and CCE) fixtures: the middle row is not normalised (sums to 1.99). */
const CY = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
const CP = [[0.9, 0.05, 0.05], [0.5, 0.89, 0.6], [0.05, 0.01, 0.94]];
const C_LOGITS = [[8, 1, 1], [0, 9, 1], [2, 3, 5]];

const CAP = -Math.log(1e-7);

describe.each(DTYPES)('BinaryFocalCrossentropy (%s)', (dtype) => {
  const o = { dtype };

  it('test_config: get_config holds the BCE keys plus apply_class_balancing, alpha, gamma', () => {
    const r = loss('BinaryFocalCrossentropy', { name: 'bfce' }, Bt, Bp, o);
    expect(r.config).toEqual({
      name: 'bfce', reduction: 'sum_over_batch_size', from_logits: false, label_smoothing: 0, axis: -1,
      apply_class_balancing: false, alpha: 0.25, gamma: 2,
    });
    const back = fromConfig('loss', 'BinaryFocalCrossentropy', r.config, 'keras3');
    expect(back.config).toEqual(r.config);
  });

  it('test_all_correct_unweighted: y_pred = y_true (gamma=1.5) and ±100 logits give ~0', () => {
    expectClose(scalar(loss('BinaryFocalCrossentropy', { gamma: 1.5 }, CY, CY, o)), 0, kerasAlmostEqual(3));
    const logits = CY.map((row) => row.map((y) => (y ? 100 : -100)));
    expectClose(scalar(loss('BinaryFocalCrossentropy', { gamma: 2, from_logits: true }, CY, logits, o)), 0, kerasAlmostEqual(3));
  });

  it('test_unweighted: 0.268 on probabilities (gamma=2) and 0.799 on logits (gamma=3)', () => {
    expectClose(scalar(loss('BinaryFocalCrossentropy', { gamma: 2 }, BY, BP, o)), 0.268, kerasAlmostEqual(3));
    expectClose(scalar(loss('BinaryFocalCrossentropy', { gamma: 3, from_logits: true }, BY_LOGITS, B_LOGITS, o)), 0.799, kerasAlmostEqual(3));
  });

  it('test_scalar_weighted: 0.3296 with sample_weight=1.23, 2.565 on logits with 3.21', () => {
    expectClose(scalar(loss('BinaryFocalCrossentropy', { gamma: 2 }, BY, BP, { ...o, sample_weight: 1.23 })), 0.3296, kerasAlmostEqual(3));
    expectClose(scalar(loss('BinaryFocalCrossentropy', { gamma: 3, from_logits: true }, BY_LOGITS, B_LOGITS, { ...o, sample_weight: 3.21 })), 2.565, kerasAlmostEqual(3));
  });

  it('test_sample_weighted: [[1.2], [3.4]] gives 0.34415, and 0.95977 on logits', () => {
    const sw = { ...o, sample_weight: [[1.2], [3.4]] };
    expectClose(scalar(loss('BinaryFocalCrossentropy', { gamma: 2 }, BY, BP, sw)), 0.34415, kerasAlmostEqual(3));
    expectClose(scalar(loss('BinaryFocalCrossentropy', { gamma: 3, from_logits: true }, BY_LOGITS, B_LOGITS, sw)), 0.95977, kerasAlmostEqual(3));
  });

  it('test_no_reduction: reduction=None gives (0.515547, 0.020513)', () => {
    expectClose(value(loss('BinaryFocalCrossentropy', { gamma: 2, reduction: null }, BY, BP, o)), [0.515547, 0.020513], KERAS_ALL_CLOSE);
  });

  it('the Keras docstring examples (spec §11 rows 19-28) hold to 1e-5', () => {
    const bfce = (config: Record<string, unknown>, y: typeof Y1 | typeof Y2, z: typeof Z1 | typeof Z2, sample_weight?: number[]) =>
      loss('BinaryFocalCrossentropy', { from_logits: true, ...config }, y, z, { ...o, sample_weight });
    const bal = { apply_class_balancing: true };
    expectClose(scalar(bfce({ gamma: 2 }, Y1, Z1)), 0.6912119, SPEC_TOL);
    expectClose(scalar(bfce({ gamma: 2, ...bal }, Y1, Z1)), 0.51013315, SPEC_TOL);
    expectClose(scalar(bfce({ gamma: 3 }, Y2, Z2)), 0.64699477, SPEC_TOL);
    expectClose(scalar(bfce({ gamma: 3, ...bal }, Y2, Z2)), 0.48214105, SPEC_TOL);
    expectClose(scalar(bfce({ gamma: 3 }, Y2, Z2, [0.8, 0.2])), 0.13312496, SPEC_TOL);
    expectClose(scalar(bfce({ gamma: 3, ...bal }, Y2, Z2, [0.8, 0.2])), 0.09735972, SPEC_TOL);
    expectClose(scalar(bfce({ gamma: 4, reduction: 'sum' }, Y2, Z2)), 1.2218801, SPEC_TOL);
    expectClose(scalar(bfce({ gamma: 4, reduction: 'sum', ...bal }, Y2, Z2)), 0.9140801, SPEC_TOL);
    expectClose(value(bfce({ gamma: 5, reduction: null }, Y2, Z2)), [0.001748373, 1.156102], SPEC_TOL);
    expectClose(value(bfce({ gamma: 5, reduction: null, ...bal }, Y2, Z2)), [4.370932e-4, 8.6707646e-1], SPEC_TOL);
  });

  it('binary_focal_crossentropy(Bt, Bp, gamma=2) is [0.32986468, 0.20579839] (spec §11 row 34)', () => {
    expectClose(value(fn('binary_focal_crossentropy', { gamma: 2 }, Bt, Bp, o)), [0.32986468, 0.20579839], SPEC_TOL);
  });

  it('test_label_smoothing: balancing and p_t use the smoothed labels: [0.01122674, 0.07509215] (spec §11)', () => {
    const r = loss('BinaryFocalCrossentropy', { apply_class_balancing: true, label_smoothing: 0.1, reduction: null },
      [[0, 1], [1, 0]], [[0.2, 0.7], [0.6, 0.5]], o);
    expectClose(value(r), [0.01122674, 0.07509215], SPEC_TOL);
  });

  it('binary_focal_crossentropy with gamma=0 (no balancing) equals binary_crossentropy', () => {
    expectClose(value(fn('binary_focal_crossentropy', { gamma: 0 }, Bt, Bp, o)), value(fn('binary_crossentropy', {}, Bt, Bp, o)), { rtol: 1e-12, atol: 0 });
  });

  it('ignores alpha unless apply_class_balancing=True', () => {
    const a = value(fn('binary_focal_crossentropy', { alpha: 0.9 }, Bt, Bp, o));
    const b = value(fn('binary_focal_crossentropy', { alpha: 0.1 }, Bt, Bp, o));
    expect(a).toEqual(b);
    const c = value(fn('binary_focal_crossentropy', { alpha: 0.9, apply_class_balancing: true }, Bt, Bp, o));
    expect(c).not.toEqual(a);
  });

  it('apply_class_balancing weights positives by alpha and negatives by 1 − alpha', () => {
    // One positive, one negative entry in separate samples, so each per-sample value carries one weight.
    const plain = value(fn('binary_focal_crossentropy', {}, [[1], [0]], [[0.3], [0.6]], o)) as number[];
    const bal = value(fn('binary_focal_crossentropy', { apply_class_balancing: true, alpha: 0.7 }, [[1], [0]], [[0.3], [0.6]], o)) as number[];
    expectClose(bal, [0.7 * plain[0], 0.3 * plain[1]], { rtol: 1e-6, atol: 0 });
  });

  it('p_t uses the unclipped p: p = 0 with y = 0 has focal factor 0^gamma = 0, so the entry costs exactly 0', () => {
    expect(value(fn('binary_focal_crossentropy', { gamma: 2 }, [[0]], [[0]], o))).toEqual([0]);
  });

  it('uses pow(0, 0) = 1: with gamma=0 a perfect prediction still costs the clipped BCE, not 0', () => {
    const v = value(fn('binary_focal_crossentropy', { gamma: 0 }, [[0]], [[0]], o)) as number[];
    expect(v[0]).toBeGreaterThan(0);
    expectClose(v, value(fn('binary_crossentropy', {}, [[0]], [[0]], o)), { rtol: 1e-12, atol: 0 });
  });

  it('when p is clipped only the focal-factor term of the gradient survives: y=1, p=0, gamma=2 gives −2·16.118', () => {
    const g = grad(fn('binary_focal_crossentropy', { gamma: 2 }, [[1]], [[0]], o)) as number[][];
    expectClose(g[0][0], -2 * CAP, SPEC_TOL);
  });

  it('torch defines the focal term of the gradient as 0 at gamma=0 (its pow_backward; jax and TensorFlow autodiff give NaN at q = 0)', () => {
    const g = grad(fn('binary_focal_crossentropy', { gamma: 0 }, [[0]], [[0]], { ...o, kerasBackend: 'torch' }));
    expectClose(g, [[0]], EXACT);
  });

  it('test_from_logits on jax: applies the sigmoid first, then the clipped probability BCE (a −30 logit caps at 16.118)', () => {
    const v = value(fn('binary_focal_crossentropy', { gamma: 0, from_logits: true }, [[1]], [[-30]], { ...o, kerasBackend: 'jax' })) as number[];
    expectClose(v, [CAP], SPEC_TOL);
  });
});

describe.each(DTYPES)('BinaryFocalCrossentropy in tf_keras2 semantics (%s, spec §9.3)', (dtype) => {
  const o = { dtype, semantics: 'tf_keras2' as const };

  it('from_logits uses the stable logits BCE: a −30 logit with y = 1 costs 30, not the 16.118 cap', () => {
    expectClose(value(fn('binary_focal_crossentropy', { gamma: 0, from_logits: true }, [[1]], [[-30]], o)), [30], SPEC_TOL);
    expectClose(value(fn('binary_focal_crossentropy', { gamma: 2, from_logits: true }, [[1]], [[-30]], o)), [30], SPEC_TOL);
  });

  it('from_logits agrees with Keras 3 away from saturation (the doc example, 1e-5)', () => {
    const k2 = scalar(loss('BinaryFocalCrossentropy', { gamma: 2, from_logits: true }, [[0, 1, 0, 0]], [[-1.6, 0.51, 2.94, -1.8]], o));
    const k3 = scalar(loss('BinaryFocalCrossentropy', { gamma: 2, from_logits: true }, [[0, 1, 0, 0]], [[-1.6, 0.51, 2.94, -1.8]], { dtype }));
    expectClose(k2, k3, { rtol: 1e-5, atol: 0 });
  });

  it('with probabilities uses the ε-inside-the-logs BCE of §9.2 (cap −log(2ε))', () => {
    expectClose(value(fn('binary_focal_crossentropy', { gamma: 0 }, [[1]], [[0]], o)), [-Math.log(2e-7)], { rtol: 1e-6, atol: 0 });
  });
});

describe.each(DTYPES)('CategoricalFocalCrossentropy (%s)', (dtype) => {
  const o = { dtype };

  it('test_config: get_config holds name, reduction, from_logits, label_smoothing, axis, alpha, gamma', () => {
    const r = loss('CategoricalFocalCrossentropy', { name: 'cfce' }, Yc, P, o);
    expect(r.config).toEqual({
      name: 'cfce', reduction: 'sum_over_batch_size', from_logits: false, label_smoothing: 0, axis: -1, alpha: 0.25, gamma: 2,
    });
    const withList = loss('CategoricalFocalCrossentropy', { alpha: [0.1, 0.5, 0.4] }, Yc, P, o).config;
    expect(fromConfig('loss', 'CategoricalFocalCrossentropy', withList, 'keras3').config).toEqual(withList);
  });

  it('test_all_correct_unweighted: one-hot predictions and ±10 logits give ~0', () => {
    expectClose(scalar(loss('CategoricalFocalCrossentropy', { alpha: 0.25, gamma: 2 }, CY, CY, o)), 0, kerasAlmostEqual(3));
    const logits = CY.map((row) => row.map((y) => (y ? 10 : 0)));
    expectClose(scalar(loss('CategoricalFocalCrossentropy', { from_logits: true }, CY, logits, o)), 0, kerasAlmostEqual(3));
  });

  it('test_unweighted: 0.02059 on probabilities, 0.000345 on logits', () => {
    expectClose(scalar(loss('CategoricalFocalCrossentropy', {}, CY, CP, o)), 0.02059, kerasAlmostEqual(3));
    expectClose(scalar(loss('CategoricalFocalCrossentropy', { from_logits: true }, CY, C_LOGITS, o)), 0.000345, kerasAlmostEqual(3));
  });

  it('test_scalar_weighted: sample_weight=2.3 gives 0.047368, and 0.000794 on logits', () => {
    expectClose(scalar(loss('CategoricalFocalCrossentropy', {}, CY, CP, { ...o, sample_weight: 2.3 })), 0.047368, kerasAlmostEqual(3));
    expectClose(scalar(loss('CategoricalFocalCrossentropy', { from_logits: true }, CY, C_LOGITS, { ...o, sample_weight: 2.3 })), 0.000794, kerasAlmostEqual(4));
  });

  it('test_sample_weighted: [[1.2], [3.4], [5.6]] gives 0.06987, and 0.001933 on logits', () => {
    const sw = { ...o, sample_weight: [[1.2], [3.4], [5.6]] };
    expectClose(scalar(loss('CategoricalFocalCrossentropy', {}, CY, CP, sw)), 0.06987, kerasAlmostEqual(3));
    expectClose(scalar(loss('CategoricalFocalCrossentropy', { from_logits: true }, CY, C_LOGITS, sw)), 0.001933, kerasAlmostEqual(3));
  });

  it('test_no_reduction: logits give (1.5096224e-09, 2.4136547e-11, 1.0360638e-03)', () => {
    const v = value(loss('CategoricalFocalCrossentropy', { from_logits: true, reduction: null }, CY, C_LOGITS, o));
    expectClose(v, [1.5096224e-9, 2.4136547e-11, 1.0360638e-3], { rtol: 1e-4, atol: 1e-12 });
  });

  it('test_label_smoothing: label_smoothing=0.1 on logits [4.9, −0.5, 2.05] gives 0.06685', () => {
    const r = scalar(loss('CategoricalFocalCrossentropy', { from_logits: true, label_smoothing: 0.1 }, [[1, 0, 0]], [[4.9, -0.5, 2.05]], o));
    expectClose(r, 0.06685, kerasAlmostEqual(3));
  });

  it('the Keras docstring examples (spec §11 rows 29-32) hold to 1e-5', () => {
    const y = [[0, 1, 0], [0, 0, 1]];
    expectClose(scalar(loss('CategoricalFocalCrossentropy', {}, y, P, o)), 0.23315276, SPEC_TOL);
    expectClose(scalar(loss('CategoricalFocalCrossentropy', {}, y, P, { ...o, sample_weight: [0.3, 0.7] })), 0.16320053, SPEC_TOL);
    expectClose(scalar(loss('CategoricalFocalCrossentropy', { reduction: 'sum' }, y, P, o)), 0.46630552, SPEC_TOL);
    expectClose(value(loss('CategoricalFocalCrossentropy', { reduction: null }, y, P, o)), [3.2058331e-5, 4.6627346e-1], SPEC_TOL);
  });

  it('categorical_focal_crossentropy(Yc, …) is [2.6340148e-04, 6.7591208e-01] (spec §11 row 35)', () => {
    const v = value(fn('categorical_focal_crossentropy', {}, Yc, [[0.05, 0.9, 0.05], [0.1, 0.85, 0.05]], o));
    expectClose(v, [2.6340148e-4, 6.7591208e-1], SPEC_TOL);
  });

  it('test_alpha_list: a per-class alpha with gamma=1.5 and label_smoothing=0.2 gives [0.08550031, 0.07801944] (spec §11)', () => {
    const r = loss('CategoricalFocalCrossentropy', { alpha: [0.1, 0.5, 0.4], gamma: 1.5, label_smoothing: 0.2, reduction: null },
      [[0, 1, 0], [1, 0, 0]], [[0.2, 0.7, 0.1], [0.6, 0.5, 0.3]], o);
    expectClose(value(r), [0.08550031, 0.07801944], SPEC_TOL);
  });

  it('for one-hot labels only the true class counts: alpha·(1 − r)^gamma·(−log r) with r renormalised', () => {
    const v = value(fn('categorical_focal_crossentropy', { alpha: 0.4, gamma: 3 }, [[0, 0, 1]], [[1, 2, 2]], o)) as number[];
    const r = 2 / 5;
    expectClose(v, [0.4 * (1 - r) ** 3 * -Math.log(r)], { rtol: 1e-6, atol: 0 });
  });

  it('always applies alpha (no balancing switch): the defaults are 0.25 × CCE when gamma=0', () => {
    const cce = value(fn('categorical_crossentropy', {}, Yc, P, o)) as number[];
    expectClose(value(fn('categorical_focal_crossentropy', { gamma: 0 }, Yc, P, o)), cce.map((v) => 0.25 * v), { rtol: 1e-6, atol: 0 });
  });

  it('categorical_focal_crossentropy with gamma=0 and alpha=1 equals categorical_crossentropy', () => {
    for (const from_logits of [false, true]) {
      const yPred = from_logits ? C_LOGITS.map((r) => r.map((z) => z / 4)) : CP;
      expectClose(
        value(fn('categorical_focal_crossentropy', { gamma: 0, alpha: 1, from_logits }, CY, yPred, o)),
        value(fn('categorical_crossentropy', { from_logits }, CY, yPred, o)),
        { rtol: 1e-6, atol: 1e-9 },
      );
    }
  });

  it('has no shape check: y_true [1, 3] broadcasts against y_pred [2, 3]', () => {
    const v = value(fn('categorical_focal_crossentropy', {}, [[0, 1, 0]], P, o));
    expectClose(v, value(fn('categorical_focal_crossentropy', {}, [[0, 1, 0], [0, 1, 0]], P, o)), { rtol: 0, atol: 0 });
  });

  it.each(['keras3', 'tf_keras2'] as const)('test_label_smoothing with axis=−2 counts C on y_true\'s last axis (C = 1) in %s (§3.2, §9.11)', (semantics) => {
    const yTrue = [[1], [0], [0], [1]];
    const yPred = [[0.75094], [0.11344], [0.0776994], [0.0579205]];
    const s = yPred.reduce((acc, [p]) => acc + p, 0);
    const expected = yTrue.reduce((acc, [y], j) => {
      const r = yPred[j][0] / s;
      return acc + 0.25 * (1 - r) ** 2 * -(0.5 * y + 0.5) * Math.log(r);
    }, 0);
    expectClose(value(fn('categorical_focal_crossentropy', { label_smoothing: 0.5, axis: -2 }, yTrue, yPred, { ...o, semantics })), [expected], SPEC_TOL);
  });

  it('test_axis: axis=0 reduces down the columns (the transposed problem)', () => {
    const byColumn = value(fn('categorical_focal_crossentropy', { axis: 0 }, [[0, 0], [1, 0], [0, 1]], [[0.05, 0.1], [0.95, 0.8], [0, 0.1]], o));
    expectClose(byColumn, [3.2058331e-5, 4.6627346e-1], SPEC_TOL);
  });
});
