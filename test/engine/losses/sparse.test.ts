/**
 * SparseCategoricalCrossentropy / sparse_categorical_crossentropy (spec §3.3). Test names follow
 * keras/src/losses/losses_test.py::SparseCategoricalCrossentropyTest.
 */
import { describe, expect, it } from 'vitest';
import { EngineError, fromConfig } from '../../../src/engine';
import { expectClose, KERAS_ALL_CLOSE, kerasAlmostEqual, SPEC_TOL } from '../../helpers/close';
import { DTYPES, fn, grad, loss, metric, scalar, SPEC, value, warningCodes } from '../../helpers/engine';

const { P, Ys } = SPEC;

const CP = [[0.9, 0.05, 0.05], [0.5, 0.89, 0.6], [0.05, 0.01, 0.94]];
const C_LOGITS = [[8, 1, 1], [0, 9, 1], [2, 3, 5]];

/** Spec §3.3 example: labels [[1,2,−1],[0,−1,−1]] with ignore_class=−1 over [2, 3, 3] probabilities. */
const IGN_Y = [[1, 2, -1], [0, -1, -1]];
const IGN_P = [
  [[0.2, 0.3, 0.5], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]],
  [[0.6, 0.2, 0.2], [0.3, 0.3, 0.4], [0.3, 0.3, 0.4]],
];
const a = -Math.log(0.3);
const b = -Math.log(0.8);
const c = -Math.log(0.6);

describe.each(DTYPES)('SparseCategoricalCrossentropy (%s)', (dtype) => {
  const o = { dtype };

  it('test_config: get_config holds name, reduction, from_logits, ignore_class (Keras 3.15.1 omits axis)', () => {
    const r = loss('SparseCategoricalCrossentropy', { name: 'scce' }, Ys, P, o);
    expect(r.config).toEqual({ name: 'scce', reduction: 'sum_over_batch_size', from_logits: false, ignore_class: null });
    expect(fromConfig('loss', 'SparseCategoricalCrossentropy', r.config, 'keras3').config).toEqual(r.config);
  });

  it('test_all_correct_unweighted: one-hot predictions and logits of 10 give ~0', () => {
    expectClose(scalar(loss('SparseCategoricalCrossentropy', {}, [[0], [1], [2]], [[1, 0, 0], [0, 1, 0], [0, 0, 1]], o)), 0, kerasAlmostEqual(3));
    expectClose(scalar(loss('SparseCategoricalCrossentropy', { from_logits: true }, [[0], [1], [2]], [[10, 0, 0], [0, 10, 0], [0, 0, 10]], o)), 0, kerasAlmostEqual(3));
  });

  it('test_unweighted: 0.3239 on probabilities, 0.0573 on logits', () => {
    expectClose(scalar(loss('SparseCategoricalCrossentropy', {}, [0, 1, 2], CP, o)), 0.3239, kerasAlmostEqual(3));
    expectClose(scalar(loss('SparseCategoricalCrossentropy', { from_logits: true }, [0, 1, 2], C_LOGITS, o)), 0.0573, kerasAlmostEqual(3));
  });

  it('test_scalar_weighted: labels [[0], [1], [2]] with sample_weight=2.3 give 0.7449, and 0.1317 on logits', () => {
    const sw = { ...o, sample_weight: 2.3 };
    expectClose(scalar(loss('SparseCategoricalCrossentropy', {}, [[0], [1], [2]], CP, sw)), 0.7449, kerasAlmostEqual(3));
    expectClose(scalar(loss('SparseCategoricalCrossentropy', { from_logits: true }, [[0], [1], [2]], C_LOGITS, sw)), 0.1317, kerasAlmostEqual(3));
  });

  it('test_sample_weighted: [[1.2], [3.4], [5.6]] gives 1.0696, and 0.31829 on logits', () => {
    const sw = { ...o, sample_weight: [[1.2], [3.4], [5.6]] };
    expectClose(scalar(loss('SparseCategoricalCrossentropy', {}, [[0], [1], [2]], CP, sw)), 1.0696, kerasAlmostEqual(3));
    expectClose(scalar(loss('SparseCategoricalCrossentropy', { from_logits: true }, [[0], [1], [2]], C_LOGITS, sw)), 0.31829, kerasAlmostEqual(3));
  });

  it('test_no_reduction: logits give (0.001822, 0.000459, 0.169846)', () => {
    const v = value(loss('SparseCategoricalCrossentropy', { from_logits: true, reduction: null }, [[0], [1], [2]], C_LOGITS, o));
    expectClose(v, [0.001822, 0.000459, 0.169846], { rtol: 1e-4, atol: 1e-6 });
  });

  it('the doc examples: 1.1769392, 0.8135988 (weights [0.3, 0.7]), 2.3538785 (sum), [0.051293306, 2.3025851] (spec §11 rows 1-4)', () => {
    expectClose(scalar(loss('SparseCategoricalCrossentropy', {}, Ys, P, o)), 1.1769392, SPEC_TOL);
    expectClose(scalar(loss('SparseCategoricalCrossentropy', {}, Ys, P, { ...o, sample_weight: [0.3, 0.7] })), 0.8135988, SPEC_TOL);
    expectClose(scalar(loss('SparseCategoricalCrossentropy', { reduction: 'sum' }, Ys, P, o)), 2.3538785, SPEC_TOL);
    expectClose(value(loss('SparseCategoricalCrossentropy', { reduction: null }, Ys, P, o)), [0.051293306, 2.3025851], SPEC_TOL);
  });

  it('test_mean_with_sample_weight_reduction: weights [0.3, 0.7] give 1.6271976, the metric\'s number (spec §5.2)', () => {
    const r = loss('SparseCategoricalCrossentropy', { reduction: 'mean_with_sample_weight' }, Ys, P, { ...o, sample_weight: [0.3, 0.7] });
    expectClose(scalar(r), 1.6271976, SPEC_TOL);
  });

  it('sparse_categorical_crossentropy equals categorical_crossentropy on one-hot labels on JAX (values and gradients)', () => {
    const sparse = fn('sparse_categorical_crossentropy', {}, [0, 1, 2], CP, { ...o, kerasBackend: 'jax' });
    const dense = fn('categorical_crossentropy', {}, [[1, 0, 0], [0, 1, 0], [0, 0, 1]], CP, { ...o, kerasBackend: 'jax' });
    expectClose(value(sparse), value(dense), { rtol: 1e-7, atol: 0 });
    expectClose(grad(sparse), grad(dense), { rtol: 1e-7, atol: 1e-12 });
  });

  it('the probability gradient carries the renormalisation Jacobian on JAX: [[1, −0.0526316, 1], [1, 1, −9]] for the sum', () => {
    expectClose(grad(loss('SparseCategoricalCrossentropy', { reduction: 'sum' }, Ys, P, { ...o, kerasBackend: 'jax' })), [[1, -0.0526316, 1], [1, 1, -9]], SPEC_TOL);
  });

  it('test_from_logits: the gradient is softmax(z) − one_hot(label)', () => {
    const z = [0.5, -1, 2];
    const e = z.map(Math.exp);
    const s = e.reduce((x, y) => x + y);
    expectClose(grad(fn('sparse_categorical_crossentropy', { from_logits: true }, [2], [z], o)), [e.map((v, k) => v / s - (k === 2 ? 1 : 0))], { rtol: 1e-6, atol: 1e-7 });
  });

  it('test_ignore_class: ignore_class=−1 gives [[0, 1.480129]] for labels [[−1, 2]] and for [[[−1], [2]]]', () => {
    const logits = [[[0.854, 0.698, 0.598], [0.088, 0.86, 0.018]]];
    for (const yTrue of [[[-1, 2]], [[[-1], [2]]]]) {
      const v = value(loss('SparseCategoricalCrossentropy', { from_logits: true, ignore_class: -1, reduction: null }, yTrue, logits, o));
      expectClose(v, [[0, 1.480129]], KERAS_ALL_CLOSE);
    }
  });

  it('test_ignore_class: ignored entries are 0 and the loss divides by the valid count: (a + b + c)/3 (spec §3.3)', () => {
    const none = loss('SparseCategoricalCrossentropy', { ignore_class: -1, reduction: null }, IGN_Y, IGN_P, o);
    expectClose(value(none), [[a, b, 0], [c, 0, 0]], SPEC_TOL);
    expectClose(scalar(loss('SparseCategoricalCrossentropy', { ignore_class: -1 }, IGN_Y, IGN_P, o)), (a + b + c) / 3, SPEC_TOL);
    expectClose(scalar(loss('SparseCategoricalCrossentropy', { ignore_class: -1, reduction: 'mean' }, IGN_Y, IGN_P, o)), (a + b + c) / 3, SPEC_TOL);
    expectClose(scalar(loss('SparseCategoricalCrossentropy', { ignore_class: -1, reduction: 'sum' }, IGN_Y, IGN_P, o)), a + b + c, SPEC_TOL);
  });

  it('test_ignore_class: mean_with_sample_weight divides by Σ of the valid weights', () => {
    const w = [[1, 2, 3], [4, 5, 6]];
    const r = loss('SparseCategoricalCrossentropy', { ignore_class: -1, reduction: 'mean_with_sample_weight' }, IGN_Y, IGN_P, { ...o, sample_weight: w });
    expectClose(scalar(r), (1 * a + 2 * b + 4 * c) / (1 + 2 + 4), SPEC_TOL);
  });

  it('test_ignore_class: sum_over_batch_size with weights is Σ valid v·w over the valid count', () => {
    const w = [[1, 2, 3], [4, 5, 6]];
    const r = loss('SparseCategoricalCrossentropy', { ignore_class: -1 }, IGN_Y, IGN_P, { ...o, sample_weight: w });
    expectClose(scalar(r), (1 * a + 2 * b + 4 * c) / 3, SPEC_TOL);
  });

  it('test_ignore_class: the metric without sample_weight still counts the ignored entries: (a + b + c)/6', () => {
    const m = metric('SparseCategoricalCrossentropy', { ignore_class: -1 }, [{ y_true: IGN_Y, y_pred: IGN_P }], o);
    expectClose(m.results, [(a + b + c) / 6], SPEC_TOL);
  });

  it('test_ignore_class: ignored entries get a zero gradient for every class', () => {
    const g = grad(loss('SparseCategoricalCrossentropy', { ignore_class: -1, reduction: 'sum' }, IGN_Y, IGN_P, o)) as number[][][];
    expect(g[0][2]).toEqual([0, 0, 0]);
    expect(g[1][1]).toEqual([0, 0, 0]);
    expect(g[1][2]).toEqual([0, 0, 0]);
    expect(g[0][0].some((x) => x !== 0)).toBe(true);
  });

  it('test_ignore_class: with every entry ignored the loss is 0 (divide_no_nan), not NaN', () => {
    expect(scalar(loss('SparseCategoricalCrossentropy', { ignore_class: 1 }, [1, 1], P, o))).toBe(0);
  });

  it('squeezes y_true [B, 1] to [B] when the ranks match', () => {
    expectClose(value(fn('sparse_categorical_crossentropy', {}, [[1], [2]], P, o)), [0.051293306, 2.3025851], SPEC_TOL);
  });

  it('scores an out-of-range label 0 (Keras 3 on JAX) and warns label_out_of_range; it still counts in the mean', () => {
    const r = loss('SparseCategoricalCrossentropy', {}, [1, 3], P, { ...o, kerasBackend: 'jax' });
    expect(warningCodes(r)).toContain('label_out_of_range');
    expectClose(scalar(r), 0.051293306 / 2, SPEC_TOL);
  });

  it('test_axis: only the last axis is supported in Keras 3 (axis=0 raises)', () => {
    expect(() => fn('sparse_categorical_crossentropy', { axis: 0 }, [0, 1, 2], CP, o)).toThrow(EngineError);
    expectClose(value(fn('sparse_categorical_crossentropy', { axis: -1 }, Ys, P, o)), value(fn('sparse_categorical_crossentropy', { axis: 1 }, Ys, P, o)), { rtol: 0, atol: 0 });
  });
});

describe.each(DTYPES)('SparseCategoricalCrossentropy in tf_keras2 semantics (%s, spec §9.4)', (dtype) => {
  const o = { dtype, semantics: 'tf_keras2' as const };

  it('clips, then renormalises: the doc sample 1 is 0.051293444 instead of 0.051293306', () => {
    expectClose(value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, Ys, P, o)), [0.051293444, 2.3025851], { rtol: 1e-6, atol: 0 });
  });

  it('gives a clipped class a zero gradient instead of 1/s (TF, spec §8 B3)', () => {
    const g = grad(loss('SparseCategoricalCrossentropy', { reduction: 'sum' }, Ys, P, o)) as number[][];
    expectClose(g, [[1, -0.0526317, 0], [1, 1, -9]], SPEC_TOL);
  });

  it('the loss class has no axis argument, and its config has none', () => {
    expect(() => loss('SparseCategoricalCrossentropy', { axis: -1 }, Ys, P, o)).toThrow(EngineError);
    expect(loss('SparseCategoricalCrossentropy', {}, Ys, P, o).config).not.toHaveProperty('axis');
  });

  it('the function supports any axis, by transposing (axis=0 equals the transposed problem)', () => {
    const transposed = [[0.05, 0.1], [0.95, 0.8], [0, 0.1]];
    expectClose(value(fn('sparse_categorical_crossentropy', { axis: 0 }, Ys, transposed, o)), [0.051293444, 2.3025851], { rtol: 1e-6, atol: 0 });
  });

  it('the metric applies the ignore_class mask even without sample_weight: (a + b + c)/3 (§9.5)', () => {
    const m = metric('SparseCategoricalCrossentropy', { ignore_class: -1 }, [{ y_true: IGN_Y, y_pred: IGN_P }], o);
    expectClose(m.results, [(a + b + c) / 3], SPEC_TOL);
  });

  // Engine bug: tf.keras 2 merges the mask with losses_utils.apply_mask, whose squeeze_or_expand_dimensions
  // expands [B] weights to [B, 1] (§9.6); the engine merges with the Keras 3 rule and fails to broadcast.
  it('ignore_class with [B] weights on [B, T] labels expands the weights to [B, 1]: (2a + 2b + 4c)/6 (§9.6)', () => {
    const r = loss('SparseCategoricalCrossentropy', { ignore_class: -1 }, IGN_Y, IGN_P, { ...o, sample_weight: [1, 2] });
    expectClose(scalar(r), (a + b + 2 * c) / 3, SPEC_TOL);
  });

  // Same engine bug, silent variant: with T == B the [B] weights broadcast along T instead of per sample.
  it('ignore_class with [B] weights on [B, T] labels weights per sample also when T == B', () => {
    const y = [[1, -1], [0, 2]];
    const p = [IGN_P[0].slice(0, 2), [IGN_P[1][0], [0.1, 0.1, 0.8]]];
    const v = value(loss('SparseCategoricalCrossentropy', { ignore_class: -1, reduction: 'none' }, y, p, o)) as number[][];
    const r = loss('SparseCategoricalCrossentropy', { ignore_class: -1, reduction: 'sum' }, y, p, { ...o, sample_weight: [10, 100] });
    expectClose(scalar(r), 10 * v[0][0] + 100 * (v[1][0] + v[1][1]), SPEC_TOL);
  });

  it('raises on an out-of-range label (TensorFlow does) instead of scoring it 0', () => {
    expect(() => loss('SparseCategoricalCrossentropy', {}, [1, 3], P, o)).toThrow(EngineError);
  });
});
