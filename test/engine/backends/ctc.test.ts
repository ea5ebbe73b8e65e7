/**
 * CTC on each Keras backend: one test per difference, with literal inputs and the numbers Keras
 * 3.15.1 recorded (test/conformance/backends.jsonl), plus finite-difference checks of each
 * backend's gradient away from kinks.
 */
import { describe, expect, it } from 'vitest';
import { EngineError, evaluate, type DType, type KerasBackend, type LossResult, type TensorLike } from '../../../src/engine';
import { centralDifference } from '../../helpers/fd';

type Kind = 'loss' | 'function';
function run(kind: Kind, yTrue: TensorLike, yPred: TensorLike, kerasBackend: KerasBackend, o: { dtype?: DType; config?: Record<string, unknown>; grad?: boolean } = {}): LossResult {
  return evaluate(
    { kind, name: kind === 'loss' ? 'CTC' : 'ctc', config: o.config ?? {}, y_true: yTrue, y_pred: yPred },
    { kerasBackend, dtype: o.dtype ?? 'float64', grad: o.grad },
  ) as LossResult;
}
const values = (r: LossResult): number[] => Array.from(r.value.data);
const grads = (r: LossResult): number[] => Array.from(r.grad!.data);
function close(actual: number[], expected: number[], rtol: number, atol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    if (Number.isNaN(expected[i])) expect(a, `[${i}]`).toBeNaN();
    else expect(Math.abs(a - expected[i]), `[${i}]: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(atol + rtol * Math.abs(expected[i]));
  });
}
const VAL = [1e-5, 1e-5] as const; // CTC is float32 inside Keras
const GRAD = [1e-4, 5e-6] as const;

// edge-CTC-infeasible-006: [1, 2, 1] needs 3 steps, T = 2.
const INF_Y = [[1, 2, 1]];
const INF_Z = [[[4.04967, -1.04735, -3.74951], [-2.56998, 0.0650499, -1.56407]]];
// edge-fn_ctc-oor-002: label 5 with C = 3.
const OOR_Y = [[1, 5, 0]];
const OOR_Z = [[[-0.874478, 1.88397, 0.536784], [-2.48558, 1.2825, 0.668311], [0.983597, 1.09437, 2.27012], [1.11057, 0.155445, 3.35598], [0.892221, -0.0723605, 1.74145]]];
// edge-CTC-interior0-002: a 0 inside the label length 2 ([0, 1] is the label).
const INT0_Y = [[0, 1, 2]];
const INT0_Z = [[[-1.58374, -3.21354, 3.81681], [2.28856, -0.243543, 1.64837], [-3.12897, 0.300281, 0.785802], [0.480578, 1.684, -0.434698], [3.38033, 1.28936, -4.83126]]];
// edge-CTC-fraclabel-008: 0.5 counts toward the length but is the blank.
const FRAC_Y = [[0.5, 2.0]];
const FRAC_Z = [[[1.55425, -0.138447, 3.75105], [2.0379, -1.13834, -0.507734], [1.81792, 0.354767, 3.29708], [-2.60863, -2.94553, -1.887]]];
// edge-fn_ctc-oor-007 / edge-CTC-oor-003: a negative label.
const NEG_Y = [[-1, 2]];
const NEG_Z = [[[2.22455, -1.27685, 3.1522], [0.651482, -0.368216, -0.698987], [-1.52764, -2.79898, -0.580638], [-0.777438, 3.65123, -1.95952]]];
const FEASIBLE_Y = [[1, 2, 0], [2, 2, 1]];
const FEASIBLE_Z = [
  [[0.3, -0.4, 1.1], [0.2, 0.9, -0.5], [-1.0, 0.4, 0.6], [0.5, -0.2, 0.1], [0.0, 0.7, -0.3]],
  [[-0.6, 1.2, 0.4], [0.8, -0.1, 0.2], [0.1, 0.3, -0.9], [1.0, 0.2, 0.5], [-0.4, -0.7, 0.9]],
];

describe('CTC per Keras backend', () => {
  it('test_ctc_runs_in_float32_on_every_backend: float64 inputs give the float32 answer', () => {
    for (const b of ['jax', 'tensorflow', 'torch', 'numpy'] as KerasBackend[]) {
      const v64 = values(run('function', INF_Y, INF_Z, b, { dtype: 'float64' }))[0];
      const v32 = values(run('function', INF_Y, INF_Z, b, { dtype: 'float32' }))[0];
      if (b === 'torch') expect(v64).toBe(Infinity);
      else expect(v64).toBe(Math.fround(v64));
      expect(v64).toBe(v32);
    }
  });

  it('test_ctc_jax_infeasible_is_about_1e5_with_float32_rounded_gradient', () => {
    const r = run('loss', INF_Y, INF_Z, 'jax');
    close(values(r), [99999.46875], ...VAL);
    // The gradient carries the rounding of values near 1e5 in float32 (ulp 0.0078).
    close(grads(r), [0.003195226192, -0.003033015179, -0.0001621711854, -0.009916368872, -0.1447357535, 0.1546521336], ...GRAD);
    expect(r.warnings.find((w) => w.code === 'ctc_infeasible')?.message).toMatch(/1e5/);
  });

  it('test_ctc_numpy_infeasible_is_about_1e5_without_gradient', () => {
    const r = run('loss', INF_Y, INF_Z, 'numpy');
    close(values(r), [99999.4688], 1e-4, 1e-6);
    expect(r.grad).toBeUndefined();
  });

  it('test_ctc_tensorflow_infeasible_ends_paths_with_log_1e-307', () => {
    const r = run('loss', INF_Y, INF_Z, 'tensorflow');
    close(values(r), [707.060974121], ...VAL);
    close(grads(r), [0.002337217331, -0.002376033459, 2.814113395e-05, -0.01030328125, -0.1440295577, 0.1543070674], ...GRAD);
  });

  it('test_ctc_torch_infeasible_is_inf_with_nan_gradient', () => {
    const r = run('loss', INF_Y, INF_Z, 'torch');
    expect(values(r)).toEqual([Infinity]);
    expect(grads(r).every(Number.isNaN)).toBe(true);
  });

  it('test_ctc_fractional_label_is_truncated_and_0.5_is_the_blank_counted_in_the_length', () => {
    const jax = run('loss', FRAC_Y, FRAC_Z, 'jax', { config: { reduction: 'none' } });
    close(values(jax), [1.50373876095], ...VAL);
    const w = jax.warnings.find((x) => x.code === 'label_truncated');
    expect(w?.index).toEqual([0, 0]);
    expect(w?.message).toMatch(/y_true\[0\]\[0\] = 0\.5 is read as class 0/);
    close(values(run('loss', FRAC_Y, FRAC_Z, 'torch', { config: { reduction: 'none' } })), [1.50373888016], ...VAL);
    // The same label typed as [0, 2] has length 1: another loss.
    expect(Math.abs(values(run('loss', [[0, 2]], FRAC_Z, 'jax'))[0] - 1.50373876095)).toBeGreaterThan(0.1);
  });

  it('test_ctc_label_truncation_follows_the_dtype_rounding', () => {
    // edge-fn_ctc-fraclabel-005: 2.9999999 is 3.0 (= C, out of range) in float32, class 2 in float64.
    const y = [[2.0000001, 1.0], [1.0, 2.9999999]];
    const z = [[[-1.84711, 1.07275, -0.262392], [-1.93928, -0.637874, -1.88655], [-1.79248, -1.59265, -2.70784], [-1.77122, -1.54073, -1.08853]],
      [[-0.130817, 1.14958, -1.89331], [2.29152, -0.543391, -0.0658614], [-4.30819, 0.790045, -1.42473], [-3.49678, -1.78333, -1.03224]]];
    close(values(run('function', y, z, 'jax', { dtype: 'float32' })), [2.59942865, -0.558568656], 1e-4, 1e-6);
    close(values(run('function', y, z, 'jax', { dtype: 'float64' })), [2.59942865372, 1.67324149609], ...VAL);
    close(values(run('function', y, z, 'torch', { dtype: 'float32' })), [2.59942889, 0.782012105], 1e-4, 1e-6);
    expect(() => run('function', y, z, 'numpy', { dtype: 'float32' })).toThrow(/index 3 is out of bounds/);
  });

  it('test_ctc_label_at_or_above_C: JAX and TF score it with probability 1, torch reads the next step, NumPy raises', () => {
    close(values(run('function', OOR_Y, OOR_Z, 'jax')), [-0.654598355293], ...VAL);
    close(values(run('function', OOR_Y, OOR_Z, 'tensorflow')), [-0.654598474503], ...VAL);
    close(values(run('function', OOR_Y, OOR_Z, 'torch')), [0.111246675253], ...VAL);
    let err: unknown;
    try { run('function', OOR_Y, OOR_Z, 'numpy'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).index).toEqual([0, 1]);
  });

  it('test_ctc_tensorflow_interior_blank_is_left_out_of_the_class_0_gradient', () => {
    const jax = run('loss', INT0_Y, INT0_Z, 'jax', { config: { reduction: 'mean' } });
    const tf = run('loss', INT0_Y, INT0_Z, 'tensorflow', { config: { reduction: 'mean' } });
    close(values(tf), [5.79566764832], ...VAL);
    close(grads(jax).slice(0, 3), [-0.9955101609, 0.0008798721246, 0.9946302176], ...GRAD);
    close(grads(tf).slice(0, 3), [-0.3291986287, 0.00087987195, 0.9946302772], ...GRAD);
    expect(tf.warnings.map((w) => w.code)).toContain('ctc_interior_blank');
  });

  it('test_ctc_neg_inf_logits: torch finite, the one-hot einsum of JAX / TF / NumPy gives NaN', () => {
    const z = [[[-Infinity, 0.0, 1.0], [0.0, -Infinity, 1.0]]];
    close(values(run('function', [[1]], z, 'torch')), [2.6265232563], ...VAL);
    for (const b of ['jax', 'tensorflow', 'numpy'] as KerasBackend[]) expect(values(run('function', [[1]], z, b))[0]).toBeNaN();
  });

  it('test_ctc_torch_negative_label: the function reads before the entry, the loss backward aborts', () => {
    close(values(run('function', NEG_Y, NEG_Z, 'torch', { grad: false })), [3.91986107826], ...VAL);
    close(values(run('function', NEG_Y, NEG_Z, 'jax')), [3.55407571793], ...VAL);
    let err: unknown;
    try { run('loss', NEG_Y, NEG_Z, 'torch'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).message).toMatch(/torch.*aborts/);
    expect((err as EngineError).index).toEqual([0, 0]);
    // Without the gradient the loss computes, as in Keras.
    expect(values(run('loss', NEG_Y, NEG_Z, 'torch', { grad: false }))[0]).toBeCloseTo(3.91986107826, 5);
  });

  it('test_ctc_nan_label_is_class_0_for_the_jax_loss_and_torch, out of range for tf and numpy', () => {
    const y = [[1, NaN]];
    const z = FEASIBLE_Z.slice(0, 1);
    const asBlank = values(run('loss', y, z, 'jax'))[0];
    expect(values(run('loss', y, z, 'torch'))[0]).toBeCloseTo(asBlank, 5);
    const outOfRange = values(run('loss', [[1, 7]], z, 'tensorflow'))[0];
    expect(values(run('loss', y, z, 'tensorflow'))[0]).toBeCloseTo(outOfRange, 5);
    expect(Math.abs(asBlank - outOfRange)).toBeGreaterThan(0.1);
  });

  for (const b of ['jax', 'tensorflow', 'torch'] as KerasBackend[]) {
    it(`test_ctc_${b}_gradient_matches_finite_differences`, () => {
      const zf = FEASIBLE_Z.flat(2);
      const shape = (x: ArrayLike<number>) => FEASIBLE_Z.map((s, i) => s.map((r, t) => r.map((_, k) => x[i * 15 + t * 3 + k])));
      const f = (x: Float64Array) => values(run('loss', FEASIBLE_Y, shape(x), b, { config: { reduction: 'sum' }, grad: false }))[0];
      const fd = centralDifference(f, zf, 1e-3); // the loss is float32 inside Keras: a large step
      close(grads(run('loss', FEASIBLE_Y, FEASIBLE_Z, b, { config: { reduction: 'sum' } })), Array.from(fd), 0, 2e-3);
    });
  }

  it('test_ctc_tensorflow_interior_blank_gradient_is_not_the_derivative', () => {
    const zf = INT0_Z.flat(2);
    const shape = (x: ArrayLike<number>) => [INT0_Z[0].map((r, t) => r.map((_, k) => x[t * 3 + k]))];
    const f = (x: Float64Array) => values(run('loss', INT0_Y, shape(x), 'tensorflow', { config: { reduction: 'sum' }, grad: false }))[0];
    const fd = centralDifference(f, zf, 1e-3);
    const g = grads(run('loss', INT0_Y, INT0_Z, 'tensorflow', { config: { reduction: 'sum' } }));
    expect(Math.abs(g[0] - fd[0])).toBeGreaterThan(0.5);
    close(g.slice(1, 3), Array.from(fd.slice(1, 3)), 0, 2e-3);
  });
});
