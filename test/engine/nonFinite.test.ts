/**
 * A NaN or infinite loss says where it came from: the input cell that carried it in, or the step
 * that made it out of finite inputs, so a person chasing a NaN can find it.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type LossResult } from '../../src/engine';

const run = (name: string, y_true: unknown, y_pred: unknown, extra: object = {}) =>
  evaluate({ kind: 'loss', name, y_true: y_true as never, y_pred: y_pred as never, ...extra }, { steps: true }) as LossResult;

describe('non-finite values are traced to their origin', () => {
  it('a NaN typed into y_pred names that cell and the first step carrying it', () => {
    const r = run('BinaryCrossentropy', [[0, 1], [1, 0]], [[0.5, Number.NaN], [0.6, 0.4]]);
    expect(r.value.data[0]).toBeNaN();
    const w = r.warnings.find((x) => x.code === 'non_finite')!;
    expect(w).toMatchObject({ field: 'y_pred', index: [0, 1], step: 'p_clipped' });
    expect(w.message).toContain('y_pred[0, 1] is NaN');
    expect(w.message).toContain('per-sample value [0] is NaN');
  });

  it('an infinite sample_weight is named as the cell that made the loss infinite', () => {
    const r = run('CategoricalCrossentropy', [[0, 1], [1, 0]], [[0.3, 0.7], [0.6, 0.4]], { sample_weight: [1, '-Infinity'] });
    expect(r.value.data[0]).toBe(-Infinity);
    const w = r.warnings.find((x) => x.code === 'non_finite');
    expect(w).toMatchObject({ field: 'sample_weight', index: [1] });
    expect(w?.message).toMatch(/^The loss is -inf: sample_weight\[1\] is -inf/);
  });

  it('finite inputs that the formula turns into NaN name the step and its entry', () => {
    const r = run('BinaryFocalCrossentropy', [[0, 1]], [[0.2, 1.5]], { config: { gamma: 0.5 } });
    const w = r.warnings.find((x) => x.code === 'non_finite');
    expect(r.value.data[0]).toBeNaN();
    expect(w?.message).toMatch(/every input is finite/);
    expect(w).toMatchObject({ field: 'y_pred', index: [0, 1], step: 'focal_factor' });
  });

  it('finite results carry no such warning', () => {
    expect(run('BinaryCrossentropy', [[0, 1]], [[0.2, 0.7]]).warnings.some((x) => x.code === 'non_finite')).toBe(false);
  });
});
