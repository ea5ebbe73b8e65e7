/**
 * BinaryCrossentropy / BinaryFocalCrossentropy on each Keras 3 backend (spec §8 B1, B2, B6, B11):
 * one test per place where the backends part ways, named for what differs, with literal inputs
 * and numbers either recorded from Keras 3.15.1 (test/conformance/backends.jsonl, cited by id) or
 * derived by hand in the comment; then finite-difference checks of each backend's gradient away
 * from the clip bounds.
 */
import { describe, expect, it } from 'vitest';
import {
  EngineError, evaluate,
  type DType, type KerasBackend, type LossResult, type TensorLike,
} from '../../../src/engine';
import { EXACT, expectClose, F32_TOL, F64_TOL, FD_TOL, GRAD_TOL } from '../../helpers/close';
import { centralDifference } from '../../helpers/fd';

interface Call {
  kind?: 'loss' | 'function';
  config?: Record<string, unknown>;
  sw?: TensorLike;
  dtype?: DType;
}

function run(name: string, backend: KerasBackend, yTrue: TensorLike, yPred: TensorLike, c: Call = {}): LossResult {
  return evaluate(
    { kind: c.kind ?? 'function', name, config: c.config ?? {}, y_true: yTrue, y_pred: yPred, sample_weight: c.sw ?? null },
    { dtype: c.dtype ?? 'float64', kerasBackend: backend },
  ) as LossResult;
}
const bce = (b: KerasBackend, y: TensorLike, p: TensorLike, c: Call = {}) => run('binary_crossentropy', b, y, p, c);
const bfce = (b: KerasBackend, y: TensorLike, p: TensorLike, c: Call = {}) => run('binary_focal_crossentropy', b, y, p, c);
const vals = (r: LossResult) => Array.from(r.value.data);
const grads = (r: LossResult) => Array.from(r.grad!.data);

function expectRaises(f: () => unknown, field: string, index: number[], text: RegExp): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).field).toBe(field);
    expect((e as EngineError).index).toEqual(index);
    expect((e as EngineError).message).toMatch(text);
    return;
  }
  expect.fail('expected an EngineError');
}

/** float32 clip caps: −log(LO) and −log(1 − HI) with HI = 1 − 2^-23. */
const CAP_LO_F32 = 16.118095;
const CAP_HI_F32 = 15.942385;
const CAP_F64 = -Math.log(1e-7);

describe('BCE: gradient exactly on a clip bound (B6)', () => {
  // p = ε with y = 0: d/dp −log(1 − p) = 1/(1 − 1e-7), over D = 1. JAX's clip (maximum/minimum) splits the tie.
  it('test_bce_jax_passes_half_the_gradient_on_a_clip_bound', () => {
    expectClose(grads(bce('jax', [[0]], [[1e-7]])), [0.5 / (1 - 1e-7)], GRAD_TOL);
  });

  it('test_bce_tensorflow_and_torch_pass_the_full_gradient_on_a_clip_bound', () => {
    for (const b of ['tensorflow', 'torch'] as const) expectClose(grads(bce(b, [[0]], [[1e-7]])), [1 / (1 - 1e-7)], GRAD_TOL);
  });

  it('test_bfce_jax_halves_only_the_clipped_bce_term_on_a_bound', () => {
    // y = 1, p = ε, γ = 2: focal term −2(1 − p)·bce is whole on every backend; the bce term −(1 − p)²/p is halved on JAX.
    const full = grads(bfce('tensorflow', [[1]], [[1e-7]]))[0];
    const half = grads(bfce('jax', [[1]], [[1e-7]]))[0];
    expectClose(half - full, (1 - 1e-7) ** 2 / (2 * 1e-7), { rtol: 1e-9, atol: 0 });
  });
});

describe('BCE from logits', () => {
  it('test_bce_numpy_from_logits_takes_the_sigmoid_then_the_clipped_probability_path', () => {
    // B1: y = 0.5, z = ±50. NumPy: σ saturates in float32, each entry is clipped: (16.118095 + 15.942385)/2 / 2 + ε-terms.
    const y = [[0.5, 0.5]], z = [[50, -50]];
    const numpy = bce('numpy', y, z, { config: { from_logits: true } });
    expectClose(vals(numpy), [8.01511955], F32_TOL);
    expectClose(vals(numpy)[0], (CAP_LO_F32 + CAP_HI_F32) / 4, { rtol: 1e-6, atol: 1e-6 });
    expect(numpy.grad).toBeUndefined();
    expect(numpy.gradError).toMatch(/NumPy/);
    for (const b of ['jax', 'tensorflow', 'torch'] as const) expectClose(vals(bce(b, y, z, { config: { from_logits: true } })), [25], F64_TOL);
  });

  it('test_bce_infinite_logits_place_nan_and_inf_per_backend', () => {
    // z = +∞, y = 0 and z = −∞, y = 1, each its own sample (reduction none).
    const y = [[0], [1]], z = [[Infinity], [-Infinity]];
    const c = { kind: 'loss' as const, config: { from_logits: true, reduction: 'none' } };
    expect(vals(run('BinaryCrossentropy', 'jax', y, z, c))).toEqual([Infinity, Infinity]);
    // TensorFlow: max(z, 0) − z·y = ∞ − ∞·0 = NaN.
    expect(vals(run('BinaryCrossentropy', 'tensorflow', y, z, c))).toEqual([NaN, Infinity]);
    // torch: (1 − y)·z − log σ(z) = 0·(−∞) − (−∞) = NaN.
    expect(vals(run('BinaryCrossentropy', 'torch', y, z, c))).toEqual([Infinity, NaN]);
    // NumPy: σ(±∞) = 1, 0, then the float32 clip caps.
    expectClose(vals(run('BinaryCrossentropy', 'numpy', y, z, c)), [CAP_HI_F32, CAP_LO_F32], F32_TOL);
    // The gradient σ(z) − y is 1 and −1 on jax, TensorFlow and torch alike.
    for (const b of ['jax', 'tensorflow', 'torch'] as const) expect(grads(run('BinaryCrossentropy', b, y, z, c))).toEqual([1, -1]);
  });
});

describe('BFCE from logits (B2)', () => {
  it('test_bfce_tensorflow_from_logits_is_unclipped', () => {
    // y = 0, z = 100, γ = 0: TensorFlow's bce is max(z, 0) − z·y + log1p(e^−|z|) = 100; the others clip σ(z) = 1 to 1 − ε.
    const c = { config: { from_logits: true, gamma: 0 } };
    expectClose(vals(bfce('tensorflow', [[0]], [[100]], c)), [100], F64_TOL);
    for (const b of ['jax', 'torch'] as const) expectClose(vals(bfce(b, [[0]], [[100]], c)), [CAP_F64], { rtol: 2e-6, atol: 0 });
    // Gradient: TensorFlow σ(z) − y = 1; jax and torch see a clipped, saturated probability: 0.
    expectClose(grads(bfce('tensorflow', [[0]], [[100]], c)), [1], GRAD_TOL);
    for (const b of ['jax', 'torch'] as const) expectClose(grads(bfce(b, [[0]], [[100]], c)), [0], EXACT);
  });

  it('test_bfce_tensorflow_from_logits_matches_recorded_keras', () => {
    // edge-fn_bfce-logit-huge-009, recorded on each backend (value_f64 / value).
    const y = [[1, 0, 1, 1, 0], [1, 1, 0, 0, 0], [0, 0, 0, 0, 1]];
    const z = [[-100, 1.44608, -4.11089, -100, -0.0629902], [-100, 30, -1.11443, -100, 100], [0.596712, 100, -10000, -0.413803, -100]];
    const config = { from_logits: true, gamma: 0.5, apply_class_balancing: true };
    expectClose(vals(bfce('tensorflow', y, z, { config })), [10.4974889934, 20.0211552209, 20.1727441095], F64_TOL);
    expectClose(vals(bfce('tensorflow', y, z, { config, dtype: 'float32' })), [10.497489, 20.0211544, 20.1727448], F32_TOL);
    expectClose(vals(bfce('jax', y, z, { config })), [2.10929846764, 3.24477434158, 3.39636301994], { rtol: 2e-6, atol: 1e-9 });
    expectClose(vals(bfce('numpy', y, z, { config })), [2.10929847, 3.21841764, 3.37000656], F32_TOL);
  });
});

describe('torch range checks (B11)', () => {
  it('test_bce_torch_raises_for_a_nan_probability', () => {
    expectRaises(() => bce('torch', [[1, 0], [0, 1]], [[0.2, 0.3], [NaN, 0.4]]), 'y_pred', [1, 0], /all elements of input should be between 0 and 1/);
    for (const b of ['jax', 'tensorflow', 'numpy'] as const) expect(vals(bce(b, [[1, 0], [0, 1]], [[0.2, 0.3], [NaN, 0.4]]))[1]).toBeNaN();
  });

  it('test_bce_torch_raises_for_a_target_outside_0_1', () => {
    expectRaises(() => bce('torch', [[1, 1.5]], [[0.2, 0.3]]), 'y_true', [0, 1], /all elements of target should be between 0 and 1/);
    expectRaises(() => bfce('torch', [[0, Infinity]], [[0.2, 0.3]]), 'y_true', [0, 1], /target/);
    // Label smoothing −0.2 moves y = 1 to 1.1 (and y = 0 to −0.1).
    expectRaises(() => bce('torch', [[1, 0]], [[0.2, 0.3]], { config: { label_smoothing: -0.2 } }), 'y_true', [0, 0], /= 1 becomes 1\.0999\d* after label smoothing/);
    expect(vals(bce('jax', [[1, 1.5]], [[0.2, 0.3]]))[0]).toBeGreaterThan(0);
  });

  it('test_bce_torch_from_logits_does_not_check_targets', () => {
    // binary_cross_entropy_with_logits has no range check: y = 1.5, z = 0 gives log 2 − 0 = 0.6931.
    expectClose(vals(bce('torch', [[1.5]], [[0]], { config: { from_logits: true } })), [Math.LN2], F64_TOL);
  });

  it('test_bfce_torch_from_logits_raises_for_a_nan_logit', () => {
    // BFCE takes σ(z) into the probability BCE on torch, so a NaN logit fails the input check.
    expectRaises(() => bfce('torch', [[0, 1]], [[0.5, NaN]], { config: { from_logits: true } }), 'y_pred', [0, 1], /input/);
  });

  it('test_bfce_torch_checks_in_memory_order_input_before_target', () => {
    expectRaises(() => bfce('torch', [[2, 0]], [[NaN, 0.5]]), 'y_pred', [0, 0], /input/);
    expectRaises(() => bfce('torch', [[2, 0]], [[0.5, NaN]]), 'y_true', [0, 0], /target/);
  });
});

describe('non-finite inputs in the gradient (B11)', () => {
  it('test_bce_tensorflow_gradient_is_0_at_a_nan_probability', () => {
    // edge-BCE-nan-pred-001: TensorFlow's clip gradient selects, so the NaN entry gets 0; JAX multiplies: NaN.
    const y = [[0, 1]], p = [[NaN, 0.25]];
    expect(grads(bce('tensorflow', y, p))).toEqual([0, -1 / (2 * 0.25)]);
    expect(grads(bce('jax', y, p))[0]).toBeNaN();
  });

  it('test_bce_tensorflow_and_torch_gradient_is_0_where_a_nan_weight_meets_a_clipped_probability', () => {
    // edge-BCE-sw-nan-002: sample_weight NaN on a row whose probabilities 1 and 0 are clipped.
    const y = [[0.5, 0.5], [1, 0]], p = [[1, 0], [0.3, 0.4]];
    const c = { kind: 'loss' as const, sw: [NaN, 1], config: { reduction: 'sum' } };
    for (const b of ['tensorflow', 'torch'] as const) {
      const g = grads(run('BinaryCrossentropy', b, y, p, c));
      expect(g.slice(0, 2)).toEqual([0, 0]);
      expectClose(g.slice(2), [-1 / (2 * 0.3), 1 / (2 * 0.6)], GRAD_TOL);
    }
    expect(grads(run('BinaryCrossentropy', 'jax', y, p, c)).slice(0, 2)).toEqual([NaN, NaN]);
  });

  it('test_bfce_torch_gamma0_gradient_is_0_where_p_t_is_1', () => {
    // y = 1, p = 1, γ = 0: the focal term's γ·q^(γ−1) is 0·∞ = NaN on jax and TensorFlow; torch's pow_backward returns 0.
    const c = { config: { gamma: 0 } };
    expect(grads(bfce('torch', [[1]], [[1]], c))).toEqual([0]);
    for (const b of ['jax', 'tensorflow'] as const) expect(grads(bfce(b, [[1]], [[1]], c))[0]).toBeNaN();
  });
});

describe('float64 per-sample mean (B15)', () => {
  it('test_bce_jax_float64_mean_sums_float32_entries_in_order', () => {
    // Keras 3.15.1 on JAX (x64) and TensorFlow, printed for this input; the entries cancel
    // (label smoothing −0.2 makes some negative), so the float32 summation order shows at 2e-6.
    const y = [[1, 0, 1, 1]], p = [[0.99999988, 1e-8, 0.094998, 0.545031]];
    const config = { label_smoothing: -0.2 };
    expectClose(vals(bce('jax', y, p, { config })), [-0.009306952357292175], { rtol: 1e-12, atol: 0 });
    expectClose(vals(bce('tensorflow', y, p, { config })), [-0.00930697361182059], { rtol: 1e-9, atol: 0 });
  });
});

describe('steps say what the backend computed', () => {
  const steps = (b: KerasBackend, name: string) => (evaluate(
    { kind: 'function', name, config: { from_logits: true }, y_true: [[1, 0]], y_pred: [[2, -1]] },
    { kerasBackend: b, steps: true },
  ) as LossResult).steps!.map((s) => s.name);

  it('test_bfce_tensorflow_steps_show_the_logits_bce', () => {
    expect(steps('tensorflow', 'binary_focal_crossentropy')).toContain('bce_logits');
    expect(steps('jax', 'binary_focal_crossentropy')).toContain('p_clipped');
  });

  it('test_bce_numpy_steps_show_the_clip_after_the_sigmoid', () => {
    expect(steps('numpy', 'binary_crossentropy')).toEqual(['sigmoid', 'p_clipped', 'per_entry', 'per_sample']);
    expect(steps('jax', 'binary_crossentropy')).not.toContain('p_clipped');
  });
});

describe('finite differences of each backend\'s gradient (away from the clip bounds)', () => {
  const y = [[0, 1, 0.3], [1, 0.6, 0]];
  const probs = [[0.2, 0.7, 0.45], [0.35, 0.9, 0.05]];
  const logits = [[-1.3, 0.4, 2.2], [0.8, -2.5, 3.1]];
  const cases: [string, string, number[][], Record<string, unknown>][] = [
    ['BCE probabilities', 'BinaryCrossentropy', probs, {}],
    ['BCE logits, smoothed', 'BinaryCrossentropy', logits, { from_logits: true, label_smoothing: 0.2 }],
    ['BFCE probabilities, balanced', 'BinaryFocalCrossentropy', probs, { gamma: 1.5, apply_class_balancing: true }],
    ['BFCE logits', 'BinaryFocalCrossentropy', logits, { from_logits: true, gamma: 2.5, alpha: 0.4, apply_class_balancing: true }],
  ];
  const call = (config: Record<string, unknown>) => ({ kind: 'loss' as const, sw: [0.7, 1.9], config: { ...config, reduction: 'sum' } });

  // TensorFlow's float64 is float64 throughout, so its forward pass is smooth enough for h = 1e-6.
  it.each(cases)('tensorflow: %s', (_what, name, p, config) => {
    const f = (x: Float64Array) => run(name, 'tensorflow', y, [Array.from(x.slice(0, 3)), Array.from(x.slice(3))], call(config)).value.data[0];
    expectClose(grads(run(name, 'tensorflow', y, p, call(config))), centralDifference(f, p.flat()), FD_TOL);
  });

  // JAX and torch round the float64 per-sample mean to float32 (B15), which drowns a central difference
  // in rounding noise; away from the bounds their math is TensorFlow's, so their autodiff must agree with
  // the finite-difference-checked TensorFlow gradient.
  it.each(cases)('jax and torch agree with the checked TensorFlow gradient: %s', (_what, name, p, config) => {
    const tf = grads(run(name, 'tensorflow', y, p, call(config)));
    for (const b of ['jax', 'torch'] as const) expectClose(grads(run(name, b, y, p, call(config))), tf, GRAD_TOL);
  });
});
