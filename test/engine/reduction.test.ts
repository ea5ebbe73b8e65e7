/**
 * The loss reduction pipeline (spec §1.3 rank alignment, §1.4 reduce_weighted_values, §6 gradient
 * through the reduction) and the tf.keras 2 reductions (§9.1, §9.6). Most checks are relations
 * between reductions of the same per-sample values, so they hold exactly whatever the loss.
 */
import { describe, expect, it } from 'vitest';
import { EngineError, REDUCTIONS_KERAS3, REDUCTIONS_TF_KERAS2 } from '../../src/engine';
import { expectClose, SPEC_TOL, type Tolerance } from '../helpers/close';
import { DTYPES, grad, loss, scalar, SPEC, value } from '../helpers/engine';

const { P, Ys, Yc } = SPEC;
/** Relations between reductions of the same values: exact up to the summation order. */
const RELATION: Tolerance = { rtol: 1e-6, atol: 1e-12 };

/** [B=2, T=3] sparse labels over [2, 3, 3] probabilities: per-sample values of shape [2, 3]. */
const SEQ_Y = [[1, 2, 0], [0, 1, 2]];
const SEQ_P = [
  [[0.2, 0.3, 0.5], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]],
  [[0.6, 0.2, 0.2], [0.3, 0.3, 0.4], [0.25, 0.25, 0.5]],
];

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe.each(DTYPES)('reduce_weighted_values (%s)', (dtype) => {
  const o = { dtype };
  const perSample = (config: Record<string, unknown> = {}) =>
    value(loss('SparseCategoricalCrossentropy', { ...config, reduction: 'none' }, Ys, P, o)) as number[];
  const reduce = (reduction: string, sample_weight?: unknown, mask?: unknown) =>
    scalar(loss('SparseCategoricalCrossentropy', { reduction }, Ys, P, { ...o, sample_weight: sample_weight as never, mask: mask as never }));

  it('lists the Keras 3 reductions: sum_over_batch_size, sum, mean, mean_with_sample_weight, none (and None)', () => {
    expect([...REDUCTIONS_KERAS3]).toEqual(['sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none']);
    expect(loss('SparseCategoricalCrossentropy', { reduction: null }, Ys, P, o).config.reduction).toBe('none');
  });

  it('defaults to sum_over_batch_size', () => {
    const r = loss('SparseCategoricalCrossentropy', {}, Ys, P, o);
    expect(r.config.reduction).toBe('sum_over_batch_size');
    expect(r.reduction).toMatchObject({ reduction: 'sum_over_batch_size', denominator: 2 });
  });

  it('"none" returns the weighted per-sample values', () => {
    const v = perSample();
    const w = value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, Ys, P, { ...o, sample_weight: [0.3, 0.7] }));
    expectClose(w, [0.3 * v[0], 0.7 * v[1]], RELATION);
  });

  it('"sum" is Σ v·w', () => {
    const v = perSample();
    expectClose(reduce('sum'), v[0] + v[1], RELATION);
    expectClose(reduce('sum', [0.3, 0.7]), 0.3 * v[0] + 0.7 * v[1], RELATION);
  });

  it('"sum_over_batch_size" divides by the element count N, not by Σw (0.814, spec §5.2)', () => {
    const v = perSample();
    expectClose(reduce('sum_over_batch_size', [0.3, 0.7]), (0.3 * v[0] + 0.7 * v[1]) / 2, RELATION);
    expectClose(reduce('sum_over_batch_size', [0.3, 0.7]), 0.8135988, SPEC_TOL);
  });

  it('"mean" is identical to "sum_over_batch_size"', () => {
    expect(reduce('mean')).toBe(reduce('sum_over_batch_size'));
    expect(reduce('mean', [0.3, 0.7])).toBe(reduce('sum_over_batch_size', [0.3, 0.7]));
    expect(reduce('mean', undefined, [1, 0])).toBe(reduce('sum_over_batch_size', undefined, [1, 0]));
  });

  it('"mean_with_sample_weight" divides by Σw; without weights it is the plain mean', () => {
    const v = perSample();
    expectClose(reduce('mean_with_sample_weight', [0.3, 0.7]), (0.3 * v[0] + 0.7 * v[1]) / 1.0, RELATION);
    expectClose(reduce('mean_with_sample_weight'), (v[0] + v[1]) / 2, RELATION);
  });

  it('a scalar weight c with "mean_with_sample_weight" returns c·Σv / c = Σv, the sum', () => {
    const v = perSample();
    expectClose(reduce('mean_with_sample_weight', 2.5), v[0] + v[1], RELATION);
  });

  it('a scalar weight stays a scalar and scales every reduction', () => {
    expectClose(reduce('sum_over_batch_size', 2.5), 2.5 * reduce('sum_over_batch_size'), RELATION);
    expectClose(reduce('sum', 2.5), 2.5 * reduce('sum'), RELATION);
  });

  it('divide_no_nan: all-zero weights give 0 for every reduction, never NaN', () => {
    for (const r of ['sum_over_batch_size', 'mean', 'sum', 'mean_with_sample_weight']) expect(reduce(r, [0, 0])).toBe(0);
  });

  it('[B, 1] weights on [B, T] values: "mean_with_sample_weight" is T times the weighted mean (Σ_bt v·w_b / Σ_b w_b)', () => {
    const v = value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, SEQ_Y, SEQ_P, o)) as number[][];
    const w = [2, 5];
    const r = scalar(loss('SparseCategoricalCrossentropy', { reduction: 'mean_with_sample_weight' }, SEQ_Y, SEQ_P, { ...o, sample_weight: [[2], [5]] }));
    expectClose(r, (w[0] * sum(v[0]) + w[1] * sum(v[1])) / (w[0] + w[1]), RELATION);
  });

  it('[B, T] weights on [B, T] values weight each timestep', () => {
    const v = (value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, SEQ_Y, SEQ_P, o)) as number[][]).flat();
    const w = [[1, 0, 2], [3, 1, 0]];
    const r = scalar(loss('SparseCategoricalCrossentropy', {}, SEQ_Y, SEQ_P, { ...o, sample_weight: w }));
    expectClose(r, sum(v.map((x, k) => x * w.flat()[k])) / 6, RELATION);
  });

  it('[B] weights on [B, T] values are not aligned: they fail to broadcast (spec §1.3) and name sample_weight', () => {
    try {
      loss('SparseCategoricalCrossentropy', {}, SEQ_Y, SEQ_P, { ...o, sample_weight: [2, 5] });
      expect.unreachable('expected an EngineError');
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect((e as EngineError).field).toBe('sample_weight');
      expect((e as EngineError).message).toMatch(/\(2, 3\).*\(2,\)|broadcast/);
    }
  });

  it('[B] weights on [B, T] values with T == B silently weight along T (right-aligned broadcasting)', () => {
    const y = [[1, 2], [0, 1]];
    const p = [SEQ_P[0].slice(0, 2), SEQ_P[1].slice(0, 2)];
    const v = value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, y, p, o)) as number[][];
    const weighted = value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, y, p, { ...o, sample_weight: [10, 100] }));
    expectClose(weighted, [[10 * v[0][0], 100 * v[0][1]], [10 * v[1][0], 100 * v[1][1]]], RELATION);
  });

  it('a per-sample value of shape () is returned unreduced whatever the reduction (rank-1 BCE input)', () => {
    for (const reduction of ['sum', 'sum_over_batch_size', 'mean_with_sample_weight', 'none']) {
      const r = loss('BinaryCrossentropy', { reduction }, [0, 1, 0, 0], [0.1, 0.2, 0.3, 0.4], o);
      expect(r.value.shape).toEqual([]);
      expect(r.reduction?.denominator ?? null).toBeNull();
    }
  });

  it('aligns y_true [B, 1] with y_pred [B] by expanding y_pred (rank-1 side grows)', () => {
    const r = loss('BinaryCrossentropy', { reduction: 'none' }, [[0], [1]], [0.1, 0.2], o);
    expectClose(value(r), [-Math.log(0.9), -Math.log(0.2)], SPEC_TOL);
  });

  it('[B, 1] weights on rank-1 per-sample values expand the values: "none" returns shape [B, 1]', () => {
    const r = loss('CategoricalCrossentropy', { reduction: 'none' }, Yc, P, { ...o, sample_weight: [[0.3], [0.7]] });
    expect(r.value.shape).toEqual([2, 1]);
    expectClose(value(r), [[0.3 * 0.051293306], [0.7 * 2.3025851]], SPEC_TOL);
  });

  it('[B, T, 1] weights on [B, T] per-sample values are squeezed to [B, T]', () => {
    const w = [[[1], [0], [2]], [[3], [1], [0]]];
    const r = loss('SparseCategoricalCrossentropy', { reduction: 'none' }, SEQ_Y, SEQ_P, { ...o, sample_weight: w });
    const v = value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, SEQ_Y, SEQ_P, o)) as number[][];
    expect(r.value.shape).toEqual([2, 3]);
    expectClose(value(r), v.map((row, b) => row.map((x, t) => x * w[b][t][0])), RELATION);
  });

  describe('with a mask (Keras masking layers, or ignore_class)', () => {
    it('"sum_over_batch_size" is Σ_valid v·w / n_valid: the denominator counts the valid entries', () => {
      const v = perSample();
      expectClose(reduce('sum_over_batch_size', undefined, [0, 1]), v[1], RELATION);
      expectClose(reduce('sum_over_batch_size', [0.3, 0.7], [0, 1]), 0.7 * v[1], RELATION);
    });

    it('"mean_with_sample_weight" is Σ_valid v·w / Σ_valid w', () => {
      const v = (value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, SEQ_Y, SEQ_P, o)) as number[][]).flat();
      const w = [[1, 2, 3], [4, 5, 6]];
      const m = [[1, 0, 1], [1, 1, 0]];
      const r = scalar(loss('SparseCategoricalCrossentropy', { reduction: 'mean_with_sample_weight' }, SEQ_Y, SEQ_P, { ...o, sample_weight: w, mask: m }));
      const valid = m.flat().map((x, k) => x * w.flat()[k]);
      expectClose(r, sum(v.map((x, k) => x * valid[k])) / sum(valid), RELATION);
    });

    it('"sum" is the sum over the valid entries, "none" keeps 0 at masked positions', () => {
      const v = perSample();
      expectClose(reduce('sum', undefined, [1, 0]), v[0], RELATION);
      expectClose(value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, Ys, P, { ...o, mask: [1, 0] })), [v[0], 0], RELATION);
    });

    it('everything masked gives 0, not NaN', () => {
      for (const r of ['sum_over_batch_size', 'sum', 'mean_with_sample_weight']) expect(reduce(r, undefined, [0, 0])).toBe(0);
    });

    it('the input mask is ANDed with the ignore_class mask', () => {
      const v = (value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, SEQ_Y, SEQ_P, o)) as number[][]).flat();
      const r = scalar(loss('SparseCategoricalCrossentropy', { ignore_class: 0 }, SEQ_Y, SEQ_P, { ...o, mask: [[1, 1, 1], [1, 0, 1]] }));
      // ignore_class=0 drops [0][2] and [1][0]; the mask drops [1][1]: valid are [0][0], [0][1], [1][2].
      expectClose(r, (v[0] + v[1] + v[5]) / 3, RELATION);
    });
  });

  describe('gradient through the reduction (spec §6): ∂L/∂y_pred = Σ_i c_i ∂v_i/∂y_pred', () => {
    const g = (reduction: string, sample_weight?: unknown, mask?: unknown) =>
      (grad(loss('CategoricalCrossentropy', { reduction }, Yc, [[0.2, 0.5, 0.3], [0.1, 0.6, 0.3]], { ...o, sample_weight: sample_weight as never, mask: mask as never })) as number[][]);
    const scaleRows = (m: number[][], c: number[]) => m.map((row, i) => row.map((x) => x * c[i]));
    const plain = () => g('sum');

    it('"sum": c_i = w_i', () => {
      expectClose(g('sum', [0.3, 0.7]), scaleRows(plain(), [0.3, 0.7]), RELATION);
    });
    it('"sum_over_batch_size" and "mean": c_i = w_i / N', () => {
      expectClose(g('sum_over_batch_size', [0.3, 0.7]), scaleRows(plain(), [0.15, 0.35]), RELATION);
      expectClose(g('mean', [0.3, 0.7]), scaleRows(plain(), [0.15, 0.35]), RELATION);
    });
    it('"mean_with_sample_weight": c_i = w_i / Σw', () => {
      expectClose(g('mean_with_sample_weight', [1, 3]), scaleRows(plain(), [0.25, 0.75]), RELATION);
    });
    it('"none": the gradient of the summed output, w_i·∂v_i', () => {
      expectClose(g('none', [0.3, 0.7]), scaleRows(plain(), [0.3, 0.7]), RELATION);
    });
    it('a mask under "sum_over_batch_size": c_i = w_i / n_valid at valid positions, 0 elsewhere', () => {
      expectClose(g('sum_over_batch_size', [0.3, 0.7], [1, 0]), scaleRows(plain(), [0.3, 0]), RELATION);
    });
  });
});

describe.each(DTYPES)('tf.keras 2 reductions (%s, spec §9.1 and §9.6)', (dtype) => {
  const o = { dtype, semantics: 'tf_keras2' as const };

  it("lists auto, sum_over_batch_size, sum, none; 'auto' is the default and means sum_over_batch_size", () => {
    expect([...REDUCTIONS_TF_KERAS2]).toEqual(['auto', 'sum_over_batch_size', 'sum', 'none']);
    const auto = loss('SparseCategoricalCrossentropy', {}, Ys, P, { ...o, sample_weight: [0.3, 0.7] });
    expect(auto.config.reduction).toBe('auto');
    const sobs = loss('SparseCategoricalCrossentropy', { reduction: 'sum_over_batch_size' }, Ys, P, { ...o, sample_weight: [0.3, 0.7] });
    expect(scalar(auto)).toBe(scalar(sobs));
  });

  it.each([['mean'], ['mean_with_sample_weight'], [null]])('rejects reduction=%s', (reduction) => {
    expect(() => loss('SparseCategoricalCrossentropy', { reduction }, Ys, P, o)).toThrow(/Invalid value for argument reduction/);
  });

  it('expands [B] weights to [B, 1] on [B, T] values (Keras 3 would fail to broadcast)', () => {
    const v = value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, SEQ_Y, SEQ_P, o)) as number[][];
    const r = scalar(loss('SparseCategoricalCrossentropy', { reduction: 'sum' }, SEQ_Y, SEQ_P, { ...o, sample_weight: [2, 5] }));
    expectClose(r, 2 * sum(v[0]) + 5 * sum(v[1]), RELATION);
  });

  it("rejects 'auto' in Keras 3 semantics", () => {
    expect(() => loss('SparseCategoricalCrossentropy', { reduction: 'auto' }, Ys, P, { dtype })).toThrow(/Invalid value for argument reduction/);
  });
});
