/**
 * The metric fold (Keras `Mean`: total and count, result() = divide_no_nan(total, count)) per Keras
 * backend (issue 10), and float32 sums at scale. Expected numbers are recorded Keras 3.15.1 values
 * of test/conformance/backends.jsonl (ids named) or were printed by Keras 3.15.1 on each backend.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluate, KERAS_BACKENDS, type DType, type KerasBackend, type LossResult, type MetricResult, type MetricUpdate,
} from '../../../src/engine';
import { expectClose } from '../../helpers/close';

const NaN_ = Number.NaN;

function results(
  name: string, updates: MetricUpdate[], kerasBackend: KerasBackend, dtype: DType = 'float64', reset_before?: number[],
): number[] {
  const r = evaluate({ kind: 'metric', name, config: {}, updates, reset_before }, { dtype, kerasBackend, kernels: 'never' });
  return (r as MetricResult).results;
}

describe('a NaN update', () => {
  const nanUpdate: MetricUpdate = { y_true: [[NaN_, 1]], y_pred: [[0.5, 1]] };
  const fine: MetricUpdate = { y_true: [[1, 1]], y_pred: [[0.5, 1]] };

  for (const b of KERAS_BACKENDS) {
    it(`test_metric_nan_update_keeps_result_nan_until_reset_state on ${b}`, () => {
      // torch's binary_cross_entropy raises on a NaN target instead ("all elements of target should be between 0 and 1").
      const names = ['Poisson', 'KLDivergence', 'CategoricalCrossentropy', ...(b === 'torch' ? [] : ['BinaryCrossentropy'])];
      for (const name of names) {
        const r = results(name, [fine, nanUpdate, fine, fine, fine], b, 'float32', [3]);
        expect(Number.isFinite(r[0]), name).toBe(true);
        expect(r[1], name).toBeNaN();
        expect(r[2], `${name}: total stays NaN`).toBeNaN();
        expect(r[3], `${name}: reset_state() clears it`).toBe(r[0]);
        expect(r[4], name).toBe(r[0]);
      }
    });
  }

  it('test_metric_zero_count_result_is_0_even_with_a_nan_total (divide_no_nan, every backend)', () => {
    // Keras 3.15.1 (float64) on JAX, TensorFlow and torch: 0.0, then NaN, then 1.0965733528137207
    // (TensorFlow 1.0965734402799852) after reset_state().
    for (const b of ['jax', 'tensorflow', 'torch'] as const) {
      const r = results('Poisson', [{ ...nanUpdate, sample_weight: [0] }, fine, fine], b, 'float64', [2]);
      expect(r[0]).toBe(0);
      expect(r[1]).toBeNaN();
      expectClose(r[2], b === 'tensorflow' ? 1.0965734402799852 : 1.0965733528137207, { rtol: 1e-15, atol: 0 });
    }
  });
});

describe('float64 metric results per backend', () => {
  // edge-m_KLD-sw-scalar-001: a scalar sample_weight makes Keras average the per-sample values over
  // the batch with ops.mean, which JAX and torch compute in float32; torch's divide_no_nan then
  // divides float32 operands in float32.
  const update: MetricUpdate = {
    y_true: [[0.413238, 0.586762], [0.878526, 0.121474], [0.751616, 0.248384]],
    y_pred: [[0.507321, 0.492679], [0, 1], [0.433625, 0.566375]],
    sample_weight: -1,
  };
  const recorded: Record<string, number> = { tensorflow: 4.67225976424, jax: 4.67226028442, torch: 4.67225980759 };

  for (const b of ['tensorflow', 'jax', 'torch'] as const) {
    it(`test_metric_${b}_scalar_weight_batch_mean: ${recorded[b]}`, () => {
      expectClose(results('KLDivergence', [update], b)[0], recorded[b], { rtol: 1e-10, atol: 0 });
    });
  }

  it('test_metric_torch_result_is_float32: torch rounds result() to float32, JAX keeps float64 (edge-m_POIS-mixed-001)', () => {
    const u: MetricUpdate[] = [
      { y_true: [9, 10, 7], y_pred: [4.02081, 1e-9, 6.16084] },
      { y_true: [[1, 2, 3, 4], [2, 2, 1, 3]], y_pred: [[5.43124, 0.536134, 7.19395, 1e-9], [4.22363, 1e-9, 5.37831, 7.0978]] },
    ];
    const torch = results('Poisson', u, 'torch');
    const jax = results('Poisson', u, 'jax');
    const tf = results('Poisson', u, 'tensorflow');
    expect(torch.every((v) => v === Math.fround(v))).toBe(true);
    expectClose(jax, [48.6707572937, 25.3653914134], { rtol: 1e-10, atol: 0 });
    expectClose(tf[0], 48.67075352251906, { rtol: 1e-12, atol: 0 });
  });

  it('test_metric_torch_weight_sum_that_underflows_float32_gives_0', () => {
    // Keras 3.15.1: torch 0.0 (count 1e-50 is 0 in float32); JAX 1.0965733528137207.
    const u: MetricUpdate = { y_true: [[1, 1]], y_pred: [[0.5, 1]], sample_weight: [1e-50] };
    expect(results('Poisson', [u], 'torch')[0]).toBe(0);
    expectClose(results('Poisson', [u], 'jax')[0], 1.0965733528137207, { rtol: 1e-15, atol: 0 });
  });
});

describe('float32 sums at scale (issue 10)', () => {
  // BinaryCrossentropy of [0,1]/[0.5,0.25], [1,0]/[0.9,0.3], [1,1]/[0.61,0.07] tiled to 1,000,000
  // samples: Keras on JAX prints 0.9491722; a running float32 sum drifts to 0.9506142.
  const N = 1_000_000;
  const T = [[0, 1], [1, 0], [1, 1]], P = [[0.5, 0.25], [0.9, 0.3], [0.61, 0.07]];
  const yTrue = new Float32Array(2 * N), yPred = new Float32Array(2 * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < 2; j++) [yTrue[2 * i + j], yPred[2 * i + j]] = [T[i % 3][j], P[i % 3][j]];
  }
  const tensors = { y_true: { shape: [N, 2], data: yTrue }, y_pred: { shape: [N, 2], data: yPred } };
  const KERAS_JAX = 0.9491722;

  it('test_bce_float32_mean_of_a_million_samples_matches_keras_jax (loss, reference engine)', () => {
    const r = evaluate({ kind: 'loss', name: 'BinaryCrossentropy', config: {}, ...tensors },
      { dtype: 'float32', kerasBackend: 'jax', kernels: 'never', grad: false }) as LossResult;
    expectClose(r.value.data[0], KERAS_JAX, { rtol: 1e-5, atol: 0 });
  });

  it('test_bce_metric_float32_over_a_million_samples_matches_keras_jax (reference engine)', () => {
    expectClose(results('BinaryCrossentropy', [tensors], 'jax', 'float32')[0], KERAS_JAX, { rtol: 1e-5, atol: 0 });
  });
});
