/**
 * Poisson / poisson (spec §4.2). Test names follow keras/src/losses/losses_test.py::PoissonTest,
 * whose oracle is mean(p − y·log p) (NumPy, no ε: Keras's ε inside the log is far below its 1e-3 check).
 */
import { describe, expect, it } from 'vitest';
import { fromConfig } from '../../../src/engine';
import { expectClose, kerasAlmostEqual, SPEC_TOL } from '../../helpers/close';
import { DTYPES, fn, grad, loss, scalar, value, warningCodes } from '../../helpers/engine';

const PRED = [[1, 9, 2], [5, 2, 6]];
const Y = [[4, 8, 12], [8, 1, 3]];
const EPS = 1e-7;
/** Spec formula per entry: p − y·log(p + ε). */
const ENTRIES = PRED.map((row, i) => row.map((p, j) => p - Y[i][j] * Math.log(p + EPS)));
const PER_SAMPLE = ENTRIES.map((row) => row.reduce((x, y) => x + y, 0) / 3);

describe.each(DTYPES)('Poisson (%s)', (dtype) => {
  const o = { dtype };

  it('test_config: name and reduction are the whole config', () => {
    const r = loss('Poisson', { reduction: 'sum', name: 'poisson' }, Y, PRED, o);
    expect(r.config).toEqual({ name: 'poisson', reduction: 'sum' });
    expect(fromConfig('loss', 'Poisson', r.config, 'keras3').config).toEqual(r.config);
  });

  it('test_unweighted: mean over the last axis, then over the batch (Σ entries / 6)', () => {
    const numpyOracle = PRED.flat().reduce((acc, p, k) => acc + p - Y.flat()[k] * Math.log(p), 0) / 6;
    expectClose(scalar(loss('Poisson', {}, Y, PRED, o)), numpyOracle, kerasAlmostEqual(3));
    expectClose(scalar(loss('Poisson', {}, Y, PRED, o)), (PER_SAMPLE[0] + PER_SAMPLE[1]) / 2, SPEC_TOL);
  });

  it('test_scalar_weighted: sample_weight=2.3 scales the loss', () => {
    expectClose(scalar(loss('Poisson', {}, Y, PRED, { ...o, sample_weight: 2.3 })), (2.3 * (PER_SAMPLE[0] + PER_SAMPLE[1])) / 2, SPEC_TOL);
  });

  it('test_sample_weighted: [[1.2], [3.4]] weights each sample', () => {
    const r = scalar(loss('Poisson', {}, Y, PRED, { ...o, sample_weight: [[1.2], [3.4]] }));
    expectClose(r, (1.2 * PER_SAMPLE[0] + 3.4 * PER_SAMPLE[1]) / 2, SPEC_TOL);
  });

  it('test_timestep_weighted: [2, 3, 1] inputs with [2, 3] weights divide by the 6 timesteps', () => {
    const y3 = Y.map((r) => r.map((v) => [v]));
    const p3 = PRED.map((r) => r.map((v) => [v]));
    const w = [[3, 6, 5], [0, 4, 2]];
    const expected = ENTRIES.flat().reduce((acc, e, k) => acc + e * w.flat()[k], 0) / 6;
    expectClose(scalar(loss('Poisson', {}, y3, p3, { ...o, sample_weight: w })), expected, SPEC_TOL);
  });

  it('test_zero_weighted: sample_weight=0 gives 0', () => {
    expect(scalar(loss('Poisson', {}, Y, PRED, { ...o, sample_weight: 0 }))).toBe(0);
  });

  it('test_mean_with_sample_weight_reduction: [[1.2], [3.4]] divides the weighted sum by 4.6', () => {
    const r = scalar(loss('Poisson', { reduction: 'mean_with_sample_weight' }, Y, PRED, { ...o, sample_weight: [[1.2], [3.4]] }));
    expectClose(r, (1.2 * PER_SAMPLE[0] + 3.4 * PER_SAMPLE[1]) / 4.6, SPEC_TOL);
  });

  it('test_no_reduction and test_sum_reduction', () => {
    expectClose(value(loss('Poisson', { reduction: null }, Y, PRED, o)), PER_SAMPLE, SPEC_TOL);
    expectClose(scalar(loss('Poisson', { reduction: 'sum' }, Y, PRED, o)), PER_SAMPLE[0] + PER_SAMPLE[1], SPEC_TOL);
  });

  it('poisson([[0, 1, 2]], [[0, 1, 3]]) = [0.6009251] (spec §11)', () => {
    expectClose(value(fn('poisson', {}, [[0, 1, 2]], [[0, 1, 3]], o)), [0.6009251], SPEC_TOL);
  });

  it('has ε only inside the log: p = 0 with y > 0 costs y·16.118, and nothing is clipped', () => {
    expectClose(value(fn('poisson', {}, [[2]], [[0]], o)), [2 * 16.118095], SPEC_TOL);
  });

  it('gives NaN for p < −ε, as Keras does, with a warning', () => {
    const r = fn('poisson', {}, [[1, 1]], [[-0.5, 1]], o);
    expect(Number.isNaN((value(r) as number[])[0])).toBe(true);
    expect(warningCodes(r)).toContain('nan');
  });

  it('the gradient is (1 − y/(p + ε))/D', () => {
    const g = grad(fn('poisson', {}, [[4, 8, 12]], [[1, 9, 2]], o));
    expectClose(g, [[(1 - 4 / (1 + EPS)) / 3, (1 - 8 / (9 + EPS)) / 3, (1 - 12 / (2 + EPS)) / 3]], { rtol: 1e-6, atol: 1e-9 });
  });

  it('has no shape check: y_true [1, 3] broadcasts against y_pred [2, 3]', () => {
    expectClose(value(fn('poisson', {}, [[4, 8, 12]], PRED, o)), value(fn('poisson', {}, [[4, 8, 12], [4, 8, 12]], PRED, o)), { rtol: 0, atol: 0 });
  });
});
