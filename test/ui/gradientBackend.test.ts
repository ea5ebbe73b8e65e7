import { describe, expect, it } from 'vitest';
import { gradientCurve } from '../../src/engine/index';
import { defaultDoc } from '../../src/document/document';
import { notApplicable, sweepRequest } from '../../src/plots/jobs';

describe('the gradient view and the Keras backend', () => {
  it('the chart jobs compute on the chosen backend (TensorFlow under tf.keras 2)', () => {
    expect(sweepRequest({ ...defaultDoc(), kerasBackend: 'jax' }).opts.kerasBackend).toBe('jax');
    expect(sweepRequest({ ...defaultDoc(), kerasBackend: 'jax', semantics: 'tf_keras2' }).opts.kerasBackend).toBe('tensorflow');
  });

  it('on NumPy the gradient tab says there is no gradient instead of drawing one', () => {
    expect(notApplicable({ ...defaultDoc(), kerasBackend: 'numpy' }, 'gradient')).toMatch(/NumPy has no automatic differentiation/);
    expect(notApplicable({ ...defaultDoc(), kerasBackend: 'numpy', semantics: 'tf_keras2' }, 'gradient')).toBeNull();
    expect(notApplicable({ ...defaultDoc(), kerasBackend: 'torch' }, 'gradient')).toBeNull();
  });

  it('the gradient curve itself refuses NumPy with the engine’s reason rather than inventing a gradient', () => {
    const { req, opts } = sweepRequest({ ...defaultDoc(), kerasBackend: 'numpy' });
    expect(() => gradientCurve(req, opts, { row: 0, col: 1, points: 5 })).toThrow(/NumPy/);
    const { req: r2, opts: o2 } = sweepRequest({ ...defaultDoc(), kerasBackend: 'jax' });
    expect(gradientCurve(r2, o2, { row: 0, col: 1, points: 5 }).curves[0].grad.length).toBeGreaterThan(0);
  });
});
