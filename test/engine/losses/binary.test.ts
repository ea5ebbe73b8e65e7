/**
 * BinaryCrossentropy / binary_crossentropy (spec §2.1). Test names follow Keras's
 * keras/src/losses/losses_test.py::BinaryCrossentropyTest; golden numbers come from that file
 * (checked at Keras's own tolerance) or from the spec's verified tables (§11).
 */
import { describe, expect, it } from 'vitest';
import { fromConfig } from '../../../src/engine';
import {
  EXACT, expectClose, kerasAllClose, kerasAlmostEqual, SPEC_TOL,
} from '../../helpers/close';
import { DTYPES, fn, grad, loss, scalar, SPEC, value, warningCodes } from '../../helpers/engine';

const { Bt, Bp, Y1, Z1, Y2, Z2 } = SPEC;

/** Keras's BCE fixtures. */
const Y_3x3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
const P_3x3 = [[0.9, 0.1, 0.2], [0.3, 0.8, 0.1], [0.1, 0.2, 0.7]];
const Y_2x2 = [[1, 0], [1, 0]];
const P_2x2_SATURATED = [[1, 1], [1, 0]];
const Y_LOGITS = [[1, 0, 1], [0, 1, 1]];
const LOGITS = [[10, -10, 10], [10, 10, -10]];

/** Float32 caps (spec §0): −log(LO) and −log(1 − HI) with HI = 1 − 2^-23. */
const CAP_LO_F32 = 16.118095;
const CAP_HI_F32 = 15.942385;
const CAP_F64 = -Math.log(1e-7);

describe.each(DTYPES)('BinaryCrossentropy (%s)', (dtype) => {
  const o = { dtype };

  it('test_config: get_config holds name, reduction, from_logits, label_smoothing, axis (no dtype)', () => {
    const r = loss('BinaryCrossentropy', { name: 'bce', axis: -1 }, Bt, Bp, o);
    expect(r.config).toEqual({
      name: 'bce', reduction: 'sum_over_batch_size', from_logits: false, label_smoothing: 0, axis: -1,
    });
  });

  it('test_config: from_config(get_config()) round-trips to the same config and the same loss', () => {
    const config = { from_logits: true, label_smoothing: 0.2, reduction: 'sum', name: 'bce' };
    const first = loss('BinaryCrossentropy', config, Y2, Z2, o);
    const again = fromConfig('loss', 'BinaryCrossentropy', first.config, 'keras3');
    expect(again.config).toEqual(first.config);
    expect(scalar(loss('BinaryCrossentropy', again.config, Y2, Z2, o))).toBe(scalar(first));
  });

  it('test_all_correct_unweighted: y_pred = y_true gives ~0, with probabilities and with ±10 logits', () => {
    expectClose(scalar(loss('BinaryCrossentropy', {}, Y_3x3, Y_3x3, o)), 0, kerasAlmostEqual(6));
    const logits = Y_3x3.map((row) => row.map((y) => (y ? 10 : -10)));
    expectClose(scalar(loss('BinaryCrossentropy', { from_logits: true }, Y_3x3, logits, o)), 0, kerasAlmostEqual(4));
  });

  it('test_unweighted: 0.20046903 on the 3x3 fixture', () => {
    expectClose(scalar(loss('BinaryCrossentropy', {}, Y_3x3, P_3x3, o)), 0.20046903, SPEC_TOL);
  });

  it('test_unweighted: saturated predictions hit the clip caps (3.98559 in float32, 4.0295 in float64)', () => {
    // Row 0 holds one p = 1 with y = 0: −log(1 − HI), which is 15.942385 in float32 but 16.118 in float64.
    const r = scalar(loss('BinaryCrossentropy', {}, Y_2x2, P_2x2_SATURATED, o));
    if (dtype === 'float32') expectClose(r, 3.98559, kerasAlmostEqual(3));
    else expectClose(r, (CAP_F64 + 2e-7 + 1e-7) / 4, SPEC_TOL);
  });

  it('test_unweighted: from_logits gives 3.3333', () => {
    expectClose(scalar(loss('BinaryCrossentropy', { from_logits: true }, Y_LOGITS, LOGITS, o)), 10 / 3, kerasAlmostEqual(3));
  });

  it('test_scalar_weighted: sample_weight=2.3 scales the loss (9.1668; logits 7.666)', () => {
    const sw = { ...o, sample_weight: 2.3 };
    if (dtype === 'float32') expectClose(scalar(loss('BinaryCrossentropy', {}, Y_2x2, P_2x2_SATURATED, sw)), 9.1668, kerasAlmostEqual(3));
    expectClose(scalar(loss('BinaryCrossentropy', { from_logits: true }, Y_LOGITS, LOGITS, sw)), 7.666, kerasAlmostEqual(3));
  });

  it('test_sample_weighted: [[1.2], [3.4]] gives 4.7827; logits with weights [4, 3] give 10.0', () => {
    if (dtype === 'float32') {
      expectClose(scalar(loss('BinaryCrossentropy', {}, Y_2x2, P_2x2_SATURATED, { ...o, sample_weight: [[1.2], [3.4]] })), 4.7827, kerasAlmostEqual(3));
    }
    expectClose(scalar(loss('BinaryCrossentropy', { from_logits: true }, Y_LOGITS, LOGITS, { ...o, sample_weight: [4, 3] })), 10, kerasAlmostEqual(3));
  });

  it('test_no_reduction: reduction=None returns the per-sample values [0, 6.666]', () => {
    const v = value(loss('BinaryCrossentropy', { from_logits: true, reduction: null }, Y_LOGITS, LOGITS, o));
    expectClose(v, [0, 6.666], kerasAllClose(1e-3));
  });

  it('test_sum_reduction: reduction="sum" of the doc logits is 1.730916 (spec §11 row 17)', () => {
    expectClose(scalar(loss('BinaryCrossentropy', { from_logits: true, reduction: 'sum' }, Y2, Z2, o)), 1.730916, SPEC_TOL);
  });

  it('test_mean_with_sample_weight_reduction: divides the weighted sum by Σw', () => {
    const w = [0.8, 0.2];
    const v = value(loss('BinaryCrossentropy', { from_logits: true, reduction: 'none' }, Y2, Z2, o)) as number[];
    const r = scalar(loss('BinaryCrossentropy', { from_logits: true, reduction: 'mean_with_sample_weight' }, Y2, Z2, { ...o, sample_weight: w }));
    expectClose(r, (v[0] * w[0] + v[1] * w[1]) / (w[0] + w[1]), SPEC_TOL);
  });

  it('test_label_smoothing: label_smoothing=0.1 squeezes labels toward 0.5, giving (10 + 5·0.1)/3', () => {
    const r = scalar(loss('BinaryCrossentropy', { from_logits: true, label_smoothing: 0.1 }, [[1, 0, 1]], [[10, -10, -10]], o));
    expectClose(r, (10 + 5 * 0.1) / 3, kerasAlmostEqual(3));
  });

  it('test_label_smoothing: label_smoothing=0.2 on the doc probabilities gives [0.8757442, 0.7135582] (spec §11)', () => {
    expectClose(value(loss('BinaryCrossentropy', { label_smoothing: 0.2, reduction: null }, Bt, Bp, o)), [0.8757442, 0.7135582], SPEC_TOL);
  });

  it('test_from_logits: the doc logits give 0.865458 for rank 1 and rank 2 inputs (spec §11 rows 14-15)', () => {
    expectClose(scalar(loss('BinaryCrossentropy', { from_logits: true }, Y1, Z1, o)), 0.865458, SPEC_TOL);
    expectClose(scalar(loss('BinaryCrossentropy', { from_logits: true }, Y2, Z2, o)), 0.865458, SPEC_TOL);
  });

  it('test_from_logits: sample_weight=[0.8, 0.2] gives 0.2436386, reduction=None [0.23515666, 1.4957594]', () => {
    expectClose(scalar(loss('BinaryCrossentropy', { from_logits: true }, Y2, Z2, { ...o, sample_weight: [0.8, 0.2] })), 0.2436386, SPEC_TOL);
    expectClose(value(loss('BinaryCrossentropy', { from_logits: true, reduction: null }, Y2, Z2, o)), [0.23515666, 1.4957594], SPEC_TOL);
  });

  it('test_from_logits: logits are not clipped, so ±30 logits cost 30 each (spec §11, not the 16.118 cap)', () => {
    const v = value(loss('BinaryCrossentropy', { from_logits: true, reduction: null }, [[1], [0]], [[-30], [30]], o));
    expectClose(v, [30, 30], SPEC_TOL);
  });

  it('test_from_logits: the gradient is (σ(z) − y)/D, exactly 0.5 − y at z = 0', () => {
    const g = grad(fn('binary_crossentropy', { from_logits: true }, [[0, 1]], [[0, 0]], o));
    expectClose(g, [[0.25, -0.25]], EXACT);
  });

  it('averages (not sums) over the feature axis: the per-sample value is the mean of the entries', () => {
    const v = value(fn('binary_crossentropy', {}, [[0, 1, 1, 0]], [[0.2, 0.7, 0.9, 0.4]], o)) as number[];
    const e = [-Math.log(0.8), -Math.log(0.7), -Math.log(0.9), -Math.log(0.6)];
    expectClose(v, [e.reduce((a, b) => a + b) / 4], SPEC_TOL);
  });

  it('treats a rank-1 input as one sample with D features, returned unreduced even with reduction="sum" (spec §1.4)', () => {
    const r = loss('BinaryCrossentropy', { from_logits: true, reduction: 'sum' }, Y1, Z1, o);
    expect(r.value.shape).toEqual([]);
    expectClose(scalar(r), 0.865458, SPEC_TOL);
  });

  it('aligns y_true [B] with y_pred [B, 1] by expanding y_true, so per-sample values have shape [B]', () => {
    const r = loss('BinaryCrossentropy', { reduction: 'none' }, [0, 1], [[0.1], [0.2]], o);
    expect(r.value.shape).toEqual([2]);
    expectClose(value(r), [-Math.log(0.9), -Math.log(0.2)], SPEC_TOL);
  });

  it('test_axis: axis=0 averages down the columns (the transposed problem)', () => {
    const byColumn = value(loss('BinaryCrossentropy', { axis: 0, reduction: 'none' }, Bt, Bp, o));
    const transposed = value(loss('BinaryCrossentropy', { reduction: 'none' }, [[0, 0], [1, 0]], [[0.6, 0.4], [0.4, 0.6]], o));
    expectClose(byColumn, transposed, SPEC_TOL);
    expectClose(byColumn, [0.7135582, 0.91629076], SPEC_TOL);
  });

  it('binary_crossentropy(Bt, Bp) is [0.91629076, 0.7135582] (spec §11 row 33)', () => {
    expectClose(value(fn('binary_crossentropy', {}, Bt, Bp, o)), [0.91629076, 0.7135582], SPEC_TOL);
  });

  it('clips probabilities: p = 0 with y = 1 costs −log(1e-7) = 16.118 and p = 1 with y = 1 costs −log(HI), not 0', () => {
    const v = value(fn('binary_crossentropy', {}, [[1], [1], [0]], [[0], [1], [1]], o)) as number[];
    expectClose(v[0], CAP_LO_F32, SPEC_TOL);
    expectClose(v[1], dtype === 'float32' ? 1.1920929e-7 : 1.00000005e-7, { rtol: 1e-6, atol: 0 });
    expectClose(v[2], dtype === 'float32' ? CAP_HI_F32 : CAP_F64, SPEC_TOL);
  });

  it('passes no gradient where the probability is clipped (p = 0 or p = 1 exactly)', () => {
    const g = grad(fn('binary_crossentropy', {}, [[1, 0, 1, 0]], [[0, 1, 1.2, -0.1]], o));
    expectClose(g, [[0, 0, 0, 0]], EXACT);
  });

  it('test_shape_mismatch: y_true [3, 1] against y_pred [3, 3] raises "must have the same shape"', () => {
    expect(() => loss('BinaryCrossentropy', {}, [[0], [1], [1]], [[0.9, 0.05, 0.05], [0.5, 0.89, 0.6], [0.05, 0.01, 0.94]], o))
      .toThrow(/must have the same shape/);
  });

  it('test_dtype_arg: dtype="float32" in the config computes in float32 whatever the global dtype', () => {
    const r = loss('BinaryCrossentropy', { dtype: 'float32' }, Y_2x2, P_2x2_SATURATED, { dtype: 'float64' });
    expect(r.dtype).toBe('float32');
    expectClose(scalar(r), 3.98559, kerasAlmostEqual(3));
  });

  it('accepts label_smoothing outside [0, 1] (Keras does not check it) with a label_smoothing_range warning', () => {
    const r = loss('BinaryCrossentropy', { label_smoothing: 5 }, Bt, Bp, o);
    expect(Number.isFinite(scalar(r))).toBe(true);
    expect(warningCodes(r)).toContain('label_smoothing_range');
  });
});

describe.each(DTYPES)('BinaryCrossentropy in tf_keras2 semantics (%s, spec §9)', (dtype) => {
  const o = { dtype, semantics: 'tf_keras2' as const };

  it("defaults to reduction 'auto' (sum_over_batch_size) and stores 'auto' in the config", () => {
    const r = loss('BinaryCrossentropy', {}, Bt, Bp, o);
    expect(r.config.reduction).toBe('auto');
    expectClose(scalar(r), (0.91629048 + 0.71355818) / 2, SPEC_TOL);
  });

  it('adds ε inside both logs: the cap is −log(2ε) ≈ 15.42 instead of 16.118', () => {
    const v = value(fn('binary_crossentropy', {}, [[1]], [[0]], o)) as number[];
    expectClose(v, [-Math.log(2e-7)], { rtol: 1e-6, atol: 0 });
  });

  it('binary_crossentropy(Bt, Bp) is −log(0.4 + ε)-flavoured: [0.9162905, 0.7135582] (the doc digits of §9.2)', () => {
    const v = value(fn('binary_crossentropy', {}, Bt, Bp, o)) as number[];
    expectClose(v[0], -Math.log(0.4 + 1e-7), { rtol: 1e-6, atol: 0 });
    expectClose(v[1], (-Math.log(0.6 + 1e-7) - Math.log(0.4 + 1e-7)) / 2, { rtol: 1e-6, atol: 0 });
  });

  it('squeezes y_pred [B, 1] to [B] against y_true [B]: one scalar per batch, and "sum" returns the mean (§9.7)', () => {
    const r = loss('BinaryCrossentropy', { reduction: 'sum' }, [0, 1], [[0.1], [0.2]], o);
    expect(r.value.shape).toEqual([]);
    expectClose(scalar(r), (-Math.log(0.9 + 1e-7) - Math.log(0.2 + 1e-7)) / 2, { rtol: 1e-6, atol: 0 });
  });

  it('has no dtype argument on loss objects (§9.8)', () => {
    expect(() => loss('BinaryCrossentropy', { dtype: 'float32' }, Bt, Bp, o)).toThrow(/dtype/);
  });
});
