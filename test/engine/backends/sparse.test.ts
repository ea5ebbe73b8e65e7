/**
 * SparseCategoricalCrossentropy on each Keras 3 backend (spec §8 B3, B6, B8-B12; conformance
 * README "Where the backends differ"). Expected numbers are from test/conformance/backends.jsonl
 * (the case id is named) or derived by hand; gradients are also checked by finite differences.
 */
import { describe, expect, it } from 'vitest';
import { EngineError, evaluate, type KerasBackend, type LossResult } from '../../../src/engine';
import { expectClose, F32_TOL, F64_TOL, FD_TOL, GRAD_TOL } from '../../helpers/close';
import { centralDifference } from '../../helpers/fd';
import { fn, grad, loss, metric, scalar, value, warningCodes } from '../../helpers/engine';

const SCCE = 'SparseCategoricalCrossentropy';
const on = (kerasBackend: KerasBackend, dtype: 'float32' | 'float64' = 'float64') => ({ kerasBackend, dtype });
const EPS = 1e-7;

function engineError(thunk: () => unknown): EngineError {
  try {
    thunk();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('expected an EngineError');
}

describe('probabilities: TensorFlow clips, then renormalises (B3)', () => {
  // A row with an entry above 1: TF clips 2 to 1 − ε, JAX divides by the row sum first.
  const Y = [1];
  const P = [[2, 0.5, 0.5]];

  it('test_scce_tensorflow_clips_then_renormalises: −log 0.5 + log(2 − ε) where JAX gives log 6', () => {
    expectClose(value(fn('sparse_categorical_crossentropy', {}, Y, P, on('tensorflow'))), [Math.log(2 * (2 - EPS))], F64_TOL);
    expectClose(value(fn('sparse_categorical_crossentropy', {}, Y, P, on('jax'))), [Math.log(6)], F64_TOL);
  });

  it('test_scce_tensorflow_gradient_is_zero_on_a_clipped_entry: [0, 1/Σc − 1/p, 1/Σc]', () => {
    const s = 2 - EPS;
    expectClose(grad(loss(SCCE, { reduction: 'sum' }, Y, P, on('tensorflow'))), [[0, 1 / s - 2, 1 / s]], GRAD_TOL);
  });

  it('test_scce_tensorflow_metric_follows_the_same_function (edge-m_SCCE-mixed-008)', () => {
    const updates = [
      { y_true: 2, y_pred: [0.387789, 0.409183, 0.147298, 0.0557308] },
      {
        y_true: [0, 0, 1, 3, 3],
        y_pred: [[0.162827, 0.415033, 0.9999999, 0.311376], [1.0, 0.021391, 0.9999999, 0.220166], [0.9999999, 1e-07, 1e-07, 0.9999999],
          [0.109602, 0.0606481, 0.155261, 0.674489], [1.0, 0.0484159, 0.422692, 0.271412]],
        sample_weight: [0.325443, 0.440036, 0.781693, 0.402274, 0.538902],
      },
    ];
    expectClose(metric(SCCE, {}, updates, on('tensorflow')).results, [1.91529833334, 4.97941393989], F64_TOL);
    expectClose(metric(SCCE, {}, updates, on('jax')).results, [1.91529833334, 4.8240887566], { rtol: 2e-6, atol: 1e-9 });
  });

  it('test_scce_tensorflow_full_gradient_on_a_clip_bound (edge-SCCE-bound-002: TF 0.5, JAX 0.25)', () => {
    const P2 = [[1e-7, 0.9999999], [0.9999999, 1e-7]];
    expectClose(grad(loss(SCCE, {}, [1, 0], P2, on('tensorflow'))), [[0.5, -5.000000503e-8], [-5.000000503e-8, 0.5]], GRAD_TOL);
    expectClose(grad(loss(SCCE, {}, [1, 0], P2, on('torch'))), [[0.5, -5.000000503e-8], [-5.000000503e-8, 0.5]], GRAD_TOL);
    expectClose(grad(loss(SCCE, {}, [1, 0], P2, on('jax'))), [[0.25, -2.500000251e-8], [-2.500000251e-8, 0.25]], GRAD_TOL);
  });

  it('test_scce_tensorflow_nan_probability_gets_a_zero_gradient (edge-SCCE-nan-pred-003: TF [0, NaN, NaN])', () => {
    const P3 = [[0.0399872, 0.354151, 0.605862], [NaN, 0.578787, 0.135183]];
    const g = grad(loss(SCCE, {}, [2, 1], P3, on('tensorflow'))) as number[][];
    expect(g[1][0]).toBe(0);
    expect(g[1].slice(1).every(Number.isNaN)).toBe(true);
    expect((grad(loss(SCCE, {}, [2, 1], P3, on('jax'))) as number[][])[1].every(Number.isNaN)).toBe(true);
  });

  it('test_scce_infinite_probability: TF clips it (log 6), torch reads only the label (−log ε), JAX and NumPy give NaN', () => {
    const P4 = [[Infinity, 0.3, 0.5]];
    expectClose(value(fn('sparse_categorical_crossentropy', {}, [1], P4, on('tensorflow'))), [Math.log(1.8 - EPS) - Math.log(0.3)], F64_TOL);
    expectClose(value(fn('sparse_categorical_crossentropy', {}, [1], P4, on('torch'))), [-Math.log(EPS)], F64_TOL);
    expect(Number.isNaN((value(fn('sparse_categorical_crossentropy', {}, [1], P4, on('jax'))) as number[])[0])).toBe(true);
    expect(Number.isNaN((value(fn('sparse_categorical_crossentropy', {}, [1], P4, on('numpy'))) as number[])[0])).toBe(true);
  });
});

describe('labels are cast to integers as each backend casts them (B8-B10)', () => {
  const P = [[0.2, 0.3, 0.5], [0.1, 0.6, 0.3], [0.3, 0.3, 0.4]];

  it('test_scce_fractional_label_truncates_toward_zero_with_a_warning_naming_the_entry', () => {
    for (const b of ['jax', 'tensorflow', 'torch', 'numpy'] as const) {
      const r = fn('sparse_categorical_crossentropy', {}, [1.9, -0.5, 2], P, on(b));
      expectClose(value(r), [-Math.log(0.3), -Math.log(0.1), -Math.log(0.4)], F64_TOL);
      const w = r.warnings.find((x) => x.code === 'label_truncated');
      expect(w?.index).toEqual([0]);
      expect(w?.message).toMatch(/y_true\[0\] = 1\.9 is read as class 1/);
    }
  });

  it('test_scce_label_is_rounded_to_the_compute_dtype_first (edge-fn_scce-fraclabel-005: 0.99999999 is class 1 in float32, 0 in float64)', () => {
    const Z = [[3.97982, 0.0235457, -0.0995412]];
    expectClose(value(fn('sparse_categorical_crossentropy', { from_logits: true }, [0.99999999], Z, on('jax', 'float32'))), [3.99169207], F32_TOL);
    expectClose(value(fn('sparse_categorical_crossentropy', { from_logits: true }, [0.99999999], Z, on('jax'))), [0.0354178566433], F64_TOL);
    // 2.9999999 is 3.0 in float32: out of range, so TensorFlow raises there but computes class 2 in float64.
    expect(() => fn('sparse_categorical_crossentropy', {}, [2.9999999], [[0.2, 0.3, 0.5]], on('tensorflow', 'float32'))).toThrow(EngineError);
    expectClose(value(fn('sparse_categorical_crossentropy', {}, [2.9999999], [[0.2, 0.3, 0.5]], on('tensorflow'))), [-Math.log(0.5)], F64_TOL);
  });

  it('test_scce_ignore_class_is_compared_before_the_cast (edge-fn_scce-ignore-007: 1.5 with ignore_class=1 is class 1)', () => {
    const P2 = [[0.181334, 0.433033, 0.385634], [0.908128, 0.0638963, 0.0279761], [0.115215, 0.498968, 0.385817], [0.208893, 0.316675, 0.474432]];
    for (const b of ['jax', 'tensorflow', 'torch', 'numpy'] as const) {
      expectClose(value(fn('sparse_categorical_crossentropy', { ignore_class: 1 }, [1.5, 1.0, 0.0, 1.9], P2, on(b))),
        [0.836942341412, 0.0, 2.16095533086, 1.14987926761], F32_TOL);
    }
  });

  it('test_scce_out_of_range_label_jax_scores_zero_and_warns', () => {
    const r = fn('sparse_categorical_crossentropy', {}, [1, 7, -2], P, on('jax'));
    expectClose(value(r), [-Math.log(0.3), 0, 0], F64_TOL);
    const w = r.warnings.find((x) => x.code === 'label_out_of_range');
    expect(w?.index).toEqual([1]);
  });

  it('test_scce_out_of_range_label_tensorflow_raises_naming_y_true_i', () => {
    const e = engineError(() => fn('sparse_categorical_crossentropy', {}, [1, -1, 2], P, on('tensorflow')));
    expect(e.field).toBe('y_true');
    expect(e.index).toEqual([1]);
    expect(e.message).toMatch(/y_true\[1\].*-1.*\[0, 3\)/);
  });

  it('test_scce_torch_raises_except_minus_100_which_nll_loss_ignores (edge-fn_scce-oor-006)', () => {
    const P2 = [[0.55643, 0.183635, 0.259935], [0.638278, 0.0641801, 0.297541], [0.23284, 0.279381, 0.487779]];
    expectClose(value(fn('sparse_categorical_crossentropy', {}, [-100, 0, 0], P2, on('torch'))), [0, 0.448980453865, 1.45740375658], F64_TOL);
    // −100.5 truncates to −100 too; its row has a zero gradient.
    const g = grad(loss(SCCE, { reduction: 'sum' }, [-100.5, 0, 0], P2, on('torch'))) as number[][];
    expect(g[0]).toEqual([0, 0, 0]);
    const e = engineError(() => fn('sparse_categorical_crossentropy', {}, [0, -1, 0], P2, on('torch')));
    expect(e.index).toEqual([1]);
    expect(e.message).toMatch(/Target -1 is out of bounds/);
  });

  it('test_scce_numpy_raises_for_labels_at_least_C_and_scores_negatives_zero (edge-fn_scce-oor-003)', () => {
    const P2 = [[0.543177, 0.140721, 0.316102], [0.279951, 0.569446, 0.150604], [0.0657623, 0.826622, 0.107616]];
    expectClose(value(fn('sparse_categorical_crossentropy', {}, [1, 2, -1], P2, on('numpy'))), [1.96097612, 1.89310253, 0], F32_TOL);
    const e = engineError(() => fn('sparse_categorical_crossentropy', {}, [1, 3, 0], P2, on('numpy')));
    expect(e.index).toEqual([1]);
    expect(e.message).toMatch(/index 3 is out of bounds/);
  });

  it('test_scce_nan_label: JAX Loss reads class 0, NumPy scores 0, TF and torch raise (INT64_MIN) (edge-SCCE-nan-label-003)', () => {
    const P2 = [[0.0639576, 0.142231, 0.793811], [0.113299, 0.395925, 0.490775], [0.558323, 0.173451, 0.268226]];
    const cfg = { reduction: 'mean_with_sample_weight' };
    expectClose(scalar(loss(SCCE, cfg, [NaN, 1, 0], P2, on('jax'))), 1.4196272086, F64_TOL);
    expectClose(scalar(loss(SCCE, cfg, [NaN, 1, 0], P2, on('numpy', 'float32'))), 0.503115714, F32_TOL);
    for (const b of ['tensorflow', 'torch'] as const) {
      const e = engineError(() => loss(SCCE, cfg, [NaN, 1, 0], P2, on(b)));
      expect(e.index).toEqual([0]);
      expect(e.message).toMatch(/-9223372036854775808/);
    }
  });
});

describe('class axis and torch autodiff (B12)', () => {
  it('test_scce_torch_accepts_a_non_last_axis (edge-fn_scce-axis-002), JAX NumPy and TF raise', () => {
    const P = [[0.0383396, 0.210371], [0.0784769, 0.517619], [0.883184, 0.27201]];
    expectClose(value(fn('sparse_categorical_crossentropy', { axis: 0 }, [1, 0], P, on('torch'))), [2.54495146501, 1.55888264032], F64_TOL);
    for (const b of ['jax', 'tensorflow', 'numpy'] as const) {
      expect(() => fn('sparse_categorical_crossentropy', { axis: 0 }, [1, 0], P, on(b))).toThrow(EngineError);
    }
  });

  it('test_scce_jax_numpy_compute_along_a_non_last_axis_when_the_shapes_still_match: y_pred (3, 3), axis=0', () => {
    // Their only check is y_true.shape == y_pred.shape[:-1]; one_hot(y_true, axis=0) then fits y_pred.
    const P = [[0.2, 0.5, 0.1], [0.3, 0.25, 0.6], [0.5, 0.25, 0.3]];
    const want = [-Math.log(0.3), -Math.log(0.5), -Math.log(0.3)];
    for (const b of ['jax', 'numpy', 'torch'] as const) {
      expectClose(value(fn('sparse_categorical_crossentropy', { axis: 0 }, [1, 0, 2], P, on(b))), want, F64_TOL);
    }
    expect(() => fn('sparse_categorical_crossentropy', { axis: 0 }, [1, 0, 2], P, on('tensorflow'))).toThrow(EngineError);
  });

  it('test_scce_torch_autodiff_raises_on_rank4_probabilities (edge-SCCE-sw-neg-002): value kept, gradError set', () => {
    const P = [[[[0.3, 0.3, 0.4], [0.2, 0.5, 0.3]], [[0.1, 0.1, 0.8], [0.6, 0.2, 0.2]]]];
    const Y = [[[0, 1], [2, 0]]];
    const r = loss(SCCE, {}, Y, P, on('torch'));
    expect(r.gradError).toMatch(/grad_input must be contiguous/);
    expect(r.grad).toBeUndefined();
    expectClose(scalar(r), scalar(loss(SCCE, {}, Y, P, on('jax'))), F64_TOL);
    expect(loss(SCCE, { from_logits: true }, Y, P, on('torch')).gradError).toBeUndefined();
  });
});

describe('per-backend gradients agree with finite differences away from the clip bounds', () => {
  const Y = [2, 0, 1];
  const P = [0.7, 0.2, 0.4, 0.3, 0.3, 0.5, 0.25, 0.5, 0.15];
  for (const b of ['jax', 'tensorflow', 'torch'] as const) {
    for (const from_logits of [false, true]) {
      it(`test_scce_${b}_${from_logits ? 'logits' : 'probabilities'}_gradient_matches_finite_differences`, () => {
        const call = (d: Float64Array, g: boolean) => evaluate(
          { kind: 'loss', name: SCCE, config: { from_logits, reduction: 'sum' }, y_true: Y, y_pred: { shape: [3, 3], data: d }, sample_weight: [0.5, 1.5, 2] },
          { dtype: 'float64', grad: g, kerasBackend: b },
        ) as LossResult;
        const x = Float64Array.from(P);
        const numeric = centralDifference((d) => call(d, false).value.data[0], x);
        expectClose(call(x, true).grad!.data, numeric, FD_TOL, 'grad');
      });
    }
  }
  it('test_scce_label_warnings_are_not_given_for_integer_labels', () => {
    expect(warningCodes(fn('sparse_categorical_crossentropy', {}, [2, 0, 1], [[0.1, 0.2, 0.7], [0.5, 0.3, 0.2], [0.2, 0.6, 0.2]], on('tensorflow')))).toEqual([]);
  });
});
