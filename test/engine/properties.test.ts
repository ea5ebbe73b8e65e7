/**
 * Invariants of the losses and metrics, checked on random inputs with fast-check: identities
 * between losses (focal with gamma = 0 is cross-entropy), between reductions, between dtypes,
 * and the metric fold (a weighted mean over everything seen since the last reset).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Metric, type DType, type Nested } from '../../src/engine';
import { expectClose, type Tolerance } from '../helpers/close';
import { DTYPES, fn, loss, scalar, value } from '../helpers/engine';

/** 100 runs per property by default; FC_RUNS=5000 for a deeper local search. */
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 100) };
/** Identities that hold formula for formula: only summation order may differ. */
const IDENTITY: Tolerance = { rtol: 1e-12, atol: 1e-15 };

type Matrix = number[][];

const matrix = (B: number, D: number, entry: fc.Arbitrary<number>): fc.Arbitrary<Matrix> =>
  fc.array(fc.array(entry, { minLength: D, maxLength: D }), { minLength: B, maxLength: B });

/** Probabilities in [0, 1]; subnormals are flushed to 0 so that both dtypes see the same input. */
const probability = fc.double({ min: 0, max: 1, noNaN: true }).map((p) => (p < 1e-30 ? 0 : p));
const interior = fc.double({ min: 0.01, max: 0.99, noNaN: true });
const logitArb = (bound: number) => fc.double({ min: -bound, max: bound, noNaN: true });
/** Sample weights in {0} ∪ [1e-3, 3] (a 1e-300 weight is 0 in float32 but not in float64). */
const weightArb = fc.double({ min: 0, max: 3, noNaN: true }).map((w) => (w < 1e-3 ? 0 : w));
const label01 = fc.constantFrom(0, 1);

/** A batch [B, D] of labels and predictions, and a per-sample weight [B]. */
function batch(yEntry: fc.Arbitrary<number>, pEntry: fc.Arbitrary<number>, maxD = 5) {
  return fc.record({ B: fc.integer({ min: 1, max: 4 }), D: fc.integer({ min: 1, max: maxD }) }).chain(({ B, D }) =>
    fc.record({ yTrue: matrix(B, D, yEntry), yPred: matrix(B, D, pEntry), sw: fc.array(weightArb, { minLength: B, maxLength: B }) }));
}

/** One-hot labels over C ≥ 2 classes. */
function categoricalBatch(pEntry: fc.Arbitrary<number>) {
  return fc.record({ B: fc.integer({ min: 1, max: 4 }), C: fc.integer({ min: 2, max: 5 }) }).chain(({ B, C }) =>
    fc.record({
      yTrue: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: B, maxLength: B })
        .map((ks) => ks.map((k) => Array.from({ length: C }, (_, j) => (j === k ? 1 : 0)))),
      yPred: matrix(B, C, pEntry),
      sw: fc.array(weightArb, { minLength: B, maxLength: B }),
    }));
}

/** Sparse labels [B, T] over [B, T, C] predictions, with timestep weights [B, T]. */
const sparseBatch = fc.record({ B: fc.integer({ min: 1, max: 3 }), T: fc.integer({ min: 1, max: 3 }), C: fc.integer({ min: 2, max: 4 }) })
  .chain(({ B, T, C }) => fc.record({
    yTrue: matrix(B, T, fc.integer({ min: 0, max: C - 1 })),
    yPred: fc.array(matrix(T, C, fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: B, maxLength: B }),
    sw: matrix(B, T, weightArb),
  }));

const rowSumsPositive = (m: Matrix) => m.every((row) => row.some((p) => p > 0));

describe('focal losses reduce to cross-entropy', () => {
  it('binary_focal_crossentropy with gamma=0 (no balancing) equals binary_crossentropy, any alpha', () => {
    fc.assert(fc.property(batch(probability, probability), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
      ({ yTrue, yPred }, alpha, ls) => {
        expectClose(value(fn('binary_focal_crossentropy', { gamma: 0, alpha, label_smoothing: ls }, yTrue, yPred)),
          value(fn('binary_crossentropy', { label_smoothing: ls }, yTrue, yPred)), IDENTITY);
      }), RUNS);
  });

  it('binary_focal_crossentropy with gamma=0 equals binary_crossentropy from logits too (away from saturation)', () => {
    fc.assert(fc.property(batch(label01, logitArb(10)), ({ yTrue, yPred }) => {
      expectClose(value(fn('binary_focal_crossentropy', { gamma: 0, from_logits: true }, yTrue, yPred)),
        value(fn('binary_crossentropy', { from_logits: true }, yTrue, yPred)), { rtol: 1e-8, atol: 1e-12 });
    }), RUNS);
  });

  it('categorical_focal_crossentropy with gamma=0 and alpha=1 equals categorical_crossentropy', () => {
    fc.assert(fc.property(categoricalBatch(probability), ({ yTrue, yPred }) => {
      fc.pre(rowSumsPositive(yPred));
      expectClose(value(fn('categorical_focal_crossentropy', { gamma: 0, alpha: 1 }, yTrue, yPred)),
        value(fn('categorical_crossentropy', {}, yTrue, yPred)), IDENTITY);
    }), RUNS);
  });

  it('categorical_focal_crossentropy with gamma=0 and alpha=1 equals categorical_crossentropy from logits', () => {
    fc.assert(fc.property(categoricalBatch(logitArb(5)), ({ yTrue, yPred }) => {
      expectClose(value(fn('categorical_focal_crossentropy', { gamma: 0, alpha: 1, from_logits: true }, yTrue, yPred)),
        value(fn('categorical_crossentropy', { from_logits: true }, yTrue, yPred)), { rtol: 1e-9, atol: 1e-12 });
    }), RUNS);
  });
});

describe('label_smoothing = 0 changes nothing', () => {
  it.each([
    ['BinaryCrossentropy', {}],
    ['BinaryFocalCrossentropy', { apply_class_balancing: true }],
    ['CategoricalCrossentropy', {}],
    ['CategoricalFocalCrossentropy', {}],
  ] as const)('%s(label_smoothing=0) equals %s() in value and gradient', (name, extra) => {
    fc.assert(fc.property(categoricalBatch(interior), fc.boolean(), ({ yTrue, yPred }, from_logits) => {
      const a = loss(name, { ...extra, from_logits, label_smoothing: 0 }, yTrue, yPred);
      const b = loss(name, { ...extra, from_logits }, yTrue, yPred);
      expect(a.value.data).toEqual(b.value.data);
      expect(a.grad!.data).toEqual(b.grad!.data);
    }), RUNS);
  });

  it.each(['BinaryCrossentropy', 'CategoricalCrossentropy'])('the %s metric with label_smoothing=0 equals the default', (name) => {
    fc.assert(fc.property(categoricalBatch(interior), ({ yTrue, yPred }) => {
      const a = new Metric(name, { label_smoothing: 0 });
      const b = new Metric(name);
      a.updateState({ y_true: yTrue, y_pred: yPred });
      b.updateState({ y_true: yTrue, y_pred: yPred });
      expect(a.result()).toBe(b.result());
    }), RUNS);
  });
});

describe('reductions are sums and counts of the unreduced output', () => {
  const LOSSES = ['BinaryCrossentropy', 'BinaryFocalCrossentropy', 'CategoricalCrossentropy', 'CategoricalFocalCrossentropy', 'KLDivergence', 'Poisson'];

  it.each(LOSSES)('%s: "sum" equals the sum of "none" (weighted)', (name) => {
    fc.assert(fc.property(categoricalBatch(interior), fc.boolean(), ({ yTrue, yPred, sw }, weighted) => {
      const o = { sample_weight: weighted ? sw : null };
      const none = value(loss(name, { reduction: 'none' }, yTrue, yPred, o)) as number[];
      expectClose(scalar(loss(name, { reduction: 'sum' }, yTrue, yPred, o)), none.reduce((a, b) => a + b, 0), IDENTITY);
    }), RUNS);
  });

  it.each(LOSSES)('%s: "sum_over_batch_size" equals "sum" / element count, whatever the weights', (name) => {
    fc.assert(fc.property(categoricalBatch(interior), fc.boolean(), ({ yTrue, yPred, sw }, weighted) => {
      const o = { sample_weight: weighted ? sw : null };
      const total = scalar(loss(name, { reduction: 'sum' }, yTrue, yPred, o));
      expectClose(scalar(loss(name, {}, yTrue, yPred, o)), total / yTrue.length, IDENTITY);
    }), RUNS);
  });

  it('SparseCategoricalCrossentropy over [B, T]: "sum" = Σ "none", "sum_over_batch_size" = sum / (B·T)', () => {
    fc.assert(fc.property(sparseBatch, ({ yTrue, yPred, sw }) => {
      const o = { sample_weight: sw };
      const none = (value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, yTrue, yPred, o)) as number[][]).flat();
      const total = scalar(loss('SparseCategoricalCrossentropy', { reduction: 'sum' }, yTrue, yPred, o));
      expectClose(total, none.reduce((a, b) => a + b, 0), IDENTITY);
      expectClose(scalar(loss('SparseCategoricalCrossentropy', {}, yTrue, yPred, o)), total / none.length, IDENTITY);
    }), RUNS);
  });
});

describe('KL divergence', () => {
  it('KL(p, p) = 0 for every p in [1e-7, 1]', () => {
    fc.assert(fc.property(batch(fc.constant(0), fc.double({ min: 1e-7, max: 1, noNaN: true })), ({ yPred }) => {
      for (const v of value(fn('kl_divergence', {}, yPred, yPred)) as number[]) expect(Math.abs(v)).toBeLessThanOrEqual(1e-15);
    }), RUNS);
  });
});

describe('losses are non-negative on valid probabilities and labels', () => {
  describe.each(DTYPES)('%s', (dtype) => {
    const o = { dtype };
    it('binary_crossentropy and binary_focal_crossentropy (any gamma ≥ 0, alpha, label_smoothing in [0, 1])', () => {
      const opts = fc.record({
        gamma: fc.double({ min: 0, max: 5, noNaN: true }), alpha: fc.double({ min: 0, max: 1, noNaN: true }),
        label_smoothing: fc.double({ min: 0, max: 1, noNaN: true }), apply_class_balancing: fc.boolean(), from_logits: fc.boolean(),
      });
      fc.assert(fc.property(batch(probability, probability), opts, ({ yTrue, yPred }, { from_logits, label_smoothing, ...focal }) => {
        const yp = from_logits ? yPred.map((r) => r.map((p) => 40 * p - 20)) : yPred;
        for (const v of value(fn('binary_crossentropy', { from_logits, label_smoothing }, yTrue, yp, o)) as number[]) expect(v).toBeGreaterThanOrEqual(0);
        for (const v of value(fn('binary_focal_crossentropy', { from_logits, label_smoothing, ...focal }, yTrue, yp, o)) as number[]) expect(v).toBeGreaterThanOrEqual(0);
      }), RUNS);
    });

    it('categorical_crossentropy and categorical_focal_crossentropy (soft labels in [0, 1], alpha ≥ 0)', () => {
      const opts = fc.record({ gamma: fc.double({ min: 0, max: 5, noNaN: true }), alpha: fc.double({ min: 0, max: 1, noNaN: true }),
        label_smoothing: fc.double({ min: 0, max: 1, noNaN: true }), from_logits: fc.boolean() });
      fc.assert(fc.property(batch(probability, probability), opts, ({ yTrue, yPred }, { from_logits, label_smoothing, ...focal }) => {
        fc.pre(from_logits || rowSumsPositive(yPred));
        const yp = from_logits ? yPred.map((r) => r.map((p) => 40 * p - 20)) : yPred;
        for (const v of value(fn('categorical_crossentropy', { from_logits, label_smoothing }, yTrue, yp, o)) as number[]) expect(v).toBeGreaterThanOrEqual(0);
        for (const v of value(fn('categorical_focal_crossentropy', { from_logits, label_smoothing, ...focal }, yTrue, yp, o)) as number[]) expect(v).toBeGreaterThanOrEqual(0);
      }), RUNS);
    });

    it('sparse_categorical_crossentropy', () => {
      fc.assert(fc.property(sparseBatch, fc.boolean(), ({ yTrue, yPred }, from_logits) => {
        for (const v of (value(fn('sparse_categorical_crossentropy', { from_logits }, yTrue, yPred, o)) as number[][]).flat()) expect(v).toBeGreaterThanOrEqual(0);
      }), RUNS);
    });
  });
});

describe('metrics are a running weighted mean', () => {
  /** Weighted BCE batches with positive total weight. */
  const updates = fc.array(batch(probability, interior, 3), { minLength: 1, maxLength: 5 });

  it('after k updates result() = Σ w_i v_i / Σ w_i over every sample of every update', () => {
    fc.assert(fc.property(updates, (batches) => {
      fc.pre(batches.some((b) => b.sw.some((w) => w > 0)));
      const m = new Metric('BinaryCrossentropy');
      let num = 0;
      let den = 0;
      for (const { yTrue, yPred, sw } of batches) {
        m.updateState({ y_true: yTrue, y_pred: yPred, sample_weight: sw });
        const v = value(fn('binary_crossentropy', {}, yTrue, yPred)) as number[];
        v.forEach((x, i) => { num += sw[i] * x; den += sw[i]; });
      }
      expectClose(m.result(), den === 0 ? 0 : num / den, { rtol: 1e-12, atol: 1e-15 });
    }), RUNS);
  });

  it('without weights each sample counts once: result() = Σ v / (number of samples)', () => {
    fc.assert(fc.property(updates, (batches) => {
      const m = new Metric('BinaryCrossentropy');
      const all: number[] = [];
      for (const { yTrue, yPred } of batches) {
        m.updateState({ y_true: yTrue, y_pred: yPred });
        all.push(...(value(fn('binary_crossentropy', {}, yTrue, yPred)) as number[]));
      }
      expectClose(m.result(), all.reduce((a, b) => a + b, 0) / all.length, { rtol: 1e-12, atol: 1e-15 });
    }), RUNS);
  });

  it('reset_state() restarts: the result after a reset depends only on the later updates', () => {
    fc.assert(fc.property(updates, updates, (before, after) => {
      const m = new Metric('BinaryCrossentropy');
      const fresh = new Metric('BinaryCrossentropy');
      for (const { yTrue, yPred, sw } of before) m.updateState({ y_true: yTrue, y_pred: yPred, sample_weight: sw });
      m.resetState();
      expect(m.result()).toBe(0);
      for (const { yTrue, yPred, sw } of after) {
        m.updateState({ y_true: yTrue, y_pred: yPred, sample_weight: sw });
        fresh.updateState({ y_true: yTrue, y_pred: yPred, sample_weight: sw });
      }
      expect(m.result()).toBe(fresh.result());
    }), RUNS);
  });
});

describe('float32 and float64 agree away from the clip bounds', () => {
  const agree = (f: (dtype: DType) => Nested) => expectClose(f('float32'), f('float64'), { rtol: 1e-5, atol: 1e-5 });

  it.each([
    ['BinaryCrossentropy', {}],
    ['BinaryCrossentropy', { from_logits: true }],
    ['BinaryFocalCrossentropy', { gamma: 2, apply_class_balancing: true, label_smoothing: 0.1 }],
    // 1 − σ(z) keeps only ~|z|/ln 2 − 24 bits in float32, so the focal logits stay moderate.
    ['BinaryFocalCrossentropy', { gamma: 1.5, from_logits: true, bound: 4 }],
    ['CategoricalCrossentropy', { label_smoothing: 0.1 }],
    ['CategoricalCrossentropy', { from_logits: true }],
    ['CategoricalFocalCrossentropy', { alpha: 0.5 }],
    ['CategoricalFocalCrossentropy', { from_logits: true, gamma: 3 }],
    ['KLDivergence', {}],
    ['Poisson', {}],
  ] as const)('%s %j', (name, { bound, ...config }: Record<string, unknown>) => {
    const fromLogits = 'from_logits' in config;
    fc.assert(fc.property(categoricalBatch(fromLogits ? logitArb((bound as number | undefined) ?? 10) : interior), fc.constantFrom('none', 'sum_over_batch_size'), ({ yTrue, yPred, sw }, reduction) => {
      agree((dtype) => value(loss(name, { ...config, reduction }, yTrue, yPred, { dtype, sample_weight: sw })));
    }), RUNS);
  });

  it('SparseCategoricalCrossentropy, probabilities and logits', () => {
    fc.assert(fc.property(sparseBatch, fc.boolean(), ({ yTrue, yPred, sw }, from_logits) => {
      agree((dtype) => value(loss('SparseCategoricalCrossentropy', { from_logits, reduction: 'none' }, yTrue, yPred, { dtype, sample_weight: sw })));
    }), RUNS);
  });

  it('metrics accumulate to the same result', () => {
    fc.assert(fc.property(fc.array(categoricalBatch(interior), { minLength: 1, maxLength: 4 }), (batches) => {
      const results = (['float32', 'float64'] as const).map((dtype) => {
        const m = new Metric('CategoricalCrossentropy', {}, 'keras3', dtype);
        for (const { yTrue, yPred, sw } of batches) m.updateState({ y_true: yTrue, y_pred: yPred, sample_weight: sw });
        return m.result();
      });
      expectClose(results[0], results[1], { rtol: 1e-5, atol: 1e-6 });
    }), RUNS);
  });
});
