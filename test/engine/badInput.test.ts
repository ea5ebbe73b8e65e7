/**
 * Bad input: every refusal is an EngineError whose message says what was expected and whose
 * .field (and .index, outermost first, where an entry is at fault) names the culprit, so the UI can
 * put the cursor on it. Then the inputs Keras accepts with a surprise: computed, with a warning.
 */
import { describe, expect, it } from 'vitest';
import { EngineError, evaluate, type EngineRequest, type Semantics } from '../../src/engine';
import { fn, loss, metric, SPEC, value, warningCodes } from '../helpers/engine';

const { P, Ys, Yc, Bt, Bp } = SPEC;

interface Culprit {
  field: string;
  index?: number[];
  message?: RegExp;
}

/** Run `thunk`, expect an EngineError naming `field` (and `index`), with a message matching `message`. */
function expectEngineError(thunk: () => unknown, want: Culprit): EngineError {
  let caught: unknown;
  try {
    thunk();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected an EngineError to be thrown').toBeInstanceOf(EngineError);
  const e = caught as EngineError;
  expect(e.field).toBe(want.field);
  if (want.index) expect(e.index).toEqual(want.index);
  if (want.message) expect(e.message).toMatch(want.message);
  expect(e.message.length).toBeGreaterThan(10);
  return e;
}

const run = (req: Record<string, unknown>, semantics: Semantics = 'keras3') => () => evaluate(req as unknown as EngineRequest, { semantics });
const bce = (yTrue: unknown, yPred: unknown, extra: Record<string, unknown> = {}) =>
  run({ kind: 'loss', name: 'BinaryCrossentropy', y_true: yTrue, y_pred: yPred, ...extra });

describe('malformed arrays name the field and the index of the bad entry', () => {
  it('a ragged row: y_pred[1] has 2 entries where y_pred[0] has 3', () => {
    expectEngineError(run({ kind: 'loss', name: 'CategoricalCrossentropy', y_true: Yc, y_pred: [[0.1, 0.9, 0], [0.5, 0.5]] }),
      { field: 'y_pred', index: [1], message: /y_pred\[1\].*2 entries.*expected 3.*ragged/ });
  });

  it('mixed nesting depth: a number where a row belongs, and a list where a number belongs', () => {
    expectEngineError(bce([[0, 1], [1, 0]], [[0.5, 0.5], 0.3]), { field: 'y_pred', index: [1], message: /y_pred\[1\].*ragged/ });
    expectEngineError(bce([[0, [1]]], [[0.5, 0.5]]), { field: 'y_true', index: [0, 1], message: /y_true\[0\]\[1\].*list/ });
  });

  it('ragged y_true, sample_weight and mask name their own field', () => {
    expectEngineError(bce([[0, 1], [1]], Bp), { field: 'y_true', index: [1] });
    expectEngineError(bce(Bt, Bp, { sample_weight: [[1, 2], [3]] }), { field: 'sample_weight', index: [1] });
    expectEngineError(bce(Bt, Bp, { mask: [[1, 1], [1]] }), { field: 'mask', index: [1] });
  });

  it('an empty array, at the top or inside', () => {
    expectEngineError(bce([], []), { field: 'y_true', index: [], message: /empty/ });
    expectEngineError(bce(Bt, [[], []]), { field: 'y_pred', index: [0], message: /y_pred\[0\] is empty/ });
  });

  // Keras computes with non-finite inputs (NaN in, NaN out); so does the engine, on every field.
  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('%s in y_pred, y_true or sample_weight computes instead of raising', (label, bad) => {
    const value = (f: () => unknown) => (f() as { value: { data: Float64Array } }).value.data[0];
    for (const f of [bce(Bt, [[0.6, 0.4], [0.4, bad]]), bce([[0, bad], [0, 0]], Bp), bce(Bt, Bp, { sample_weight: [1, bad] })]) {
      expect(f).not.toThrow();
    }
    if (Number.isNaN(bad)) expect(value(bce(Bt, [[0.6, 0.4], [0.4, bad]]))).toBeNaN();
    // JSON has no such tokens and spells them as strings; the engine reads those spellings too.
    expect(value(bce(Bt, [[0.6, 0.4], [0.4, label as unknown as number]]))).toBe(value(bce(Bt, [[0.6, 0.4], [0.4, bad]])));
  });

  it.each([
    ['a string', '0.4', /y_pred\[0\]\[1\] is string "0.4": expected a number/],
    ['a boolean', true, /y_pred\[0\]\[1\] is boolean true: expected a number/],
    ['null', null, /y_pred\[0\]\[1\] is null.*expected a number/],
    ['an object', { v: 1 }, /y_pred\[0\]\[1\].*expected a number/],
  ])('%s where a number belongs', (_label, bad, message) => {
    expectEngineError(bce(Bt, [[0.6, bad], [0.4, 0.6]]), { field: 'y_pred', index: [0, 1], message });
  });

  it('null (or a bare string) as the whole y_pred', () => {
    expectEngineError(bce(Bt, null), { field: 'y_pred', message: /expected a number/ });
    expectEngineError(bce('0.5', Bp), { field: 'y_true', message: /expected a number/ });
  });

  // Engine bug (cosmetic): tensor.ts prints the type and then the value, so null reads "is null null".
  it('null reads "y_pred[0][1] is null: expected a number", without a doubled word', () => {
    const e = expectEngineError(bce(Bt, [[0.6, null], [0.4, 0.6]]), { field: 'y_pred', index: [0, 1] });
    expect(e.message).not.toMatch(/null null/);
  });

  it('a missing y_pred (undefined) names y_pred', () => {
    expectEngineError(run({ kind: 'loss', name: 'Poisson', y_true: [[1]] }), { field: 'y_pred', message: /expected a number/ });
  });

  it('a request that is not an object', () => {
    expectEngineError(() => evaluate(null as unknown as EngineRequest), { field: 'request', message: /request object/ });
  });

  it('typed tensors: a data length that does not match the shape, an empty or negative shape', () => {
    const t = (shape: number[], data: number[]) => ({ shape, data: Float64Array.from(data) });
    expectEngineError(bce(t([1, 2], [0, 1]), t([1, 2], [0.5, 0.5, 0.5])), { field: 'y_pred', message: /3 values but shape \(1, 2\) needs 2/ });
    expectEngineError(bce(t([0, 2], []), t([0, 2], [])), { field: 'y_true', message: /empty/ });
    expectEngineError(bce(t([1, -2], []), t([1, 2], [0.5, 0.5])), { field: 'y_true', message: /non-negative integers/ });
  });

  it('inside a metric update, the field is prefixed with the update: updates[1].y_pred', () => {
    expectEngineError(run({ kind: 'metric', name: 'BinaryCrossentropy', updates: [{ y_true: Bt, y_pred: Bp }, { y_true: Bt, y_pred: [[0.6, 0.4], [1]] }] }),
      { field: 'updates[1].y_pred', index: [1], message: /updates\[1\]\.y_pred\[1\]/ });
    expectEngineError(run({ kind: 'metric', name: 'BinaryCrossentropy', updates: [{ y_true: Bt, y_pred: Bp, sample_weight: [1, 'x'] }] }),
      { field: 'updates[0].sample_weight', index: [1] });
  });

  it('a metric request without updates', () => {
    expectEngineError(run({ kind: 'metric', name: 'BinaryCrossentropy', updates: [] }), { field: 'updates', message: /non-empty list of updates/ });
  });
});

describe('shape mismatches name the field that does not fit', () => {
  it('binary_crossentropy needs identical shapes: y_true (1, 3) vs y_pred (1, 2)', () => {
    expectEngineError(bce([[0, 1, 1]], [[0.5, 0.5]]), { field: 'y_pred', message: /must have the same shape.*\(1, 3\).*\(1, 2\)/ });
  });

  it('categorical_crossentropy rejects sparse labels against one-hot predictions (rank mismatch)', () => {
    expectEngineError(run({ kind: 'loss', name: 'CategoricalCrossentropy', y_true: Ys, y_pred: P }), { field: 'y_pred', message: /same shape.*\(2,\).*\(2, 3\)/ });
  });

  it('sparse_categorical_crossentropy needs y_true.shape == y_pred.shape[:-1]', () => {
    expectEngineError(run({ kind: 'loss', name: 'SparseCategoricalCrossentropy', y_true: [1, 2, 0], y_pred: P }),
      { field: 'y_true', message: /same shape up until the last dimension/ });
  });

  it('categorical_focal_crossentropy, kl_divergence and poisson need shapes that broadcast', () => {
    for (const name of ['categorical_focal_crossentropy', 'kl_divergence', 'poisson']) {
      expectEngineError(run({ kind: 'function', name, y_true: [[0, 1, 0], [1, 0, 0], [0, 0, 1]], y_pred: P }), { field: 'y_pred', message: /broadcast/ });
    }
  });

  it('scalar inputs: the losses need at least one axis', () => {
    expectEngineError(bce(1, 0.5), { field: 'y_pred', message: /rank/ });
    expectEngineError(run({ kind: 'loss', name: 'SparseCategoricalCrossentropy', y_true: 1, y_pred: 0.5 }), { field: 'y_pred', message: /rank 1/ });
    expectEngineError(run({ kind: 'loss', name: 'CategoricalFocalCrossentropy', y_true: 1, y_pred: 0.5 }), { field: 'y_pred', message: /rank 1/ });
  });

  it('a sample_weight that does not broadcast against the per-sample values', () => {
    expectEngineError(bce(Bt, Bp, { sample_weight: [1, 2, 3] }), { field: 'sample_weight', message: /\(2,\).*\(3,\)/ });
  });

  it('a metric sample_weight that does not broadcast names the update', () => {
    expectEngineError(run({ kind: 'metric', name: 'CategoricalCrossentropy', updates: [{ y_true: Yc, y_pred: P, sample_weight: [1, 2, 3] }] }),
      { field: 'updates[0].sample_weight', message: /does not broadcast/ });
  });

  it('ignore_class with [B] weights on [B, T] labels: the loss cannot combine weights and mask (Keras raises too)', () => {
    const yPred = [[[0.2, 0.3, 0.5], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]], [[0.6, 0.2, 0.2], [0.3, 0.3, 0.4], [0.3, 0.3, 0.4]]];
    expectEngineError(run({ kind: 'loss', name: 'SparseCategoricalCrossentropy', config: { ignore_class: -1 }, y_true: [[1, 2, -1], [0, -1, -1]], y_pred: yPred, sample_weight: [1, 2] }),
      { field: 'sample_weight', message: /\(2,\).*\(2, 3\)/ });
  });

  // Engine bug: metrics.ts multiplies the ignore_class mask into the weights with a helper that throws a
  // plain Error ("updates[0].sample_weight: shapes (2) and (2,3) do not broadcast"), outside the try that
  // turns broadcasting failures into EngineErrors, so callers get no .field.
  it('ignore_class with [B] weights on [B, T] labels: the metric raises an EngineError naming updates[0].sample_weight', () => {
    const yPred = [[[0.2, 0.3, 0.5], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]], [[0.6, 0.2, 0.2], [0.3, 0.3, 0.4], [0.3, 0.3, 0.4]]];
    expectEngineError(run({ kind: 'metric', name: 'SparseCategoricalCrossentropy', config: { ignore_class: -1 }, updates: [{ y_true: [[1, 2, -1], [0, -1, -1]], y_pred: yPred, sample_weight: [1, 2] }] }),
      { field: 'updates[0].sample_weight', message: /broadcast/ });
  });

  it('a categorical alpha list that does not match the class axis', () => {
    expectEngineError(run({ kind: 'loss', name: 'CategoricalFocalCrossentropy', config: { alpha: [0.1, 0.9] }, y_true: Yc, y_pred: P }),
      { field: 'config.alpha', message: /alpha/ });
  });
});

describe('labels that are not class ids', () => {
  it('a fractional sparse label is an error on no Keras backend: every backend truncates it, the first one named by its index', () => {
    const r = loss('SparseCategoricalCrossentropy', { reduction: 'none' }, [1.5, 2], P);
    const w = r.warnings.find((x) => x.code === 'label_truncated');
    expect(w?.field).toBe('y_true');
    expect(w?.index).toEqual([0]);
    expect(w?.message).toMatch(/y_true\[0\] = 1\.5 is read as class 1/);
  });

  it('a fractional sparse label inside a [B, T] y_true is named by its nested index y_true[0][1]', () => {
    const yPred = [[[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]], [[0.3, 0.3, 0.4], [0.6, 0.2, 0.2]]];
    const r = loss('SparseCategoricalCrossentropy', {}, [[1, 2.5], [0, 1]], yPred);
    const w = r.warnings.find((x) => x.code === 'label_truncated');
    expect(w?.index).toEqual([0, 1]);
    expect(w?.message).toMatch(/y_true\[0\]\[1\]/);
  });

  it('CTC labels must be integers in [0, C): out of range, negative, fractional', () => {
    const z = [[[0, 0, 0], [0, 0, 0], [0, 0, 0]]];
    const ctc = (y: unknown) => run({ kind: 'loss', name: 'CTC', y_true: y, y_pred: z });
    expectEngineError(ctc([[1, 5]]), { field: 'y_true', index: [0, 1], message: /y_true\[0\]\[1\] is 5.*\[0, 3\)/ });
    expectEngineError(ctc([[-1, 1]]), { field: 'y_true', index: [0, 0] });
    expectEngineError(ctc([[1, 1.5]]), { field: 'y_true', index: [0, 1], message: /integer/ });
  });

  it('CTC y_true must be 2-D and y_pred 3-D, with the same batch size', () => {
    const z = [[[0, 0, 0], [0, 0, 0], [0, 0, 0]]];
    expectEngineError(run({ kind: 'loss', name: 'CTC', y_true: [1, 2], y_pred: z }), { field: 'y_true', message: /\(batch_size, max_length\).*\(2,\)/ });
    expectEngineError(run({ kind: 'loss', name: 'CTC', y_true: [[1, 2]], y_pred: [[0, 0, 0], [0, 0, 0]] }),
      { field: 'y_pred', message: /\(batch_size, max_length, num_classes\).*\(2, 3\)/ });
    expectEngineError(run({ kind: 'loss', name: 'CTC', y_true: [[1], [2]], y_pred: z }), { field: 'y_pred', message: /batch/ });
  });
});

describe('unknown names', () => {
  it.each([
    ['loss', 'Hinge', /Unknown loss class Hinge.*BinaryCrossentropy/],
    ['function', 'hinge', /Unknown loss function hinge.*binary_crossentropy/],
    ['function', 'BinaryCrossentropy', /Unknown loss function/],
    ['loss', 'binary_crossentropy', /Unknown loss class/],
  ])('kind %s, name %s', (kind, name, message) => {
    expectEngineError(run({ kind, name, y_true: Bt, y_pred: Bp }), { field: 'name', message });
  });

  it('an unknown metric names the metric classes', () => {
    expectEngineError(run({ kind: 'metric', name: 'Accuracy', updates: [{ y_true: Bt, y_pred: Bp }] }),
      { field: 'name', message: /Unknown metric class Accuracy.*KLDivergence/ });
  });

  it('an unknown kind', () => {
    expectEngineError(run({ kind: 'lossy', name: 'BinaryCrossentropy', y_true: Bt, y_pred: Bp }), { field: 'kind', message: /"loss", "function" or "metric"/ });
  });

  it('an unknown parameter names config.<key> and lists the accepted ones', () => {
    expectEngineError(run({ kind: 'loss', name: 'BinaryFocalCrossentropy', config: { gama: 2 }, y_true: Bt, y_pred: Bp }),
      { field: 'config.gama', message: /Unknown parameter gama.*gamma/ });
    expectEngineError(run({ kind: 'metric', name: 'BinaryCrossentropy', config: { axis: -1 }, updates: [{ y_true: Bt, y_pred: Bp }] }),
      { field: 'config.axis' });
    expectEngineError(run({ kind: 'function', name: 'poisson', config: { reduction: 'sum' }, y_true: Bt, y_pred: Bp }),
      { field: 'config.reduction' });
  });
});

describe('parameters of the wrong type name config.<key>', () => {
  it.each([
    ['BinaryCrossentropy', { from_logits: 'yes' }, 'config.from_logits', /true or false.*"yes"/],
    ['BinaryFocalCrossentropy', { gamma: 'x' }, 'config.gamma', /finite number.*"x"/],
    ['BinaryFocalCrossentropy', { alpha: [0.25] }, 'config.alpha', /finite number/],
    ['BinaryFocalCrossentropy', { apply_class_balancing: 1 }, 'config.apply_class_balancing', /true or false/],
    ['CategoricalFocalCrossentropy', { alpha: [0.1, 'a', 0.3] }, 'config.alpha', /list of numbers/],
    ['CategoricalCrossentropy', { label_smoothing: '0.1' }, 'config.label_smoothing', /finite number/],
    ['CategoricalCrossentropy', { axis: 1.5 }, 'config.axis', /integer/],
    ['SparseCategoricalCrossentropy', { ignore_class: 'a' }, 'config.ignore_class', /integer or null/],
    ['BinaryCrossentropy', { name: 3 }, 'config.name', /string/],
    ['BinaryCrossentropy', { dtype: 'float16' }, 'config.dtype', /float32/],
  ])('%s(%j)', (name, config, field, message) => {
    const y = name.startsWith('Sparse') ? Ys : name.startsWith('Categorical') ? Yc : Bt;
    const p = name.startsWith('Sparse') || name.startsWith('Categorical') ? P : Bp;
    expectEngineError(run({ kind: 'loss', name, config, y_true: y, y_pred: p }), { field, message });
  });
});

describe('invalid reductions name config.reduction and list the valid ones', () => {
  it.each([
    ['auto', 'keras3'],
    ['SUM', 'keras3'],
    ['sum_over_batch', 'keras3'],
    [null, 'tf_keras2'],
    ['mean', 'tf_keras2'],
    ['mean_with_sample_weight', 'tf_keras2'],
  ] as const)('reduction=%j in %s', (reduction, semantics) => {
    expectEngineError(run({ kind: 'loss', name: 'BinaryCrossentropy', config: { reduction }, y_true: Bt, y_pred: Bp }, semantics),
      { field: 'config.reduction', message: /Invalid value for argument reduction\. Expected one of \{.*'sum'.*\}\. Received: reduction=/ });
  });
});

describe('axis', () => {
  it('out of range names config.axis and the valid range', () => {
    expectEngineError(run({ kind: 'loss', name: 'CategoricalCrossentropy', config: { axis: 2 }, y_true: Yc, y_pred: P }),
      { field: 'config.axis', message: /axis 2 is out of range.*\[-2, 1\]/ });
    expectEngineError(run({ kind: 'loss', name: 'BinaryCrossentropy', config: { axis: -3 }, y_true: Bt, y_pred: Bp }), { field: 'config.axis' });
  });

  it('axis=true raises Keras\'s "axis must be of type int"', () => {
    expectEngineError(run({ kind: 'loss', name: 'CategoricalCrossentropy', config: { axis: true }, y_true: Yc, y_pred: P }),
      { field: 'config.axis', message: /axis must be of type int\. Received: axis=True/ });
  });
});

describe('semantics', () => {
  it('tf_keras2 has no CTC loss class', () => {
    expectEngineError(run({ kind: 'loss', name: 'CTC', y_true: [[1]], y_pred: [[[0, 0]]] }, 'tf_keras2'), { field: 'semantics', message: /ctc_batch_cost/ });
  });
});

describe('accepted with a warning: the value is still computed', () => {
  it('label_smoothing outside [0, 1] (Keras does not check it): code label_smoothing_range', () => {
    for (const ls of [-0.5, 1.5, 5]) {
      const r = loss('BinaryCrossentropy', { label_smoothing: ls }, Bt, Bp);
      expect(warningCodes(r)).toContain('label_smoothing_range');
      expect(Number.isFinite(r.value.data[0])).toBe(true);
      expect(r.warnings.find((w) => w.code === 'label_smoothing_range')?.field).toBe('config.label_smoothing');
    }
    expect(warningCodes(loss('BinaryCrossentropy', { label_smoothing: 1 }, Bt, Bp))).not.toContain('label_smoothing_range');
    const m = metric('CategoricalCrossentropy', { label_smoothing: 2 }, [{ y_true: Yc, y_pred: P }]);
    expect(warningCodes(m)).toContain('label_smoothing_range');
  });

  it('a negative KL divergence (zero labels clipped to 1e-7): code negative_kl', () => {
    const r = fn('kl_divergence', {}, [[0, 0]], [[0.4, 0.6]]);
    expect(warningCodes(r)).toContain('negative_kl');
    expect((value(r) as number[])[0]).toBeCloseTo(-3.08e-6, 8);
    expect(warningCodes(fn('kl_divergence', {}, [[0.2, 0.8]], [[0.5, 0.5]]))).not.toContain('negative_kl');
  });

  it('a sparse label out of range in Keras 3 on JAX: code label_out_of_range, that entry scores 0', () => {
    const jax = { kerasBackend: 'jax' as const };
    const r = loss('SparseCategoricalCrossentropy', { reduction: 'none' }, [1, 3], P, jax);
    expect(warningCodes(r)).toContain('label_out_of_range');
    expect((value(r) as number[])[1]).toBe(0);
    expect(warningCodes(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, [1, -1], P, jax))).toContain('label_out_of_range');
  });

  it('an infeasible CTC alignment (T shorter than the labels plus repeats): code ctc_infeasible, naming the sample', () => {
    const z = [[[0, 0, 0], [0, 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0], [0, 0, 0]]];
    const r = loss('CTC', { reduction: 'none' }, [[1, 2, 0], [1, 1, 2]], z);
    const w = r.warnings.find((x) => x.code === 'ctc_infeasible');
    expect(w?.index).toEqual([1]);
    const v = value(r) as number[];
    expect(Number.isFinite(v[0])).toBe(true);
    expect(v[1]).toBeGreaterThan(1e4); // Keras on JAX/NumPy ≈ 1e5, TF ≈ 709, torch inf; never a small number.
  });
});
