/**
 * The chart sweeps are the engine's own numbers, batched: every point of a sweep equals a direct
 * evaluation at that parameter value, and the batched curve equals a per-point call.
 */
import { describe, expect, it } from 'vitest';
import {
  alphaSweep, ctcLattice, evaluate, gammaSweep, gradientCurve, labelSmoothingSweep,
  type LossRequest, type LossResult,
} from '../../src/engine/index';
import * as engine from '../../src/engine/index';
import { runJob } from '../../src/worker/runJob';

const f64 = { dtype: 'float64' as const, grad: false };
const loss = (req: LossRequest, config: Record<string, unknown>, opts: object = f64) =>
  evaluate({ ...req, config: { ...req.config, ...config } }, opts) as LossResult;
const close = (a: number, b: number, tol = 1e-10) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * (1 + Math.abs(b)));

const binary: LossRequest = {
  kind: 'loss', name: 'BinaryFocalCrossentropy', config: { gamma: 2, alpha: 0.3, label_smoothing: 0.1 },
  y_true: [[0, 1, 1], [1, 0, 0], [0, 0, 1]],
  y_pred: [[0.1, 0.8, 0], [0.6, 0.4, 0.2], [0.3, 1, 0.9]],
  sample_weight: [1, 0.5, 2],
};
const sparse: LossRequest = {
  kind: 'loss', name: 'SparseCategoricalCrossentropy', config: { ignore_class: 2 },
  y_true: [1, 2, 0], y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.1], [0.2, 0.3, 0.6]],
};

describe('gammaSweep', () => {
  it('matches BinaryFocalCrossentropy at each gamma, class balancing off and on', () => {
    const s = gammaSweep(binary, { dtype: 'float64' });
    expect(s.xs.length).toBe(101);
    expect(s.curves.map((c) => c.label)).toEqual(['apply_class_balancing=False', 'apply_class_balancing=True']);
    for (const n of [0, 13, 40, 100]) {
      s.curves.forEach((c, v) => {
        const r = loss(binary, { gamma: s.xs[n], apply_class_balancing: v === 1 });
        close(c.reduced![n], r.value.data[0]);
        s.samples.forEach((i, k) => close(c.perSample[k][n], r.perSample.data[i]));
      });
    }
    expect(s.current).toBe(2);
  });

  it('evaluates sparse labels as CategoricalFocalCrossentropy on one-hot rows, keeping ignore_class out of the mean', () => {
    const s = gammaSweep(sparse, { dtype: 'float64' }, { points: 11 });
    expect(s.loss).toBe('CategoricalFocalCrossentropy');
    const req: LossRequest = { ...sparse, name: 'CategoricalFocalCrossentropy', config: {}, y_true: [[0, 1, 0], [0, 0, 0], [1, 0, 0]] };
    for (let n = 0; n < 11; n++) {
      const r = loss(req, { gamma: s.xs[n] });
      close(s.curves[0].reduced![n], (r.perSample.data[0] + r.perSample.data[2]) / 2);
    }
  });

  it('honours axis, reduction and float32 clip bounds', () => {
    const req: LossRequest = { ...binary, config: { axis: 0, reduction: 'sum' }, sample_weight: null };
    const s = gammaSweep(req, { dtype: 'float32' }, { points: 6 });
    const r = loss(req, { gamma: s.xs[3] }, { dtype: 'float32', grad: false });
    close(s.curves[0].reduced![3], r.value.data[0], 1e-6);
    close(s.curves[0].perSample[2][3], r.perSample.data[2], 1e-6);
  });

  it('returns no reduced curve for a bare function call', () => {
    const s = gammaSweep({ ...binary, kind: 'function', name: 'binary_focal_crossentropy', sample_weight: null });
    expect(s.curves[0].reduced).toBeNull();
  });

  it('refuses losses without a focal form', () => {
    expect(() => gammaSweep({ kind: 'loss', name: 'Poisson', y_true: [[1]], y_pred: [[1]] })).toThrow(/cross-entropy/);
  });
});

describe('alphaSweep and labelSmoothingSweep', () => {
  it('alpha: linear with balancing, flat without', () => {
    const s = alphaSweep(binary, { dtype: 'float64' });
    const [off, on] = s.curves;
    for (const n of [0, 7, 20]) {
      close(on.reduced![n], loss(binary, { alpha: s.xs[n], apply_class_balancing: true }).value.data[0]);
      close(off.reduced![n], off.reduced![0]);
    }
  });

  it('alpha scales the categorical focal loss', () => {
    const req: LossRequest = { kind: 'loss', name: 'CategoricalCrossentropy', y_true: [[0, 1, 0]], y_pred: [[0.2, 0.5, 0.3]] };
    const s = alphaSweep(req, { dtype: 'float64' });
    close(s.curves[0].reduced![10], loss({ ...req, name: 'CategoricalFocalCrossentropy' }, { alpha: 0.5 }).value.data[0]);
  });

  it.each([
    ['BinaryCrossentropy', binary.y_true, binary.y_pred],
    ['BinaryFocalCrossentropy', binary.y_true, binary.y_pred],
    ['CategoricalCrossentropy', [[0, 1, 0], [1, 0, 0]], [[0.2, 0.5, 0.3], [0.9, 0.05, 0.05]]],
  ])('%s: every point equals an evaluation at that label_smoothing', (name, y_true, y_pred) => {
    const req: LossRequest = { kind: 'loss', name, y_true, y_pred };
    const s = labelSmoothingSweep(req, { dtype: 'float64' }, { points: 9 });
    for (let n = 0; n < 9; n++) close(s.curves[0].reduced![n], loss(req, { label_smoothing: s.xs[n] }).value.data[0]);
  });

  it('walks binary focal smoothing from one evaluation (logits, class balancing)', () => {
    const req: LossRequest = { kind: 'loss', name: 'BinaryFocalCrossentropy', config: { from_logits: true, apply_class_balancing: true, gamma: 1.5 },
      y_true: [[0, 1], [1, 1]], y_pred: [[-1.2, 3], [0.4, -2]], sample_weight: [0.5, 2] };
    const s = labelSmoothingSweep(req, { dtype: 'float64' }, { points: 7 });
    for (let n = 0; n < 7; n++) {
      const r = loss(req, { label_smoothing: s.xs[n] });
      close(s.curves[0].reduced![n], r.value.data[0]);
      close(s.curves[0].perSample[1][n], r.perSample.data[1]);
    }
  });

  it('smooths sparse labels as one-hot CategoricalCrossentropy', () => {
    const s = labelSmoothingSweep({ ...sparse, config: {} }, { dtype: 'float64' }, { points: 3 });
    expect(s.loss).toBe('CategoricalCrossentropy');
    const req: LossRequest = { ...sparse, name: 'CategoricalCrossentropy', config: {}, y_true: [[0, 1, 0], [0, 0, 1], [1, 0, 0]] };
    close(s.curves[0].reduced![1], loss(req, { label_smoothing: 0.5 }).value.data[0]);
  });
});

describe('gradientCurve', () => {
  const cce: LossRequest = { kind: 'loss', name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [1, 0, 0]], y_pred: [[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]] };

  it('holds the rest of the row and lets Keras renormalise; matches per-point evaluations', () => {
    const c = gradientCurve(cce, { dtype: 'float64' }, { row: 1, col: 0, points: 21 });
    expect(c.input).toBe('probability');
    expect(c.x0).toBe(0.6);
    for (const m of [1, 5, 12, 20]) {
      const x = c.xs[m];
      const r = evaluate({ kind: 'function', name: 'categorical_crossentropy', y_true: [[1, 0, 0]], y_pred: [[x, 0.3, 0.1]] }, { dtype: 'float64' }) as LossResult;
      close(c.curves[0].loss[m], r.perSample.data[0]);
      close(c.curves[0].grad[m], r.grad!.data[0]);
    }
    // r = x / (x + 0.4) leaves [1e-7, 1 - 1e-7] below 4e-8 and above ~4e6.
    close(c.clip![0], 4e-8, 1e-6);
    close(c.clip![1], 4e6, 1e-6);
  });

  it('marks the current point with the engine value and gradient of that sample', () => {
    const c = gradientCurve(cce, { dtype: 'float32' }, { row: 0, col: 1 });
    const r = evaluate({ ...cce, kind: 'function', name: 'categorical_crossentropy' }, { dtype: 'float32' }) as LossResult;
    expect(c.curves[0].current.loss).toBe(r.perSample.data[0]);
    expect(c.curves[0].current.grad).toBe(r.grad!.data[1]);
  });

  it('gives the gradient exactly 0 where the binary entry is clipped, and compares variants', () => {
    const req: LossRequest = { kind: 'loss', name: 'BinaryCrossentropy', y_true: [[1, 0]], y_pred: [[0.7, 0.2]] };
    const c = gradientCurve(req, { dtype: 'float32' }, {
      space: 'logit', variants: [{ label: 'f32' }, { label: 'f64', dtype: 'float64' }, { label: 'focal', name: 'binary_focal_crossentropy', config: { gamma: 2 } }],
    });
    expect(c.clip![0]).toBe(Math.fround(1e-7));
    const m = c.xs.findIndex((x) => x > 0 && x < c.clip![0]);
    expect(c.curves[0].grad[m]).toBe(0);
    expect(c.curves[0].loss[m]).toBeCloseTo((16.118095 - Math.log(0.8)) / 2, 5); // BCE averages the two entries
    expect(c.curves.map((v) => v.label)).toEqual(['f32', 'f64', 'focal']);
    expect(c.curves[2].loss[c.xs.length - 1]).toBeLessThan(c.curves[0].loss[c.xs.length - 1]);
  });

  it('sweeps logits for from_logits and sparse labels', () => {
    const c = gradientCurve({ ...sparse, config: { from_logits: true } }, { dtype: 'float64' }, { row: 0, col: 1, points: 11 });
    expect(c.input).toBe('logit');
    expect(c.clip).toBeNull();
    const m = 4, z = c.xs[m];
    const r = evaluate({ kind: 'function', name: 'sparse_categorical_crossentropy', config: { from_logits: true }, y_true: [1], y_pred: [[0.05, z, 0]] }, { dtype: 'float64' }) as LossResult;
    close(c.curves[0].grad[m], r.grad!.data[1]);
  });
});

describe('ctcLattice', () => {
  const req: LossRequest = {
    kind: 'loss', name: 'CTC', y_true: [[1, 2, 0], [1, 1, 0]],
    y_pred: Array.from({ length: 2 }, (_, b) => Array.from({ length: 5 }, (_, t) => [0.1 * t, 0.3 * b - 0.1 * t, 0.2, 0.05 * t * b])),
  };

  it('gives occupancies summing to 1 per step, a connected best path and the engine per-sample value and gradient', () => {
    const lat = ctcLattice(req, { dtype: 'float64' }, { sample: 1 });
    expect(lat.extended).toEqual([0, 1, 0, 1, 0]);
    const S = lat.extended.length;
    for (let t = 0; t < lat.T; t++) close(lat.occupancy.subarray(t * S, t * S + S).reduce((a, b) => a + b), 1, 1e-12);
    expect(lat.bestPath[0]).toBeLessThanOrEqual(1);
    lat.bestPath.slice(1).forEach((s, t) => expect(s - lat.bestPath[t]).toBeGreaterThanOrEqual(0));
    const r = evaluate({ ...req, kind: 'function', name: 'ctc' }, { dtype: 'float64' }) as LossResult;
    close(lat.loss, r.perSample.data[1]);
    lat.grad.forEach((g, k) => close(g, r.grad!.data[20 + k]));
  });
});

describe('through the worker protocol', () => {
  it('runs a whole gamma sweep as one extras call by export name', async () => {
    const out = await runJob(engine, [], { gamma: { fn: 'gammaSweep', args: [binary, { dtype: 'float64' }, { points: 5 }] } },
      { isStale: () => false, yieldNow: async () => {} });
    expect(out!.extras.gamma.ok).toBe(true);
  });
});
