/**
 * Training the current predictions (issue 15, engine half), as a specification: what gradient
 * descent on the logits does under each Keras loss, with the engine's own gradient.
 */
import { describe, expect, it } from 'vitest';
import {
  EngineError, evaluateLoss, trainRun, trainStep, type EvalOptions, type LossRequest, type TrainParams,
} from '../../../src/engine/index';

const f64: EvalOptions = { dtype: 'float64' };
const bin = { y_true: [[0, 1, 1], [1, 0, 0]], y_pred: [[0.2, 0.6, 0.4], [0.7, 0.3, 0.5]] };
const cat = { y_true: [[1, 0, 0], [0, 0, 1]], y_pred: [[0.5, 0.3, 0.2], [0.2, 0.5, 0.3]] };
const ctcLogits = Array.from({ length: 2 }, (_, b) => Array.from({ length: 5 }, (_, t) => [0.1 * t, 0.3 * b - 0.1 * t, 0.2, 0.05 * t * b]));

/** One example per catalog loss: [class, function, labels and predictions, extra config]. */
const LOSSES: [string, string, { y_true: unknown; y_pred: unknown }, Record<string, unknown>][] = [
  ['BinaryCrossentropy', 'binary_crossentropy', bin, {}],
  ['BinaryFocalCrossentropy', 'binary_focal_crossentropy', bin, {}],
  ['CategoricalCrossentropy', 'categorical_crossentropy', cat, {}],
  ['CategoricalFocalCrossentropy', 'categorical_focal_crossentropy', cat, {}],
  ['SparseCategoricalCrossentropy', 'sparse_categorical_crossentropy', { y_true: [0, 2], y_pred: cat.y_pred }, {}],
  ['Poisson', 'poisson', { y_true: [[1, 3], [0, 2]], y_pred: [[0.5, 2], [1, 1]] }, {}],
  ['KLDivergence', 'kl_divergence', { y_true: [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]], y_pred: cat.y_pred }, {}],
  ['CTC', 'ctc', { y_true: [[1, 2, 0], [1, 1, 0]], y_pred: ctcLogits }, {}],
];

const req = (kind: 'loss' | 'function', name: string, data: { y_true: unknown; y_pred: unknown }, config: Record<string, unknown> = {}) =>
  ({ kind, name, config, ...data }) as LossRequest;

function expectNonIncreasing(loss: Float64Array, rel: number): void {
  for (let k = 1; k < loss.length; k++) {
    if (!(loss[k] <= loss[k - 1] + rel * Math.abs(loss[k - 1]))) expect.fail(`loss rose at step ${k}: ${loss[k - 1]} -> ${loss[k]}`);
  }
}

describe('gradient descent with a small step size lowers the loss at every step', () => {
  for (const [cls, fn, data, config] of LOSSES) {
    for (const [kind, name] of [['loss', cls], ['function', fn]] as const) {
      const modes = fn === 'poisson' || fn === 'kl_divergence' || fn === 'ctc' ? [false] : [false, true];
      for (const fromLogits of modes) {
        it(`${name}${fromLogits ? ' from logits' : ''}`, () => {
          const cfg = fromLogits ? { ...config, from_logits: true } : config;
          const r = trainRun(req(kind, name, data, cfg), f64, { steps: 60, learning_rate: kind === 'loss' ? 0.05 : 0.02 }).main;
          expect(r.stopped).toBeNull();
          // CTC runs in float32 on every backend: allow its rounding, nothing more.
          expectNonIncreasing(r.loss, fn === 'ctc' ? 1e-6 : 1e-13);
          expect(r.loss[60]).toBeLessThan(r.loss[0] * 0.99);
          expect(r.objective).toBe(kind === 'loss' ? 'reduced' : 'sum');
          // The first recorded loss is the engine's loss at the start.
          const start = evaluateLoss(req(kind, name, data, cfg), f64);
          const value = Array.from(start.value.data).reduce((a, b) => a + b, 0);
          expect(r.loss[0]).toBeCloseTo(value, 12);
        });
      }
    }
  }

  it('also on the reference path for the losses a fused loop serves, and both paths agree', () => {
    const r = req('loss', 'CategoricalFocalCrossentropy', cat, { label_smoothing: 0.1 });
    const a = trainRun(r, f64, { steps: 40, learning_rate: 0.1 }).main;
    const b = trainRun(r, f64, { steps: 40, learning_rate: 0.1, path: 'reference' }).main;
    expect([a.path, b.path]).toEqual(['fused', 'reference']);
    expectNonIncreasing(b.loss, 1e-13);
    a.loss.forEach((v, k) => expect(v).toBeCloseTo(b.loss[k], 9));
    a.finalLogits.forEach((v, k) => expect(v).toBeCloseTo(b.finalLogits[k], 9));
  });
});

describe('label smoothing: the true-class probability converges to 1 − ls + ls/C', () => {
  const cases: [string, { y_true: unknown; y_pred: unknown }, number, number][] = [
    ['CategoricalCrossentropy', { y_true: [[0, 1, 0, 0], [1, 0, 0, 0]], y_pred: [[0.1, 0.4, 0.3, 0.2], [0.25, 0.25, 0.25, 0.25]] }, 0.2, 4],
    ['BinaryCrossentropy', { y_true: [[1, 0], [0, 1]], y_pred: [[0.3, 0.6], [0.9, 0.5]] }, 0.1, 2],
  ];
  for (const [name, data, ls, C] of cases) {
    for (const fromLogits of [false, true]) {
      it(`${name}, ls = ${ls}, C = ${C}${fromLogits ? ', from logits' : ''}`, () => {
        const r = trainRun(req('loss', name, data, { label_smoothing: ls, from_logits: fromLogits }), f64, { steps: 1000, learning_rate: 5 }).main;
        const target = 1 - ls + ls / C;
        expect(Array.from(r.optimum!)).toEqual([target, target].map((t) => expect.closeTo(t, 14)));
        const last = r.trueProb.subarray(1000 * r.samples.length);
        for (const p of last) expect(Math.abs(p - target)).toBeLessThan(1e-3);
        expect(Math.abs(r.meanTrueProb[1000] - target)).toBeLessThan(1e-3);
        expect(Math.abs(r.meanTrueProb[0] - target)).toBeGreaterThan(0.05);
      });
    }
  }

  it('without smoothing there is nothing finite to converge to on the focal losses with gamma > 0 and soft labels', () => {
    const r = trainRun(req('loss', 'BinaryFocalCrossentropy', { y_true: [[0.3, 1]], y_pred: [[0.5, 0.5]] }), f64, { steps: 1 }).main;
    expect(Number.isNaN(r.optimum![0])).toBe(true);
    expect(trainRun(req('loss', 'CTC', LOSSES[7][2]), f64, { steps: 1 }).main.optimum).toBeNull();
  });
});

describe('focal loss: easy samples move less with gamma > 0', () => {
  for (const name of ['BinaryFocalCrossentropy', 'CategoricalFocalCrossentropy']) {
    it(name, () => {
      const data = name.startsWith('Binary')
        ? { y_true: [[1], [1]], y_pred: [[0.9], [0.2]] }
        : { y_true: [[1, 0, 0], [1, 0, 0]], y_pred: [[0.9, 0.05, 0.05], [0.2, 0.4, 0.4]] };
      const run = trainRun(req('loss', name, data, { gamma: 2 }), f64, { steps: 20, learning_rate: 0.5, compare: { config: { gamma: 0 } } });
      const moved = (t: typeof run.main, s: number) => t.trueProb[20 * 2 + s] - t.trueProb[s];
      expect(run.compare!.label).toBe('gamma=0');
      // Sample 0 is easy (p_t = 0.9): it moves, but less under gamma = 2 than under gamma = 0.
      expect(moved(run.main, 0)).toBeGreaterThan(0);
      expect(moved(run.main, 0)).toBeLessThan(0.5 * moved(run.compare!, 0));
      // The hard sample is down-weighted far less than the easy one.
      expect(moved(run.main, 1) / moved(run.compare!, 1)).toBeGreaterThan(moved(run.main, 0) / moved(run.compare!, 0));
    });
  }
});

describe('clipping: where Keras clips a probability, the update is exactly zero', () => {
  it('binary cross-entropy on probabilities: an entry past 1 − ε stays frozen, right or wrong', () => {
    // Entry 0 is right and saturated, entry 1 is wrong and saturated, entry 2 is ordinary.
    const r = req('loss', 'BinaryCrossentropy', { y_true: [[1, 0, 1]], y_pred: [[1 - 1e-8, 1 - 1e-8, 0.4]] });
    for (const kerasBackend of ['tensorflow', 'jax', 'torch'] as const) {
      const t = trainRun(r, { dtype: 'float32', kerasBackend }, { steps: 50, learning_rate: 1, detailStep: 3 }).main;
      expect(Math.abs(t.detail!.grad[0])).toBe(0);
      expect(Math.abs(t.detail!.update[0])).toBe(0);
      expect(Math.abs(t.detail!.update[1])).toBe(0);
      expect(t.detail!.update[2]).toBeGreaterThan(0);
      expect(Array.from(t.clipped)).toEqual(new Array(51).fill(2));
      expect(t.finalPred[1]).toBe(t.detail!.yPred[1]); // the wrong answer never moves
    }
  });

  it('categorical cross-entropy: a row whose true class is past 1 − ε gets no update at all', () => {
    const r = req('loss', 'CategoricalCrossentropy', { y_true: [[0, 1, 0], [1, 0, 0]], y_pred: [[1e-9, 1 - 2e-9, 1e-9], [0.3, 0.3, 0.4]] });
    const t = trainRun(r, { dtype: 'float32' }, { steps: 5, learning_rate: 1, detailStep: 0 }).main;
    expect(Array.from(t.detail!.update.subarray(0, 3), Math.abs)).toEqual([0, 0, 0]);
    expect(t.detail!.update.subarray(3).some((d) => d !== 0)).toBe(true);
    expect(t.clipped[0]).toBe(3);
  });

  it('from logits nothing is clipped and the same entries learn', () => {
    const t = trainRun(req('loss', 'BinaryCrossentropy', { y_true: [[0]], y_pred: [[17]] }, { from_logits: true }), { dtype: 'float32' }, { steps: 3, learning_rate: 1 }).main;
    expect(Array.from(t.clipped)).toEqual([0, 0, 0, 0]);
    expect(t.finalLogits[0]).toBeLessThan(17);
  });
});

describe('what the true-class probability is, per family', () => {
  const at0 = (r: ReturnType<typeof trainRun>['main']) => Array.from(r.trueProb.subarray(0, r.samples.length));

  it('sparse: softmax at the label, NaN where ignore_class; categorical: at argmax y_true', () => {
    const s = trainRun(req('loss', 'SparseCategoricalCrossentropy', { y_true: [2, 1], y_pred: [[0.1, 0.2, 0.7], [0.3, 0.3, 0.4]] }, { ignore_class: 1 }), f64, { steps: 1 }).main;
    expect(s.trueProbKind).toBe('label');
    expect(at0(s)[0]).toBeCloseTo(0.7, 14);
    expect(Number.isNaN(at0(s)[1])).toBe(true);
    expect(s.meanTrueProb[0]).toBeCloseTo(0.7, 14);
    const c = trainRun(req('loss', 'CategoricalCrossentropy', { y_true: [[0.2, 0.8, 0]], y_pred: [[0.5, 0.25, 0.25]] }), f64, { steps: 1 }).main;
    expect([c.trueProbKind, at0(c)[0]]).toEqual(['class', expect.closeTo(0.25, 14)]);
    expect(c.optimum![0]).toBeCloseTo(0.8, 14); // soft labels: the minimum puts p at y
  });

  it('binary: the mean over entries of the probability given to each 0/1 label', () => {
    const b = trainRun(req('loss', 'BinaryCrossentropy', { y_true: [[1, 0, 1]], y_pred: [[0.9, 0.2, 0.4]] }), f64, { steps: 1 }).main;
    expect([b.trueProbKind, at0(b)[0]]).toEqual(['entries', expect.closeTo((0.9 + 0.8 + 0.4) / 3, 14)]);
  });

  it('Poisson: the mean Poisson probability of the observed counts; its optimum puts the rate at y', () => {
    const p = trainRun(req('loss', 'Poisson', { y_true: [[2, 0]], y_pred: [[1.5, 0.5]] }), f64, { steps: 1 }).main;
    const pmf = (k: number, lam: number) => (lam ** k * Math.exp(-lam)) / [1, 1, 2][k];
    expect([p.trueProbKind, at0(p)[0]]).toEqual(['count', expect.closeTo((pmf(2, 1.5) + pmf(0, 0.5)) / 2, 12)]);
    expect(p.optimum![0]).toBeCloseTo((pmf(2, 2) + 1) / 2, 12);
  });

  it('KL divergence: the optimum is the clipped target distribution', () => {
    const k = trainRun(req('loss', 'KLDivergence', { y_true: [[0.6, 0.4, 0]], y_pred: [[0.3, 0.3, 0.4]] }), f64, { steps: 1000, learning_rate: 2 }).main;
    expect(k.optimum![0]).toBeCloseTo(0.6 / (1 + 1e-7), 14);
    expect(k.trueProb[1000 * k.samples.length]).toBeCloseTo(k.optimum![0], 3);
  });

  it('CTC: exp(−per-sample loss), the probability of the label sequence', () => {
    const r = req('loss', 'CTC', LOSSES[7][2], { reduction: 'none' });
    const t = trainRun(r, f64, { steps: 1 }).main;
    const v = evaluateLoss(r, f64).perSample.data;
    expect(t.trueProbKind).toBe('sequence');
    expect(at0(t)).toEqual(Array.from(v, (x) => expect.closeTo(Math.exp(-x), 6)));
  });
});
