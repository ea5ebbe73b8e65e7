/**
 * KLDivergence and Poisson per Keras backend (issue 10), and the reductions every loss shares.
 * Expected numbers are the recorded Keras 3.15.1 values of test/conformance/backends.jsonl (ids
 * named in each test) or were printed by Keras 3.15.1 on each backend for these literal inputs.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type KerasBackend, type LossResult, type Nested, type TensorLike } from '../../../src/engine';
import { expectClose } from '../../helpers/close';
import { centralDifference } from '../../helpers/fd';

const BACKENDS: readonly KerasBackend[] = ['tensorflow', 'jax', 'torch'];
const GRAD_TOL = { rtol: 1e-5, atol: 1e-8 };
const NaN_ = Number.NaN;

function run(
  name: string, config: Record<string, unknown>, yTrue: TensorLike, yPred: TensorLike, kerasBackend: KerasBackend,
  sampleWeight: TensorLike | null = null, kind: 'loss' | 'function' = 'loss',
): LossResult {
  const req = kind === 'loss'
    ? { kind, name, config, y_true: yTrue, y_pred: yPred, sample_weight: sampleWeight }
    : { kind, name, config, y_true: yTrue, y_pred: yPred };
  return evaluate(req, { dtype: 'float64', kerasBackend, kernels: 'never' }) as LossResult;
}

const flat = (x: Nested): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
const gradOf = (r: LossResult) => Array.from(r.grad!.data);

/** Elementwise, NaN matching NaN (the recorded gradients carry NaN where the backend gives it). */
function expectSame(actual: number[], expected: number[], tol = GRAD_TOL): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    if (Number.isNaN(expected[i])) expect(a, `entry ${i}`).toBeNaN();
    else expectClose(a, expected[i], tol);
  });
}

describe('KLDivergence gradient on a clip bound', () => {
  it('test_kld_jax_half_gradient_on_upper_bound_1 (edge-KLD-bound-008): JAX −0.5, TF/torch −1.0', () => {
    const y = [[1, 0, 0]], p = [[1, 0, 0]];
    expectSame(gradOf(run('KLDivergence', {}, y, p, 'jax')), [-0.5, 0, 0]);
    for (const b of ['tensorflow', 'torch'] as const) expectSame(gradOf(run('KLDivergence', {}, y, p, b)), [-1, 0, 0]);
  });

  it('test_kld_jax_half_gradient_on_lower_bound_eps (edge-KLD-bound-004): y_pred = 1e-7 passes half on JAX', () => {
    const y = [[0, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]];
    const p = [[0.442535, 1e-7, 1.5], [-0.1, 0.558759, 0.267012], [0.0779046, 0.0466359, 1e-8], [0.20561, 0.0779608, 0]];
    const rest = [-0.4474200863, -9.362875077e-8, -3.209053124e-7, -5.360677075e-7, 0, -1.215894169, -3.206739797e-7, 0];
    const want = (onBound: number) => [-5.649270679e-8, onBound, 0, 0, ...rest];
    expectSame(gradOf(run('KLDivergence', {}, y, p, 'jax')), want(-1250000));
    for (const b of ['tensorflow', 'torch'] as const) expectSame(gradOf(run('KLDivergence', {}, y, p, b)), want(-2500000));
  });
});

describe('KLDivergence with NaN inputs', () => {
  it('test_kld_tensorflow_torch_gradient_zero_at_nan_pred (edge-KLD-nan-pred-002): JAX NaN', () => {
    const y = [[0.196773, 0.160508, 0.642718], [0.596761, 0.0809046, 0.322334], [0.728011, 0.126871, 0.145119]];
    const p = [[0.146381, NaN_, 0.672973], [0.949209, 0.0130309, 0.0377598], [0.143029, NaN_, 0.808223]];
    const g = (atNaN: number) => [-0.4480841093, atNaN, -0.318347591, -0.2095643144, -2.069557744, -2.845477642,
      -1.696651262, atNaN, -0.05985105596];
    for (const b of BACKENDS) {
      const r = run('KLDivergence', { reduction: 'mean' }, y, p, b);
      expect(r.value.data[0]).toBeNaN();
      expectSame(gradOf(r), g(b === 'jax' ? NaN_ : 0));
    }
  });

  it('test_kld_tensorflow_torch_clip_gradient_selects_zero_under_nan_weight (edge-KLD-sw-nan-001): JAX NaN', () => {
    const y = [0.411188, 0.311014, 0.277798], p = [0, 0.00464351, 0.152226], sw = [NaN_, 0.827577, 0.563515];
    expectSame(gradOf(run('KLDivergence', { reduction: 'sum' }, y, p, 'jax', sw)), [NaN_, NaN_, NaN_]);
    for (const b of ['tensorflow', 'torch'] as const) {
      expectSame(gradOf(run('KLDivergence', { reduction: 'sum' }, y, p, b, sw)), [0, NaN_, NaN_]);
    }
  });

  it('test_kld_zero_weight_does_not_hide_a_nan_derivative: 0 · NaN = NaN on every backend', () => {
    // Printed by Keras 3.15.1 (float64) on each backend.
    const y = [[NaN_, 0.3, 0.2], [0.5, 0.5, 0.1]], p = [[0.3, NaN_, 0], [0.5, NaN_, 2]];
    expectSame(gradOf(run('KLDivergence', { reduction: 'sum' }, y, p, 'jax', [0, 1])), [NaN_, NaN_, 0, -1, NaN_, 0]);
    for (const b of ['tensorflow', 'torch'] as const) {
      expectSame(gradOf(run('KLDivergence', { reduction: 'sum' }, y, p, b, [0, 1])), [NaN_, 0, 0, -1, 0, 0]);
    }
  });

  it('test_kld_nan_term_warning_names_the_cell', () => {
    const r = run('KLDivergence', {}, [[0.2, 0.8]], [[0.5, NaN_]], 'tensorflow');
    const w = r.warnings.find((x) => x.code === 'nan');
    expect(w?.field).toBe('y_pred');
    expect(w?.index).toEqual([0, 1]);
    expect(w?.message).toContain('per_entry');
  });
});

describe('Poisson per backend', () => {
  const Y = [9, 10, 7], P = [4.02081, 1e-9, 6.16084];

  it('test_poisson_jax_torch_float64_mean_is_float32 (edge-m_POIS-mixed-001): TF keeps float64', () => {
    // JAX and torch: Keras's ops.mean computes in float32 (48.6707572937 recorded on both).
    for (const b of ['jax', 'torch'] as const) {
      const v = run('poisson', {}, Y, P, b, null, 'function').value.data[0];
      expect(v).toBe(Math.fround(48.67075729370117));
    }
    expectClose(run('poisson', {}, Y, P, 'tensorflow', null, 'function').value.data[0], 48.67075352251906, { rtol: 1e-12, atol: 0 });
  });

  it('test_poisson_zero_weight_does_not_hide_a_nan_derivative (every backend)', () => {
    const y = [[NaN_, 0.3, 0.2], [0.5, 0.5, 0.1]], p = [[0.3, NaN_, 0], [0.5, NaN_, 2]];
    for (const b of BACKENDS) {
      expectSame(gradOf(run('Poisson', { reduction: 'sum' }, y, p, b, [0, 1])), [NaN_, NaN_, 0, 6.666666e-8, NaN_, 0.3166666667],
        { rtol: 1e-6, atol: 1e-12 });
    }
  });

  it('test_poisson_nan_warning_names_the_cause: y_pred below −1e-7', () => {
    const r = run('Poisson', {}, [[1, 1]], [[-0.5, 1]], 'jax');
    const w = r.warnings.find((x) => x.code === 'nan');
    expect(w?.index).toEqual([0, 0]);
    expect(w?.message).toContain('below −1e-7');
  });
});

describe('finite differences of the per-backend gradients away from the clip bounds', () => {
  const y = [[0.2, 0.5, 0.3], [0.7, 0.1, 0.2]];
  const p = [[0.3, 0.4, 0.3], [0.25, 0.6, 0.15]];
  const sw = [0.7, 1.9];
  for (const name of ['KLDivergence', 'Poisson']) {
    for (const b of BACKENDS) {
      it(`${name} on ${b}: analytic gradient = central differences`, () => {
        const r = run(name, { reduction: 'sum' }, y, p, b, sw);
        const f = (x: Float64Array) => run(name, { reduction: 'sum' }, y, { shape: [2, 3], data: x }, 'tensorflow', sw).value.data[0];
        expectClose(gradOf(r), Array.from(centralDifference(f, flat(p))), { rtol: 1e-6, atol: 1e-8 });
      });
    }
  }
});

describe('reductions on torch float64 (divide_no_nan in float32)', () => {
  it('test_torch_float64_reduced_loss_divides_in_float32 (edge-KLD-bound-004)', () => {
    const y = [[0, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]];
    const p = [[0.442535, 1e-7, 1.5], [-0.1, 0.558759, 0.267012], [0.0779046, 0.0466359, 1e-8], [0.20561, 0.0779608, 0]];
    const v = (b: KerasBackend) => run('KLDivergence', {}, y, p, b).value.data[0];
    expect(v('torch')).toBe(Math.fround(8.59999847412));
    expectClose(v('tensorflow'), 8.59999844895, { rtol: 1e-10, atol: 0 });
    expectClose(v('jax'), 8.59999844895, { rtol: 1e-10, atol: 0 });
  });

  it('test_torch_weight_sum_that_underflows_float32_gives_0 (mean_with_sample_weight)', () => {
    // Keras 3.15.1: torch 0.0; JAX 1.0965733528137207; TensorFlow 1.0965734402799852.
    const v = (b: KerasBackend) =>
      run('Poisson', { reduction: 'mean_with_sample_weight' }, [[1, 1]], [[0.5, 1]], b, [1e-50]).value.data[0];
    expect(v('torch')).toBe(0);
    expectClose(v('jax'), 1.0965733528137207, { rtol: 1e-15, atol: 0 });
    expectClose(v('tensorflow'), 1.0965734402799852, { rtol: 1e-15, atol: 0 });
  });
});
