/**
 * KLDivergence / kl_divergence (spec §4.1). Test names follow
 * keras/src/losses/losses_test.py::KLDivergenceTest, whose oracle is Σ y·log(y/p) (NumPy).
 */
import { describe, expect, it } from 'vitest';
import { fromConfig } from '../../../src/engine';
import { EXACT, expectClose, kerasAlmostEqual, SPEC_TOL } from '../../helpers/close';
import { DTYPES, fn, grad, loss, scalar, SPEC, value, warningCodes } from '../../helpers/engine';

const Y = [[0.5, 0.8, 0.12], [0.7, 0.43, 0.8]];
const PRED = [[0.4, 0.9, 0.12], [0.36, 0.3, 0.4]];
/** Keras's oracle: per-entry y·log(y/p). */
const ENTRIES = Y.map((row, i) => row.map((y, j) => y * Math.log(y / PRED[i][j])));
const PER_SAMPLE = ENTRIES.map((row) => row.reduce((x, y) => x + y, 0));
const TOTAL = PER_SAMPLE[0] + PER_SAMPLE[1];

describe.each(DTYPES)('KLDivergence (%s)', (dtype) => {
  const o = { dtype };

  it('test_config: name and reduction are the whole config', () => {
    const r = loss('KLDivergence', { reduction: 'sum', name: 'kld' }, Y, PRED, o);
    expect(r.config).toEqual({ name: 'kld', reduction: 'sum' });
    expect(fromConfig('loss', 'KLDivergence', r.config, 'keras3').config).toEqual(r.config);
    expect(loss('KLDivergence', {}, Y, PRED, o).config).toEqual({ name: 'kl_divergence', reduction: 'sum_over_batch_size' });
  });

  it('test_unweighted: Σ y·log(y/p) summed over the last axis, averaged over the batch', () => {
    expectClose(scalar(loss('KLDivergence', {}, Y, PRED, o)), TOTAL / 2, kerasAlmostEqual(3));
    expectClose(scalar(loss('KLDivergence', {}, Y, PRED, o)), TOTAL / 2, SPEC_TOL);
  });

  it('test_scalar_weighted: sample_weight=2.3 scales the loss, and a second call gives the same value', () => {
    const first = scalar(loss('KLDivergence', {}, Y, PRED, { ...o, sample_weight: 2.3 }));
    expectClose(first, (2.3 * TOTAL) / 2, SPEC_TOL);
    expect(scalar(loss('KLDivergence', {}, Y, PRED, { ...o, sample_weight: 2.3 }))).toBe(first);
  });

  it('test_sample_weighted: [[1.2], [3.4]] weights each sample', () => {
    const r = scalar(loss('KLDivergence', {}, Y, PRED, { ...o, sample_weight: [[1.2], [3.4]] }));
    expectClose(r, (1.2 * PER_SAMPLE[0] + 3.4 * PER_SAMPLE[1]) / 2, SPEC_TOL);
  });

  it('test_timestep_weighted: [2, 3, 1] inputs with [2, 3] weights divide by the 6 timesteps', () => {
    const y3 = Y.map((r) => r.map((v) => [v]));
    const p3 = PRED.map((r) => r.map((v) => [v]));
    const w = [[3, 6, 5], [0, 4, 2]];
    const expected = ENTRIES.flat().reduce((acc, e, k) => acc + e * w.flat()[k], 0) / 6;
    expectClose(scalar(loss('KLDivergence', {}, y3, p3, { ...o, sample_weight: w })), expected, SPEC_TOL);
  });

  it('test_zero_weighted: sample_weight=0 gives 0', () => {
    expect(scalar(loss('KLDivergence', {}, Y, PRED, { ...o, sample_weight: 0 }))).toBe(0);
  });

  it('test_mean_with_sample_weight_reduction: [[1.2], [3.4]] divides the weighted sum by 4.6', () => {
    const r = scalar(loss('KLDivergence', { reduction: 'mean_with_sample_weight' }, Y, PRED, { ...o, sample_weight: [[1.2], [3.4]] }));
    expectClose(r, (1.2 * PER_SAMPLE[0] + 3.4 * PER_SAMPLE[1]) / 4.6, SPEC_TOL);
  });

  it('test_no_reduction and test_sum_reduction: None returns the per-sample sums, "sum" their total', () => {
    expectClose(value(loss('KLDivergence', { reduction: null }, Y, PRED, o)), PER_SAMPLE, SPEC_TOL);
    expectClose(scalar(loss('KLDivergence', { reduction: 'sum' }, Y, PRED, o)), TOTAL, SPEC_TOL);
  });

  it('clips both inputs to [1e-7, 1]: kl_divergence([[0.2,0.8],[0,1]], [[0.5,0.5],[1e-9,1]]) = [0.19274479, 0] (spec §11)', () => {
    expectClose(value(fn('kl_divergence', {}, [[0.2, 0.8], [0, 1]], [[0.5, 0.5], [1e-9, 1]], o)), [0.19274479, 0], { rtol: 1e-5, atol: 1e-9 });
  });

  it('can be slightly negative: [0, 0] vs [0.4, 0.6] gives −3.08e-6 and warns negative_kl', () => {
    const r = fn('kl_divergence', {}, [[0, 0]], [[0.4, 0.6]], o);
    const expected = 1e-7 * Math.log(1e-7 / 0.4) + 1e-7 * Math.log(1e-7 / 0.6);
    expectClose(value(r), [expected], { rtol: 1e-4, atol: 0 });
    expect((value(r) as number[])[0]).toBeLessThan(0);
    expect(warningCodes(r)).toContain('negative_kl');
  });

  it('the gradient is −y_c/p_c, also for zero labels (−1e-7/p)', () => {
    const g = grad(fn('kl_divergence', {}, [[0.2, 0.8, 0]], [[0.5, 0.25, 0.25]], o));
    expectClose(g, [[-0.4, -3.2, -4e-7]], { rtol: 1e-6, atol: 1e-12 });
  });

  it('passes the full gradient −y_c at p = 1 exactly (the inclusive upper bound; JAX would pass half)', () => {
    expectClose(grad(fn('kl_divergence', {}, [[0, 1]], [[0, 1]], o)), [[0, -1]], { rtol: 1e-6, atol: 0 });
  });

  it('passes no gradient where y_pred is clipped (p > 1 or p < 1e-7)', () => {
    expectClose(grad(fn('kl_divergence', {}, [[0.5, 0.5]], [[1.5, 0]], o)), [[0, 0]], EXACT);
  });

  it('has no shape check: y_true [1, 2] broadcasts against y_pred [2, 2]', () => {
    expectClose(value(fn('kl_divergence', {}, [[0.2, 0.8]], [[0.5, 0.5], [0.4, 0.6]], o)),
      value(fn('kl_divergence', {}, [[0.2, 0.8], [0.2, 0.8]], [[0.5, 0.5], [0.4, 0.6]], o)), { rtol: 0, atol: 0 });
  });

  it('KL(p, p) = 0', () => {
    expect(value(fn('kl_divergence', {}, SPEC.Bp, SPEC.Bp, o))).toEqual([0, 0]);
  });
});
