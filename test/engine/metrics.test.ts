/**
 * Metric classes (spec §5): BinaryCrossentropy, CategoricalCrossentropy,
 * SparseCategoricalCrossentropy, KLDivergence, Poisson as a running weighted mean.
 * Test names follow keras/src/metrics/probabilistic_metrics_test.py.
 */
import { describe, expect, it } from 'vitest';
import { EngineError, Metric } from '../../src/engine';
import { expectClose, kerasAllClose, SPEC_TOL } from '../helpers/close';
import { DTYPES, fn, loss, metric, scalar, SPEC, value } from '../helpers/engine';

const { P, Ys, Yc, Bt, Bp } = SPEC;
const KERAS_ATOL_1E3 = kerasAllClose(1e-3);

const KL_Y = [[0.5, 0.8, 0.12], [0.7, 0.43, 0.8]];
const KL_P = [[0.4, 0.9, 0.12], [0.36, 0.3, 0.4]];
const KL_ROWS = KL_Y.map((row, i) => row.reduce((acc, y, j) => acc + y * Math.log(y / KL_P[i][j]), 0));

const PO_P = [[1, 9, 2], [5, 2, 6]];
const PO_Y = [[4, 8, 12], [8, 1, 3]];
const PO_ROWS = PO_P.map((row, i) => row.reduce((acc, p, j) => acc + p - PO_Y[i][j] * Math.log(p), 0) / 3);

const CCE_LOGITS = [[1, 9, 0], [1, 8, 1]];

describe.each(DTYPES)('metric classes (%s)', (dtype) => {
  const o = { dtype };
  const once = (name: string, config: Record<string, unknown>, y_true: unknown, y_pred: unknown, sample_weight?: unknown) =>
    metric(name, config, [{ y_true, y_pred, sample_weight } as never], o).results[0];

  describe('KLDivergence', () => {
    it('test_config: get_config holds name and dtype; from_config restores them', () => {
      const m = new Metric('KLDivergence', { name: 'kld', dtype: 'float64' }, 'keras3', dtype);
      expect(m.getConfig()).toEqual({ name: 'kld', dtype: 'float64' });
      expect(Metric.fromConfig('KLDivergence', m.getConfig()).getConfig()).toEqual(m.getConfig());
      expect(new Metric('KLDivergence').getConfig()).toEqual({ name: 'kl_divergence', dtype: 'float32' });
    });
    it('test_unweighted: Σ y·log(y/p) per sample, averaged over the samples', () => {
      expectClose(once('KLDivergence', {}, KL_Y, KL_P), (KL_ROWS[0] + KL_ROWS[1]) / 2, KERAS_ATOL_1E3);
    });
    it('test_weighted: [[1.2], [3.4]] divides by Σw = 4.6', () => {
      expectClose(once('KLDivergence', {}, KL_Y, KL_P, [[1.2], [3.4]]), (1.2 * KL_ROWS[0] + 3.4 * KL_ROWS[1]) / 4.6, SPEC_TOL);
    });
    it('the doc example: 0.45814306, then 0.9162892 with sample_weight=[1, 0] (spec §11 rows 10-11)', () => {
      expectClose(once('KLDivergence', {}, Bt, Bp), 0.45814306, SPEC_TOL);
      expectClose(once('KLDivergence', {}, Bt, Bp, [1, 0]), 0.9162892, SPEC_TOL);
    });
  });

  describe('Poisson', () => {
    it('test_config: get_config holds name and dtype', () => {
      const m = new Metric('Poisson', { name: 'poisson' }, 'keras3', dtype);
      expect(m.getConfig()).toEqual({ name: 'poisson', dtype: 'float32' });
      expect(Metric.fromConfig('Poisson', m.getConfig()).getConfig()).toEqual(m.getConfig());
    });
    it('test_unweighted: the mean of the per-entry values', () => {
      expectClose(once('Poisson', {}, PO_Y, PO_P), (PO_ROWS[0] + PO_ROWS[1]) / 2, KERAS_ATOL_1E3);
    });
    it('test_weighted: [[1.2], [3.4]] weights each sample', () => {
      expectClose(once('Poisson', {}, PO_Y, PO_P, [[1.2], [3.4]]), (1.2 * PO_ROWS[0] + 3.4 * PO_ROWS[1]) / 4.6, KERAS_ATOL_1E3);
    });
    it('the doc example with float predictions: 0.49999997, then 0.99999994 (spec §11 rows 12-13)', () => {
      expectClose(once('Poisson', {}, Bt, [[1, 1], [0, 0]]), 0.49999997, SPEC_TOL);
      expectClose(once('Poisson', {}, Bt, [[1, 1], [0, 0]], [1, 0]), 0.99999994, SPEC_TOL);
    });
  });

  describe('BinaryCrossentropy', () => {
    it('test_config: get_config holds name, dtype, from_logits, label_smoothing (no axis)', () => {
      const m = new Metric('BinaryCrossentropy', { name: 'bce', label_smoothing: 0.2 }, 'keras3', dtype);
      expect(m.getConfig()).toEqual({ name: 'bce', dtype: 'float32', from_logits: false, label_smoothing: 0.2 });
      expect(Metric.fromConfig('BinaryCrossentropy', m.getConfig()).getConfig()).toEqual(m.getConfig());
      expect(() => new Metric('BinaryCrossentropy', { axis: -1 })).toThrow(EngineError);
    });
    it('test_unweighted: saturated predictions give 3.9855 in float32 (the 15.942 cap)', () => {
      const r = once('BinaryCrossentropy', {}, [[1, 0], [1, 0]], [[1, 1], [1, 0]]);
      if (dtype === 'float32') expectClose(r, 3.9855, KERAS_ATOL_1E3);
      else expectClose(r, (-Math.log(1e-7) + 3e-7) / 4, SPEC_TOL);
    });
    it('test_unweighted_with_logits: 3.333', () => {
      expectClose(once('BinaryCrossentropy', { from_logits: true }, [[1, 0, 1], [0, 1, 1]], [[10, -10, 10], [10, 10, -10]]), 3.333, KERAS_ATOL_1E3);
    });
    it('test_weighted: sample_weight=[1.5, 2.0] gives 3.4162 in float32', () => {
      const r = once('BinaryCrossentropy', {}, [[1, 0], [1, 0]], [[1, 1], [1, 0]], [1.5, 2]);
      if (dtype === 'float32') expectClose(r, 3.4162, KERAS_ATOL_1E3);
      else expectClose(r, (1.5 * (-Math.log(1e-7) + 1e-7) / 2 + 2 * 1e-7) / 3.5, SPEC_TOL);
    });
    it('test_weighted_from_logits: sample_weight=[2.0, 2.5] gives 3.7037', () => {
      expectClose(once('BinaryCrossentropy', { from_logits: true }, [[1, 0, 1], [0, 1, 1]], [[10, -10, 10], [10, 10, -10]], [2, 2.5]), 3.7037, KERAS_ATOL_1E3);
    });
    it('test_label_smoothing: label_smoothing=0.1 on logits gives (10 + 5·0.1)/3', () => {
      expectClose(once('BinaryCrossentropy', { from_logits: true, label_smoothing: 0.1 }, [1, 0, 1], [10, -10, -10]), (10 + 0.5) / 3, KERAS_ATOL_1E3);
    });
    it('the doc example in Keras 3: 0.8149245, then 0.91629076 with sample_weight=[1, 0] (spec §11 rows 8-9)', () => {
      expectClose(once('BinaryCrossentropy', {}, Bt, Bp), 0.8149245, SPEC_TOL);
      expectClose(once('BinaryCrossentropy', {}, Bt, Bp, [1, 0]), 0.91629076, SPEC_TOL);
    });
    it('does not align y_true [B] with y_pred [B, 1] (unlike the loss), so it raises a shape error (spec §5.1)', () => {
      expect(() => once('BinaryCrossentropy', {}, [0, 1], [[0.3], [0.6]])).toThrow(/same shape/);
      expect(() => loss('BinaryCrossentropy', {}, [0, 1], [[0.3], [0.6]], o)).not.toThrow();
    });
  });

  describe('CategoricalCrossentropy', () => {
    it('test_config: get_config holds name, dtype, from_logits, label_smoothing, axis', () => {
      const m = new Metric('CategoricalCrossentropy', { name: 'cce', label_smoothing: 0.2 }, 'keras3', dtype);
      expect(m.getConfig()).toEqual({ name: 'cce', dtype: 'float32', from_logits: false, label_smoothing: 0.2, axis: -1 });
      expect(Metric.fromConfig('CategoricalCrossentropy', m.getConfig()).getConfig()).toEqual(m.getConfig());
    });
    it('test_unweighted: 1.176 (the doc example, 1.1769392)', () => {
      expectClose(once('CategoricalCrossentropy', {}, Yc, P), 1.176, KERAS_ATOL_1E3);
      expectClose(once('CategoricalCrossentropy', {}, Yc, P), 1.1769392, SPEC_TOL);
    });
    it('test_unweighted_from_logits: 3.5011', () => {
      expectClose(once('CategoricalCrossentropy', { from_logits: true }, Yc, CCE_LOGITS), 3.5011, KERAS_ATOL_1E3);
    });
    it('test_weighted: sample_weight=[1.5, 2.0] gives 1.338', () => {
      expectClose(once('CategoricalCrossentropy', {}, Yc, P, [1.5, 2]), 1.338, KERAS_ATOL_1E3);
    });
    it('test_weighted_from_logits: sample_weight=[1.5, 2.0] gives 4.0012', () => {
      expectClose(once('CategoricalCrossentropy', { from_logits: true }, Yc, CCE_LOGITS, [1.5, 2]), 4.0012, KERAS_ATOL_1E3);
    });
    it('test_label_smoothing: label_smoothing=0.1 on logits gives 3.667', () => {
      expectClose(once('CategoricalCrossentropy', { from_logits: true, label_smoothing: 0.1 }, Yc, CCE_LOGITS), 3.667, KERAS_ATOL_1E3);
    });
  });

  describe('SparseCategoricalCrossentropy', () => {
    it('test_config: get_config holds name, dtype, from_logits, ignore_class, axis', () => {
      const m = new Metric('SparseCategoricalCrossentropy', { name: 'scce' }, 'keras3', dtype);
      expect(m.getConfig()).toEqual({ name: 'scce', dtype: 'float32', from_logits: false, ignore_class: null, axis: -1 });
      expect(Metric.fromConfig('SparseCategoricalCrossentropy', m.getConfig()).getConfig()).toEqual(m.getConfig());
    });
    it('test_unweighted: 1.176', () => {
      expectClose(once('SparseCategoricalCrossentropy', {}, Ys, P), 1.176, KERAS_ATOL_1E3);
    });
    it('test_unweighted_from_logits: 3.5011', () => {
      expectClose(once('SparseCategoricalCrossentropy', { from_logits: true }, Ys, CCE_LOGITS), 3.5011, KERAS_ATOL_1E3);
    });
    it('test_weighted: sample_weight=[1.5, 2.0] gives 1.338', () => {
      expectClose(once('SparseCategoricalCrossentropy', {}, Ys, P, [1.5, 2]), 1.338, KERAS_ATOL_1E3);
    });
    it('test_weighted_from_logits: sample_weight=[1.5, 2.0] gives 4.0012', () => {
      expectClose(once('SparseCategoricalCrossentropy', { from_logits: true }, Ys, CCE_LOGITS, [1.5, 2]), 4.0012, KERAS_ATOL_1E3);
    });
    it('test_ignore_class: without weights the ignored sample still counts: 0.78462', () => {
      expectClose(once('SparseCategoricalCrossentropy', { ignore_class: 0 }, [0, 1, 2], [[0.8, 0.1, 0.1], ...P]), 0.78462, KERAS_ATOL_1E3);
    });
    it('test_ignore_class_weighted: with weights the mask applies: 1.33774646', () => {
      expectClose(once('SparseCategoricalCrossentropy', { ignore_class: 0 }, [0, 1, 2], [[0.8, 0.1, 0.1], ...P], [0.5, 1.5, 2]), 1.33774646, KERAS_ATOL_1E3);
    });
    it('test_ignore_class_from_logits: 2.33409', () => {
      expectClose(once('SparseCategoricalCrossentropy', { from_logits: true, ignore_class: 0 }, [0, 1, 2], [[10, 1, 1], ...CCE_LOGITS]), 2.33409, KERAS_ATOL_1E3);
    });
    it('with weights the metric is Σw·v/Σw = 1.6271976 where the loss gives 0.814 (spec §5.2)', () => {
      const r = metric('SparseCategoricalCrossentropy', {}, [{ y_true: Ys, y_pred: P, sample_weight: [0.3, 0.7] }], o);
      expectClose(r.results, [1.6271976], SPEC_TOL);
      expectClose(r.snapshots[0].total, 1.6271976, SPEC_TOL);
      expectClose(r.snapshots[0].count, 1, SPEC_TOL);
      expectClose(scalar(loss('SparseCategoricalCrossentropy', {}, Ys, P, { ...o, sample_weight: [0.3, 0.7] })), 0.8135988, SPEC_TOL);
    });
  });

  describe('state: update_state / result / reset_state', () => {
    it('result() is 0 before any update (0/0 is 0)', () => {
      expect(new Metric('Poisson', {}, 'keras3', dtype).result()).toBe(0);
    });

    it('accumulates the weighted mean over every sample seen, not the mean of the batch means', () => {
      const m = new Metric('CategoricalCrossentropy', {}, 'keras3', dtype);
      m.updateState({ y_true: Yc, y_pred: P });
      m.updateState({ y_true: [[0, 1, 0]], y_pred: [[0.05, 0.95, 0]] });
      const v = [0.051293306, 2.3025851, 0.051293306];
      expectClose(m.result(), (v[0] + v[1] + v[2]) / 3, SPEC_TOL);
      expect(m.count).toBe(3);
    });

    it('reset_state() sets total and count to 0, so the next update starts afresh', () => {
      const m = new Metric('CategoricalCrossentropy', {}, 'keras3', dtype);
      m.updateState({ y_true: Yc, y_pred: P });
      m.resetState();
      expect([m.total, m.count, m.result()]).toEqual([0, 0, 0]);
      m.updateState({ y_true: Yc, y_pred: P, sample_weight: [0.3, 0.7] });
      expectClose(m.result(), 1.6271976, SPEC_TOL);
    });

    it('reset_before in a request calls reset_state() before the listed updates', () => {
      const r = metric('CategoricalCrossentropy', {}, [
        { y_true: Yc, y_pred: P },
        { y_true: Yc, y_pred: P, sample_weight: [0.3, 0.7] },
        { y_true: Yc, y_pred: P, sample_weight: [0.3, 0.7] },
      ], { ...o, reset_before: [1] });
      expectClose(r.results, [1.1769392, 1.6271976, 1.6271976], SPEC_TOL);
    });

    it('each snapshot says what its update added and with which weights (for the explain view)', () => {
      const r = metric('CategoricalCrossentropy', {}, [
        { y_true: Yc, y_pred: P },
        { y_true: Yc, y_pred: P, sample_weight: [0.3, 0.7] },
      ], o);
      expect(r.snapshots[0].weights).toBeNull();
      expectClose([r.snapshots[0].added.total, r.snapshots[0].added.count], [2.3538785, 2], SPEC_TOL);
      expectClose(Array.from(r.snapshots[1].weights!.data), [0.3, 0.7], SPEC_TOL);
      expectClose([r.snapshots[1].added.total, r.snapshots[1].added.count], [1.6271976, 1], SPEC_TOL);
      expectClose(r.snapshots[1].total, 2.3538785 + 1.6271976, SPEC_TOL);
    });

    it('reset_before names the entry that is not an update index', () => {
      const updates = [{ y_true: Yc, y_pred: P }, { y_true: Yc, y_pred: P }];
      for (const [bad, k] of [[[1, 2], 1], [[0.5], 0], [[-1], 0], [['1'], 0]] as const) {
        try {
          metric('CategoricalCrossentropy', {}, updates, { ...o, reset_before: bad as never });
          expect.unreachable(`reset_before ${JSON.stringify(bad)} was accepted`);
        } catch (e) {
          expect(e).toBeInstanceOf(EngineError);
          expect(e).toMatchObject({ field: 'reset_before', index: [k], message: expect.stringMatching(/is not an update index: expected an integer from 0 to 1/) });
        }
      }
    });

    it('counts a rank-1 batch (one sample of D features) as one sample', () => {
      const r = metric('BinaryCrossentropy', {}, [
        { y_true: [0, 1], y_pred: [0.3, 0.6] },
        { y_true: [[0, 1], [1, 1]], y_pred: [[0.3, 0.6], [0.5, 0.5]] },
      ], o);
      const v0 = (-Math.log(0.7) - Math.log(0.6)) / 2;
      const v1 = -Math.log(0.5);
      expect(r.snapshots.map((s) => s.count)).toEqual([1, 3]);
      expectClose(r.results, [v0, (2 * v0 + v1) / 3], SPEC_TOL);
    });

    it('with [B, T] values and [B, T] weights the result is Σ v·w / Σ w', () => {
      const yTrue = [[1, 2], [0, 1]];
      const yPred = [[[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]], [[0.6, 0.2, 0.2], [0.3, 0.3, 0.4]]];
      const w = [[1, 2], [3, 4]];
      const v = (value(fn('sparse_categorical_crossentropy', {}, yTrue, yPred, o)) as number[][]).flat();
      const expected = v.reduce((acc, x, k) => acc + x * w.flat()[k], 0) / 10;
      expectClose(metric('SparseCategoricalCrossentropy', {}, [{ y_true: yTrue, y_pred: yPred, sample_weight: w }], o).results, [expected], SPEC_TOL);
    });

    it('with [B, T] values and [B] weights the result is Σ_b w_b·mean_t(v_bt) / Σ_b w_b', () => {
      const yTrue = [[1, 2], [0, 1]];
      const yPred = [[[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]], [[0.6, 0.2, 0.2], [0.3, 0.3, 0.4]]];
      const v = value(fn('sparse_categorical_crossentropy', {}, yTrue, yPred, o)) as number[][];
      const means = v.map((row) => (row[0] + row[1]) / 2);
      const r = metric('SparseCategoricalCrossentropy', {}, [{ y_true: yTrue, y_pred: yPred, sample_weight: [1, 3] }], o);
      expectClose(r.results, [(means[0] + 3 * means[1]) / 4], SPEC_TOL);
      expect(r.snapshots[0].count).toBe(4);
    });

    it('a scalar sample_weight weighs each update\'s mean, not each sample: count grows by w per update', () => {
      const r = metric('CategoricalCrossentropy', {}, [
        { y_true: Yc, y_pred: P, sample_weight: 1 },
        { y_true: [[0, 1, 0]], y_pred: [[0.05, 0.95, 0]], sample_weight: 1 },
      ], o);
      expect(r.snapshots.map((s) => s.count)).toEqual([1, 2]);
      expectClose(r.results[1], (1.1769392 + 0.051293306) / 2, SPEC_TOL);
    });

    it('the float32 metric keeps float32 totals (dtype is the compute dtype)', () => {
      const r = metric('CategoricalCrossentropy', {}, [{ y_true: Yc, y_pred: P }], o);
      if (dtype === 'float32') expect(Math.fround(r.results[0])).toBe(r.results[0]);
      expect(r.dtype).toBe(dtype);
    });

    it('an error in update i names the field with its update index', () => {
      try {
        metric('CategoricalCrossentropy', {}, [{ y_true: Yc, y_pred: P }, { y_true: Yc, y_pred: [[0.1, 0.9], [0.5, 0.5]] }], o);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(EngineError);
        expect((e as EngineError).field).toMatch(/^updates\[1\]\./);
      }
    });
  });
});

describe.each(DTYPES)('metric classes in tf_keras2 semantics (%s, spec §9)', (dtype) => {
  const o = { dtype, semantics: 'tf_keras2' as const };

  it('the KLDivergence metric is named "kullback_leibler_divergence" (§9.9)', () => {
    expect(metric('KLDivergence', {}, [{ y_true: Bt, y_pred: Bp }], o).config.name).toBe('kullback_leibler_divergence');
    expect(new Metric('KLDivergence', {}, 'tf_keras2').getConfig().name).toBe('kullback_leibler_divergence');
  });

  it('the SparseCategoricalCrossentropy metric always applies the ignore_class mask (§9.5): 1.1769392, not 0.78462', () => {
    const r = metric('SparseCategoricalCrossentropy', { ignore_class: 0 }, [{ y_true: [0, 1, 2], y_pred: [[0.8, 0.1, 0.1], ...P] }], o);
    expectClose(r.results, [(0.051293444 + 2.3025851) / 2], SPEC_TOL);
  });

  it('the BinaryCrossentropy metric reproduces the doc digits 0.81492424 and 0.9162905 (§9.2)', () => {
    const r = metric('BinaryCrossentropy', {}, [{ y_true: Bt, y_pred: Bp }, { y_true: Bt, y_pred: Bp, sample_weight: [1, 0] }], { ...o, reset_before: [1] });
    expectClose(r.results, [0.81492424, 0.9162905], { rtol: 1e-7, atol: 0 });
  });

  // Engine bug: tf.keras 2 metrics merge the ignore_class mask with losses_utils.apply_valid_mask, which
  // expands [B] weights to [B, 1]; the engine merges with the Keras 3 rule and throws a plain Error.
  it('SparseCategoricalCrossentropy with ignore_class and [B] weights on [B, T] labels: Σ v·w·m / Σ w·m', () => {
    const y = [[1, 2, -1], [0, -1, -1]];
    const p = [[[0.2, 0.3, 0.5], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]], [[0.6, 0.2, 0.2], [0.3, 0.3, 0.4], [0.3, 0.3, 0.4]]];
    const [a, b, c] = [-Math.log(0.3), -Math.log(0.8), -Math.log(0.6)];
    const r = metric('SparseCategoricalCrossentropy', { ignore_class: -1 }, [{ y_true: y, y_pred: p, sample_weight: [1, 2] }], o);
    expectClose(r.results, [(a + b + 2 * c) / 4], SPEC_TOL);
  });

  it('squeezes a trailing size-1 axis of y_pred, so y_true [B] with y_pred [B, 1] works', () => {
    const r = metric('BinaryCrossentropy', {}, [{ y_true: [0, 1], y_pred: [[0.3], [0.6]] }], o);
    expectClose(r.results, [(-Math.log(0.7 + 1e-7) - Math.log(0.6 + 1e-7)) / 2], { rtol: 1e-6, atol: 0 });
  });

  it('[B] weights with [B, T] values broadcast per sample', () => {
    const yTrue = [[1, 2], [0, 1]];
    const yPred = [[[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]], [[0.6, 0.2, 0.2], [0.3, 0.3, 0.4]]];
    const v = value(fn('sparse_categorical_crossentropy', {}, yTrue, yPred, o)) as number[][];
    const r = metric('SparseCategoricalCrossentropy', {}, [{ y_true: yTrue, y_pred: yPred, sample_weight: [1, 3] }], o);
    expectClose(r.results, [((v[0][0] + v[0][1]) + 3 * (v[1][0] + v[1][1])) / 8], SPEC_TOL);
  });
});
